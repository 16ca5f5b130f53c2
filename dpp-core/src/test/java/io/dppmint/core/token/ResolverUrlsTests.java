package io.dppmint.core.token;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.testsupport.Gs1ReferenceFiles;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The resolver URL of both kinds of brand: GS1 Digital Links checked against the design's
 * example and the GS1 Syntax Engine's generate vectors, and {@code <base>/t/<public id>}
 * for the others, which the resolver reads back; a signed unit's Digital Link with its AI
 * 8030 data attribute.
 */
class ResolverUrlsTests {

	private static final String ENGINE_DEFAULT_STEM = "https://id.gs1.org";

	private static final Pattern BRACKETED_ELEMENT = Pattern.compile("\\((\\d{2,4})\\)([^(]*)");

	private static final IdentifierScheme identifiers = new IdentifierScheme(
			Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));

	@Test
	void writesTheDesignsDigitalLinkExample() {
		ResolverUrls urls = ResolverUrls.forTokens("https://id.example.com", true, new Gtin("09506000134352"), "LOT7");

		assertThat(urls.url("X3K9QF2M7T1A"))
			.isEqualTo("https://id.example.com/01/09506000134352/10/LOT7/21/X3K9QF2M7T1A");
	}

	@Test
	void writesTheSignedExampleOfDocsSignaturesWithItsAi8030Attribute() {
		ResolverUrls urls = ResolverUrls.forTokens("https://id.example.com", true, new Gtin("09506000134352"), null);
		DigitalSignature8030 signature = DigitalSignature8030
			.parse("AUkQSpsM7weLF8Oll_co7jkHtxp-OxJuCk5HKUg4Mdon8_wPvz0DSxa_cOCLpiWtqwO53WQleIsf3brEoPWsSNY");

		assertThat(urls.url("X3K9QF2M7T1AB", signature))
			.isEqualTo("https://id.example.com/01/09506000134352/21/X3K9QF2M7T1AB"
					+ "?8030=AUkQSpsM7weLF8Oll_co7jkHtxp-OxJuCk5HKUg4Mdon8_wPvz0DSxa_cOCLpiWtqwO53WQleIsf3brEoPWsSNY");
		assertThat(urls.url("X3K9QF2M7T1AB", null)).isEqualTo(urls.url("X3K9QF2M7T1AB"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResolverUrls.publicIds("https://id.example.com").url("X3K9QF2M7T1AB", signature))
			.withMessageContaining("Only GS1 Digital Links carry an AI 8030 signature");
	}

	@Test
	void writesAPublicIdUrlForABrandWithoutGtins() {
		String identifier = identifiers.encode(42);

		assertThat(ResolverUrls.forTokens("https://id.example.com", false, null, null).url(identifier))
			.isEqualTo("https://id.example.com/t/" + identifier);
		assertThat(ResolverUrls.publicIds("https://id.example.com/dpp/").url(identifier))
			.isEqualTo("https://id.example.com/dpp/t/" + identifier);
	}

	@Test
	void usesDigitalLinksOnlyForAGs1ReadyBrandsProductWithAGtin() {
		Gtin gtin = new Gtin("09506000134352");
		String identifier = identifiers.encode(7);

		assertThat(ResolverUrls.url("https://id.example.com", true, gtin, null, identifier))
			.isEqualTo("https://id.example.com/01/09506000134352/21/" + identifier);
		assertThat(ResolverUrls.url("https://id.example.com", false, gtin, "LOT7", identifier))
			.isEqualTo("https://id.example.com/t/" + identifier);
		assertThat(ResolverUrls.url("https://id.example.com", true, null, null, identifier))
			.isEqualTo("https://id.example.com/t/" + identifier);
		assertThat(ResolverUrls.usesDigitalLinks(true, gtin)).isTrue();
		assertThat(ResolverUrls.usesDigitalLinks(true, null)).isFalse();
		assertThat(ResolverUrls.usesDigitalLinks(false, gtin)).isFalse();
	}

	static Stream<Arguments> generateVectors() {
		JsonNode vectors = JsonMapper.builder()
			.build()
			.readTree(Gs1ReferenceFiles.read(Gs1ReferenceFiles.DIGITAL_LINK_VECTORS));
		List<Arguments> applicable = new ArrayList<>();
		for (JsonNode vector : vectors.path("generateDLuri")) {
			JsonNode options = vector.path("options");
			boolean defaults = !options.path("permitZeroSuppressedGTIN").asBoolean()
					&& !options.path("permitConvenienceAlphas").asBoolean()
					&& !options.path("permitUnknownAIs").asBoolean();
			if (!defaults || !vector.path("shouldSucceed").asBoolean()) {
				continue;
			}
			String uri = vector.path("expectedURI").asString().replaceFirst("\\?.*$", "");
			String stem = vector.path("stem").isNull() ? ENGINE_DEFAULT_STEM : vector.path("stem").asString();
			String path = uri.substring(stem.replaceFirst("/$", "").length());
			// GTIN links with a lot and a serial at most: the URLs this platform writes.
			if (path.matches("/01/\\d{14}(/10/[^/]+)?(/21/[^/]+)?")) {
				Map<String, String> ais = ais(vector.path("inputAIdata").asString());
				applicable.add(Arguments.of(vector.path("line").asInt(), stem, new Gtin(ais.get("01")), ais.get("10"),
						ais.get("21"), uri));
			}
		}
		assertThat(applicable).as("applicable generate vectors").hasSizeGreaterThanOrEqualTo(6);
		return applicable.stream();
	}

	@ParameterizedTest(name = "line {0}")
	@MethodSource("generateVectors")
	void writesDigitalLinksAsTheGs1SyntaxEngineDoes(int line, String stem, Gtin gtin, String lot, String serial,
			String expected) {
		ResolverUrls urls = ResolverUrls.forTokens(stem, true, gtin, lot);
		if (serial != null) {
			assertThat(urls.url(serial)).isEqualTo(expected);
		}
		else {
			String identifier = identifiers.encode(line);
			assertThat(urls.url(identifier)).isEqualTo(expected + "/21/" + identifier);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "LOT7", "A/B", "50%off", "a+b", "!\"%&'()*+,-./:;<=>?", "12345678901234567890" })
	void writesExactlyWhatDigitalLinkWritesForEveryIdentifier(String lot) {
		Gtin gtin = new Gtin("09506000134352");
		ResolverUrls urls = ResolverUrls.forTokens("https://id.example.com/dl", true, gtin, lot);
		StringBuilder appended = new StringBuilder();
		for (int i = 0; i < 200; i++) {
			String identifier = identifiers.encode(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
			String expected = new DigitalLink(gtin, null, lot, identifier).toUri("https://id.example.com/dl");
			assertThat(urls.url(identifier)).isEqualTo(expected);
			appended.setLength(0);
			assertThat(urls.appendTo(appended, identifier)).hasToString(expected);
		}
	}

	@Test
	void readsBackThePublicIdOfItsOwnPaths() {
		String identifier = identifiers.encode(99);
		String path = ResolverUrls.publicIdPath(identifier);

		assertThat(path).isEqualTo("/t/" + identifier);
		assertThat(ResolverUrls.publicIdIn(path)).isEqualTo(identifier);
		assertThat(ResolverUrls.publicIdIn(path + "/")).isEqualTo(identifier);
		assertThat(ResolverUrls.publicIdIn("/t/")).isEmpty();
		assertThat(ResolverUrls.publicIdIn("/t//")).isEmpty();
		assertThat(ResolverUrls.publicIdIn("/t")).isNull();
		assertThat(ResolverUrls.publicIdIn("/01/09506000134352/21/" + identifier)).isNull();
		String url = ResolverUrls.publicIds("https://id.example.com").url(identifier);
		assertThat(ResolverUrls.publicIdIn(url.substring("https://id.example.com".length()))).isEqualTo(identifier);
	}

	private static Map<String, String> ais(String bracketed) {
		Map<String, String> values = new LinkedHashMap<>();
		Matcher element = BRACKETED_ELEMENT.matcher(bracketed);
		while (element.find()) {
			values.putIfAbsent(element.group(1), element.group(2));
		}
		return values;
	}

}
