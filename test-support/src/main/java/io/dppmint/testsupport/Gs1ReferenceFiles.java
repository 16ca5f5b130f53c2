package io.dppmint.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The GS1 reference files tests are driven by: the Barcode Syntax Dictionary, the GS1
 * Syntax Engine's Digital Link test vectors, the link type vocabulary and the linkset
 * schema. They are verbatim copies of the product's {@code shared/gs1/} folder, kept in
 * this module's resources ({@code gs1/}) so that a clone builds on its own; refresh them
 * from there, never edit them.
 */
public final class Gs1ReferenceFiles {

	/** The GS1 Barcode Syntax Dictionary. */
	public static final String SYNTAX_DICTIONARY = "gs1-syntax-dictionary.txt";

	/** The GS1 Syntax Engine's Digital Link parse and generate vectors. */
	public static final String DIGITAL_LINK_VECTORS = "gs1-syntax-engine-dl-vectors.json";

	/** The GS1 Web Vocabulary link types. */
	public static final String LINK_TYPES = "gs1-linktypes-webvoc-v1.16.json";

	/** The JSON schema of a GS1-conformant resolver's linkset. */
	public static final String LINKSET_SCHEMA = "gs1-linkset-schema.json";

	private Gs1ReferenceFiles() {
	}

	/**
	 * Open one of the files.
	 * @param name the file's name
	 * @return its content, to be closed by the caller
	 * @throws AssertionError if there is no such file (tests fail, never skip)
	 */
	public static InputStream open(String name) {
		InputStream in = Gs1ReferenceFiles.class.getResourceAsStream("/gs1/" + name);
		if (in == null) {
			throw new AssertionError("No GS1 reference file gs1/" + name + " on the test class path");
		}
		return in;
	}

	/**
	 * Read one of the files as UTF-8 text.
	 * @param name the file's name
	 * @return its content
	 */
	public static String read(String name) {
		try (InputStream in = open(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
