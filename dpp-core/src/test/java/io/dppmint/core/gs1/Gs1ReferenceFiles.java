package io.dppmint.core.gs1;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The GS1 reference files that the product's design keeps beside this repository, in
 * {@code shared/gs1/}. Tests that use them fail, never skip, when they are missing.
 */
final class Gs1ReferenceFiles {

	static final String SYNTAX_DICTIONARY = "gs1-syntax-dictionary.txt";

	static final String DIGITAL_LINK_VECTORS = "gs1-syntax-engine-dl-vectors.json";

	private Gs1ReferenceFiles() {
	}

	/**
	 * The file with the given name, found in {@code shared/gs1/} beside the working
	 * directory or beside any of its ancestors.
	 * @throws AssertionError if there is no such file
	 */
	static Path file(String name) {
		Path start = Path.of("").toAbsolutePath();
		for (Path directory = start; directory != null; directory = directory.getParent()) {
			Path candidate = directory.resolve("shared").resolve("gs1").resolve(name);
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		throw new AssertionError("No shared/gs1/" + name + " found beside " + start + " or any folder above it");
	}

}
