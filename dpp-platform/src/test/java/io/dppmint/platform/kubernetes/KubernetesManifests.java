package io.dppmint.platform.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The documents of the manifests in {@code deploy/kubernetes/}, read as
 * {@code kubectl apply -f deploy/kubernetes/} reads them: every {@code .yaml} file, every
 * document in it.
 */
final class KubernetesManifests {

	static final Path DIRECTORY = Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();

	private KubernetesManifests() {
	}

	/** One document and the file it is in. */
	record Manifest(String file, Map<String, Object> document) {

		String kind() {
			return (String) this.document.get("kind");
		}

		String name() {
			Object metadata = this.document.get("metadata");
			return (metadata instanceof Map<?, ?> map) ? String.valueOf(map.get("name")) : null;
		}

		@Override
		public String toString() {
			return this.file + ": " + kind() + " " + name();
		}

	}

	static List<Manifest> all() {
		List<Manifest> manifests = new ArrayList<>();
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).sorted().toList()) {
				for (Map<String, Object> document : parse(Files.readString(file))) {
					manifests.add(new Manifest(file.getFileName().toString(), document));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return manifests;
	}

	static String read(String file) {
		try {
			return Files.readString(DIRECTORY.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> parse(String yaml) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (!(document instanceof Map)) {
				throw new IllegalArgumentException("Not a YAML mapping: " + document);
			}
			documents.add((Map<String, Object>) document);
		}
		return documents;
	}

}
