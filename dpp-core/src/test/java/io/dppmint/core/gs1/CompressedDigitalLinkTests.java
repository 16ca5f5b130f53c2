package io.dppmint.core.gs1;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * GS1 Digital Link: Compression (the compression format the GS1-Conformant Resolver
 * standard 1.2, section 3.2, requires a resolver to read), checked against URIs that
 * GS1's reference implementation compressed, with and without its optimisation table.
 */
class CompressedDigitalLinkTests {

	static List<Vector> vectors() throws IOException {
		try (InputStream in = CompressedDigitalLinkTests.class
			.getResourceAsStream("/gs1/dl-compression-vectors.json")) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			List<Vector> vectors = new ArrayList<>();
			for (JsonNode vector : root.get("vectors")) {
				vectors.add(new Vector(vector.get("uncompressed").asString(), vector.get("compressed").asString()));
			}
			return vectors;
		}
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void decompressesWhatTheReferenceImplementationCompressed(Vector vector) {
		String stem = "https://id.example.com";
		String uncompressed = vector.uncompressed();
		int query = uncompressed.indexOf('?');
		DigitalLink expected = DigitalLink.parse(uncompressed);

		CompressedDigitalLink.Decompressed decompressed = CompressedDigitalLink
			.decompress(vector.compressed().substring(stem.length()));

		assertThat(decompressed.link()).isEqualTo(expected);
		if (query >= 0) {
			String[] pair = uncompressed.substring(query + 1).split("=");
			assertThat(decompressed.dataAttributes()).containsEntry(pair[0], pair[1]);
		}
		else {
			assertThat(decompressed.dataAttributes()).isEmpty();
		}
	}

	@Test
	void readsAPartlyCompressedLinkWhosePrimaryKeyIsUncompressed() {
		// "IQYeJA" is AI 21 alone: 0010 0001, encoding 000 (digits), length 00110 (6),
		// then 123456 in 20 bits, padded to whole base64 characters.
		DigitalLink whole = CompressedDigitalLink.decompress("/ARFKk4XBoEIMPEgA").link();
		DigitalLink partly = CompressedDigitalLink.decompress("/01/09506000134352/IQYeJA").link();

		assertThat(whole).isEqualTo(new DigitalLink(new Gtin("09506000134352"), null, null, "123456"));
		assertThat(partly).isEqualTo(whole);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/AB", "/ZZZZZZZZ", "/01/09506000134352/21/X", "/a+b", "/EQ", "/ARFKk4XBo" })
	void rejectsWhatIsNotACompressedDigitalLinkOfAGtin(String path) {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> CompressedDigitalLink.decompress(path));
	}

	@Test
	void tellsSegmentsThatCouldBeCompressedFromOthers() {
		assertThat(CompressedDigitalLink.isCompressedSegment("DBFKk4XBoNi-5XqAuxnaeoA")).isTrue();
		assertThat(CompressedDigitalLink.isCompressedSegment("a/b")).isFalse();
		assertThat(CompressedDigitalLink.isCompressedSegment("a.b")).isFalse();
		assertThat(CompressedDigitalLink.isCompressedSegment("")).isFalse();
	}

	record Vector(String uncompressed, String compressed) {

		@Override
		public String toString() {
			return this.compressed;
		}

	}

}
