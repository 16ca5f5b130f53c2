package io.dppmint.core.gs1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.dppmint.testsupport.Gs1ReferenceFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Applies the Digital Link unit-test vectors of the GS1 Syntax Engine (the reference
 * implementation; {@code gs1-syntax-engine-dl-vectors.json}) to {@link DigitalLink}.
 * <p>
 * The engine reads and writes every GS1 key, qualifier and data attribute; this platform
 * only GTIN links with qualifiers 22, 10 and 21 and no data attributes. A vector applies
 * when:
 * <ul>
 * <li>its options are the engine's defaults: no zero-suppressed GTINs, no convenience
 * alphas, no unknown AIs. They are the only mode this platform has.</li>
 * <li>for {@code parseDLuri}: the URI has no query string, or an empty one. This
 * platform's links carry no data attributes and {@link DigitalLink#parse} ignores the
 * query, so the engine's verdict on such a URI may turn on attributes this platform never
 * reads.</li>
 * <li>for a {@code parseDLuri} vector that succeeds: the engine's AI data holds only AIs
 * 01, 22, 10 and 21. Other successes are keys and qualifiers this platform refuses.</li>
 * <li>every {@code parseDLuri} vector that fails and passes the two rules above applies:
 * what this platform accepts is a subset of what the engine accepts, so everything the
 * engine rejects must be rejected here too. The one deliberate exception, a single
 * trailing slash, is pinned by its own test below; no applicable vector has one.</li>
 * <li>for {@code generateDLuri}: the vector succeeds and the engine's URI has a path of
 * 01 with only 22, 10 and 21. The expected URI is compared without its query string: the
 * engine writes other AIs of the input there as data attributes, which this platform
 * never writes. Vectors that fail need AI combinations a {@link DigitalLink} cannot hold
 * (no GTIN, AI 235, AI 8200, unknown AIs).</li>
 * </ul>
 * A vector with the stem {@code null} uses the engine's default stem
 * {@code https://id.gs1.org}.
 */
class SyntaxEngineDigitalLinkVectorTests {

	private static final String ENGINE_DEFAULT_STEM = "https://id.gs1.org";

	private static final Options DEFAULT_OPTIONS = new Options(false, false, false, true);

	/**
	 * Vectors whose transcription into the JSON file lost their expected AI data: the
	 * engine's source (dl.c) expects {@code ^011231231231233322ABC+123^99ABC^98XYZ/987}
	 * for line 1601 and an empty string for line 1605, but the file has {@code "+"} for
	 * both. Neither applies (both have a query string); they are listed so that any other
	 * malformed entry fails this test rather than being filtered out unnoticed.
	 */
	private static final Set<Integer> KNOWN_MALFORMED_AI_DATA = Set.of(1601, 1605);

	private static final Pattern BRACKETED_ELEMENT = Pattern.compile("\\((\\d{2,4})\\)([^(]*)");

	private static Vectors vectors;

	@BeforeAll
	static void readVectors() {
		JsonMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		vectors = mapper.readValue(Gs1ReferenceFiles.read(Gs1ReferenceFiles.DIGITAL_LINK_VECTORS), Vectors.class);
	}

	static Stream<Arguments> applicableParseVectors() {
		readVectors();
		return vectors.parseDLuri().stream().filter(ParseVector::applies).map((vector) -> Arguments.of(vector));
	}

	static Stream<Arguments> applicableGenerateVectors() {
		readVectors();
		return vectors.generateDLuri().stream().filter(GenerateVector::applies).map((vector) -> Arguments.of(vector));
	}

	@Test
	void appliesEnoughVectorsOfEachKind() {
		List<ParseVector> parse = vectors.parseDLuri().stream().filter(ParseVector::applies).toList();
		long succeeding = parse.stream().filter(ParseVector::shouldSucceed).count();
		List<GenerateVector> generate = vectors.generateDLuri().stream().filter(GenerateVector::applies).toList();
		System.out.printf(
				"GS1 Syntax Engine Digital Link vectors applied: parse %d of %d (%d succeed, %d fail), "
						+ "generate %d of %d%n",
				parse.size(), vectors.parseDLuri().size(), succeeding, parse.size() - succeeding, generate.size(),
				vectors.generateDLuri().size());
		assertThat(succeeding).as("applicable parse vectors that succeed").isGreaterThanOrEqualTo(15);
		assertThat(parse.size() - succeeding).as("applicable parse vectors that fail").isGreaterThanOrEqualTo(25);
		assertThat(generate).as("applicable generate vectors").hasSizeGreaterThanOrEqualTo(10);
	}

	@Test
	void everyVectorThatSucceedsHasWellFormedAiData() {
		assertThat(vectors.parseDLuri())
			.filteredOn((vector) -> vector.shouldSucceed() && !vector.expectedAIdata().startsWith("^"))
			.extracting(ParseVector::line)
			.containsExactlyInAnyOrderElementsOf(
					KNOWN_MALFORMED_AI_DATA.stream().filter((line) -> vector(line).shouldSucceed()).toList());
		assertThat(vectors.parseDLuri()).filteredOn((vector) -> KNOWN_MALFORMED_AI_DATA.contains(vector.line()))
			.allSatisfy((vector) -> assertThat(vector.applies()).isFalse());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("applicableParseVectors")
	void parseAgreesWithTheSyntaxEngine(ParseVector vector) {
		if (vector.shouldSucceed()) {
			assertThat(aiData(DigitalLink.parse(vector.input()))).as("%s", vector).isEqualTo(vector.expectedAIdata());
		}
		else {
			assertThatExceptionOfType(InvalidGs1DataException.class).as("%s", vector)
				.isThrownBy(() -> DigitalLink.parse(vector.input()));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("applicableGenerateVectors")
	void toUriAgreesWithTheSyntaxEngine(GenerateVector vector) {
		String stem = (vector.stem() != null) ? vector.stem() : ENGINE_DEFAULT_STEM;
		assertThat(vector.link().toUri(stem)).as("%s", vector).isEqualTo(withoutQuery(vector.expectedURI()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("applicableGenerateVectors")
	void parseReadsBackWhatTheSyntaxEngineGenerates(GenerateVector vector) {
		assertThat(DigitalLink.parse(vector.expectedURI())).as("%s", vector).isEqualTo(vector.link());
	}

	/**
	 * The encoding rule of {@link UriSyntax} as the generate vectors show it: each
	 * character of a path value either appears as itself or as its escape.
	 */
	@Test
	void pathEncodingAgreesWithEveryCharacterTheGenerateVectorsShow() {
		Set<Character> literal = new TreeSet<>();
		Set<Character> escaped = new TreeSet<>();
		for (GenerateVector vector : vectors.generateDLuri().stream().filter(GenerateVector::applies).toList()) {
			List<String> segments = List.of(pathOf(vector).substring(1).split("/"));
			for (int i = 0; i < segments.size(); i += 2) {
				String encoded = segments.get(i + 1);
				for (int j = 0; j < encoded.length(); j++) {
					if (encoded.charAt(j) == '%') {
						escaped.add((char) Integer.parseInt(encoded, j + 1, j + 3, 16));
						j += 2;
					}
					else {
						literal.add(encoded.charAt(j));
					}
				}
			}
		}
		System.out.printf("Generate vectors show literally %s and percent-encoded %s%n", literal, escaped);
		assertThat(escaped).as("characters the vectors encode").isNotEmpty().noneMatch(UriSyntax::isUnreserved);
		assertThat(literal).as("characters the vectors leave as they are").allMatch(UriSyntax::isUnreserved);
	}

	/**
	 * The engine rejects a path that ends in a slash (line 1532, "Can't end in slash");
	 * this platform tolerates one, because a resolver cannot stop people or tools from
	 * adding it.
	 */
	@Test
	void toleratesTheTrailingSlashThatTheSyntaxEngineRejects() {
		ParseVector engine = vector(1532);
		assertThat(engine.shouldSucceed()).isFalse();
		assertThat(engine.input()).endsWith("/");
		assertThatNoException().isThrownBy(() -> DigitalLink.parse("https://a/stem/01/12312312312333/"));
	}

	/**
	 * Line 1601 does not apply (it has a query string) and its expected data was lost in
	 * transcription, but its path part is in scope: {@code '+'} in a path is a plus.
	 */
	@Test
	void readsPlusInAPathAsTheSyntaxEngineDoes() {
		String input = vector(1601).input();
		assertThat(DigitalLink.parse(input))
			.isEqualTo(new DigitalLink(new Gtin("12312312312333"), "ABC+123", null, null));
	}

	private static ParseVector vector(int line) {
		return vectors.parseDLuri().stream().filter((vector) -> vector.line() == line).findFirst().orElseThrow();
	}

	/**
	 * The link as an AI data string in the engine's notation: {@code ^} for FNC1 at the
	 * start and as the separator after an AI without predefined length.
	 */
	static String aiData(DigitalLink link) {
		StringBuilder data = new StringBuilder("^").append(ApplicationIdentifier.GTIN.code())
			.append(link.gtin().value());
		boolean separator = !ApplicationIdentifier.GTIN.predefinedLength();
		for (ApplicationIdentifier qualifier : ApplicationIdentifier.GTIN_QUALIFIERS) {
			String value = switch (qualifier) {
				case CPV -> link.cpv();
				case BATCH_LOT -> link.lot();
				case SERIAL -> link.serial();
				case GTIN -> throw new IllegalStateException();
			};
			if (value != null) {
				data.append(separator ? "^" : "").append(qualifier.code()).append(value);
				separator = !qualifier.predefinedLength();
			}
		}
		return data.toString();
	}

	/**
	 * Whether AI data in the engine's notation holds only a GTIN and this platform's
	 * qualifiers.
	 */
	private static boolean onlyPlatformAis(String aiData) {
		String key = "^" + ApplicationIdentifier.GTIN.code();
		int qualifiersStart = key.length() + ApplicationIdentifier.GTIN.maxLength();
		if (!aiData.startsWith(key) || aiData.length() < qualifiersStart) {
			return false;
		}
		if (aiData.length() == qualifiersStart) {
			return true;
		}
		for (String element : aiData.substring(qualifiersStart).split("\\^", -1)) {
			if (element.length() < 3 || ApplicationIdentifier.gtinQualifier(element.substring(0, 2)) == null) {
				return false;
			}
		}
		return true;
	}

	private static String withoutQuery(String uri) {
		int query = uri.indexOf('?');
		return (query >= 0) ? uri.substring(0, query) : uri;
	}

	/**
	 * The Digital Link path of a generate vector's expected URI.
	 */
	private static String pathOf(GenerateVector vector) {
		String stem = (vector.stem() != null) ? vector.stem() : ENGINE_DEFAULT_STEM;
		stem = stem.endsWith("/") ? stem.substring(0, stem.length() - 1) : stem;
		String uri = withoutQuery(vector.expectedURI());
		assertThat(uri).as("expected URI of line %d", vector.line()).startsWith(stem + "/");
		return uri.substring(stem.length());
	}

	record Vectors(Source source, List<ParseVector> parseDLuri, List<GenerateVector> generateDLuri) {
	}

	record Source(String repo, String path, String commit, String licence, String note) {
	}

	record Options(boolean permitZeroSuppressedGTIN, boolean permitConvenienceAlphas, boolean permitUnknownAIs,
			boolean unknownAInotDLattr) {
	}

	record ParseVector(int line, boolean shouldSucceed, Options options, String input, String expectedAIdata) {

		boolean applies() {
			int query = this.input.indexOf('?');
			boolean queryData = query >= 0 && query + 1 < this.input.length() && this.input.charAt(query + 1) != '#';
			return this.options.equals(DEFAULT_OPTIONS) && !queryData
					&& (!this.shouldSucceed || onlyPlatformAis(this.expectedAIdata));
		}

		@Override
		public String toString() {
			return "line " + this.line + ": " + this.input
					+ (this.shouldSucceed ? " => " + this.expectedAIdata : " fails");
		}

	}

	record GenerateVector(int line, boolean shouldSucceed, Options options, String stem, String inputAIdata,
			String expectedURI) {

		boolean applies() {
			if (!this.options.equals(DEFAULT_OPTIONS) || !this.shouldSucceed) {
				return false;
			}
			List<String> segments = List.of(pathOf(this).substring(1).split("/", -1));
			if (segments.size() % 2 != 0 || !segments.get(0).equals(ApplicationIdentifier.GTIN.code())) {
				return false;
			}
			for (int i = 2; i < segments.size(); i += 2) {
				if (ApplicationIdentifier.gtinQualifier(segments.get(i)) == null) {
					return false;
				}
			}
			return true;
		}

		/**
		 * The input's GTIN and qualifiers as a link; its other AIs are left out.
		 */
		DigitalLink link() {
			Map<String, String> values = new LinkedHashMap<>();
			Matcher element = BRACKETED_ELEMENT.matcher(this.inputAIdata);
			int end = 0;
			while (element.find() && element.start() == end) {
				String previous = values.putIfAbsent(element.group(1), element.group(2));
				assertThat(previous).as("repeated AI (%s) of line %d", element.group(1), this.line)
					.isIn(null, element.group(2));
				end = element.end();
			}
			assertThat(end).as("end of the AI data of line %d", this.line).isEqualTo(this.inputAIdata.length());
			return new DigitalLink(new Gtin(values.get("01")), values.get("22"), values.get("10"), values.get("21"));
		}

		@Override
		public String toString() {
			return "line " + this.line + ": " + this.inputAIdata + " => " + this.expectedURI;
		}

	}

}
