package io.dppmint.core.gs1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DigitalLinkTests {

	private static final Gtin GTIN = new Gtin("09506000134352");

	private static final String GTIN_PATH = "/01/09506000134352";

	@Test
	void writesTheDesignExampleWithLotAndSerial() {
		DigitalLink link = new DigitalLink(GTIN, null, "LOT7", "X3K9QF2M7T1A");
		assertThat(link.toUri("https://id.example.com"))
			.isEqualTo("https://id.example.com/01/09506000134352/10/LOT7/21/X3K9QF2M7T1A");
	}

	@Test
	void writesQualifiersInTheOrderCpvLotSerial() {
		DigitalLink link = new DigitalLink(GTIN, "2A", "LOT7", "S1");
		assertThat(link.toPath()).isEqualTo(GTIN_PATH + "/22/2A/10/LOT7/21/S1");
	}

	@Test
	void writesOnlyTheGtinWhenThereAreNoQualifiers() {
		assertThat(new DigitalLink(GTIN, null, null, null).toUri("https://id.example.com"))
			.isEqualTo("https://id.example.com" + GTIN_PATH);
	}

	@Test
	void keepsThePathPrefixOfTheBaseUrl() {
		assertThat(new DigitalLink(GTIN, null, null, "S1").toUri("https://example.com/dl"))
			.isEqualTo("https://example.com/dl" + GTIN_PATH + "/21/S1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com/", "https://example.com/dl/" })
	void ignoresOneTrailingSlashOfTheBaseUrl(String baseUrl) {
		assertThat(new DigitalLink(GTIN, null, null, "S1").toUri(baseUrl))
			.isEqualTo(baseUrl + GTIN_PATH.substring(1) + "/21/S1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "ftp://example.com", "example.com", "https://", "https:///dl",
			"https://user@example.com", "https://example.com/dl?x=1", "https://example.com/dl#top",
			"https://example.com/d l", "https://example.com/%zz" })
	void rejectsBaseUrlsThatAreNotUriStems(String baseUrl) {
		DigitalLink link = new DigitalLink(GTIN, null, null, "S1");
		assertThatIllegalArgumentException().isThrownBy(() -> link.toUri(baseUrl))
			.withMessageStartingWith(baseUrl.isBlank() ? "A resolver base URL is required" : "Resolver base URL '")
			.isNotInstanceOf(InvalidGs1DataException.class);
	}

	@Test
	void percentEncodesTheSet82CharactersThatAreNotUnreserved() {
		DigitalLink link = new DigitalLink(GTIN, "!\"%&'()*+,", "/:;<=>?", "-._Az09");
		assertThat(link.toPath())
			.isEqualTo(GTIN_PATH + "/22/%21%22%25%26%27%28%29%2A%2B%2C/10/%2F%3A%3B%3C%3D%3E%3F" + "/21/-._Az09");
	}

	@Test
	void readsTheDesignExample() {
		assertThat(DigitalLink.parse("https://id.example.com/01/09506000134352/10/LOT7/21/X3K9QF2M7T1A"))
			.isEqualTo(new DigitalLink(GTIN, null, "LOT7", "X3K9QF2M7T1A"));
	}

	@Test
	void readsAPathWithAllQualifiers() {
		assertThat(DigitalLink.parsePath(GTIN_PATH + "/22/2A/10/ABC123/21/12345"))
			.isEqualTo(new DigitalLink(GTIN, "2A", "ABC123", "12345"));
	}

	@Test
	void readsAUriBehindAPathPrefix() {
		assertThat(DigitalLink.parse("https://example.com/dl/v1" + GTIN_PATH + "/21/S1"))
			.isEqualTo(new DigitalLink(GTIN, null, null, "S1"));
	}

	@Test
	void readsTheRightmostPrimaryKeyWhenThePrefixLooksLikeOne() {
		assertThat(DigitalLink.parse("https://example.com/01/x" + GTIN_PATH + "/10/01"))
			.isEqualTo(new DigitalLink(GTIN, null, "01", null));
	}

	@Test
	void reportsTheMissingValueWhenALotLooksLikeThePrimaryKey() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parse("https://example.com" + GTIN_PATH + "/10/01/21"))
			.withMessage("AI 21 (SERIAL) has no value: the Digital Link path ends after /21");
	}

	@Test
	void reportsTheErrorAfterTheRightmostPrimaryKeyWhenTheStemLooksLikeOne() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parse("https://example.com/01/x" + GTIN_PATH + "/99/X"))
			.withMessageStartingWith("The Digital Link path has '99' where an AI is expected");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com" + GTIN_PATH + "/21/S1/",
			"HTTPS://example.com:8443" + GTIN_PATH + "/21/S1", "http://[2001:db8::1]" + GTIN_PATH + "/21/S1" })
	void toleratesTrailingSlashUpperCaseSchemePortsAndIpv6Hosts(String uri) {
		assertThat(DigitalLink.parse(uri)).isEqualTo(new DigitalLink(GTIN, null, null, "S1"));
	}

	@Test
	void toleratesOneTrailingSlashInAPath() {
		assertThat(DigitalLink.parsePath(GTIN_PATH + "/")).isEqualTo(new DigitalLink(GTIN, null, null, null));
	}

	@Test
	void rejectsTwoTrailingSlashes() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/21/S1//"))
			.withMessage("The Digital Link path has an empty segment where an AI is expected");
	}

	@Test
	void ignoresQueryAndFragmentOfAUri() {
		assertThat(DigitalLink.parse("https://example.com" + GTIN_PATH + "/21/S1?linkType=gs1:pip&17=201225#top"))
			.isEqualTo(new DigitalLink(GTIN, null, null, "S1"));
	}

	@Test
	void stillRejectsCharactersNoUriMayCarryInTheQuery() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parse("https://example.com" + GTIN_PATH + "?q=a b"))
			.withMessageEndingWith("has ' ' (U+0020) at position 42, which a URI may only carry percent-encoded");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "ABC%2d123 | ABC-123", "ABC%2D123 | ABC-123", "32a%2Fb | 32a/b", "ABC+123 | ABC+123",
					"%41%42 | AB", "A%25B | A%B", "%21%22%26%27%28%29%2A%2C%3A%3B%3C%3D%3E%3F | !\"&'()*,:;<=>?" })
	void decodesEscapesOfEitherCaseAndReadsPlusAsPlus(String raw, String value) {
		assertThat(DigitalLink.parsePath(GTIN_PATH + "/22/" + raw).cpv()).isEqualTo(value);
	}

	@Test
	void readsLiteralSubDelimitersThatNeedNoEncodingInAPath() {
		assertThat(DigitalLink.parsePath(GTIN_PATH + "/10/A!'()*,;=:B").lot()).isEqualTo("A!'()*,;=:B");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/21/AB%2 | 25", "/21/AB% | 25", "/21/AB%G1 | 25", "/21/%%41 | 23" })
	void rejectsMalformedPercentEscapes(String qualifier, int position) {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + qualifier))
			.withMessageEndingWith(" has a malformed percent-escape at position " + position
					+ ": '%' must be followed by two hexadecimal digits");
	}

	@Test
	void rejectsEscapedCharactersOutsideSet82() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/10/A%20B"))
			.withMessage("AI 10 (BATCH/LOT) value 'A B' has ' ' (U+0020) at position 2, "
					+ "which is outside GS1 character set 82");
	}

	@Test
	void rejectsEscapedNonAsciiNamingTheCharacter() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/10/A%C3%84"))
			.withMessage("AI 10 (BATCH/LOT) value 'A\\u00C4' has 'Ä' (U+00C4) at position 2, "
					+ "which is outside GS1 character set 82");
	}

	@Test
	void rejectsEscapesThatAreNotUtf8() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/10/A%C3"))
			.withMessage("AI 10 (BATCH/LOT) path segment 'A%C3' has percent-escapes that do not decode to UTF-8 text");
	}

	@Test
	void rejectsPercentEncodedNul() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/21/A%00"))
			.withMessage(
					"AI 21 (SERIAL) value 'A\\u0000' has (U+0000) at position 2, which is outside GS1 character set 82");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"", "<", ">", " ", "^", "`", "{", "|", "}", "[", "\\", "?", "#" })
	void rejectsCharactersAPathMayOnlyCarryPercentEncoded(String character) {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/21/A" + character))
			.withMessageStartingWith("Digital Link path '")
			.withMessageEndingWith(" at position 24, which a URI path may only carry percent-encoded");
	}

	@Test
	void rejectsQualifiersOutOfOrder() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/10/LOT7/22/2A"))
			.withMessage(
					"AI 22 (CPV) comes after AI 10 (BATCH/LOT) in the Digital Link path, but the order is 22, 10, 21");
	}

	@Test
	void rejectsSerialBeforeLot() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parse("https://example.com" + GTIN_PATH + "/21/S1/10/LOT7"))
			.withMessage("AI 10 (BATCH/LOT) comes after AI 21 (SERIAL) in the Digital Link path, "
					+ "but the order is 22, 10, 21");
	}

	@Test
	void rejectsRepeatedQualifier() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/21/S1/21/S2"))
			.withMessage("AI 21 (SERIAL) appears more than once in the Digital Link path");
	}

	@Test
	void rejectsRepeatedPrimaryKeyInAPath() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + GTIN_PATH))
			.withMessage("AI 01 (GTIN) appears more than once in the Digital Link path");
	}

	@ParameterizedTest
	@ValueSource(strings = { "235", "99", "17", "00", "ser", "lot" })
	void rejectsAisThisPlatformDoesNotUseAfterTheGtin(String ai) {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/" + ai + "/X"))
			.withMessage("The Digital Link path has '" + ai
					+ "' where an AI is expected, but only 22, 10, 21 may follow 01 (in that order)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/00/006141411234567890", "/414/9520123456788", "/8004/9520614141234567" })
	void rejectsOtherPrimaryKeys(String path) {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parse("https://id.gs1.org" + path))
			.withMessageEndingWith(" has no /01/ in its path, but this platform's Digital Links have the primary key "
					+ "AI 01 (GTIN)");
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> DigitalLink.parsePath(path))
			.withMessageEndingWith(" does not start with /01/, the primary key AI 01 (GTIN)");
	}

	@Test
	void rejectsQualifierWithoutValue() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/10/LOT7/21"))
			.withMessage("AI 21 (SERIAL) has no value: the Digital Link path ends after /21");
	}

	@Test
	void rejectsQualifierWithoutValueBeforeATrailingSlash() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parse("https://a" + GTIN_PATH + "/10/"))
			.withMessage("AI 10 (BATCH/LOT) has no value: the Digital Link path ends after /10");
	}

	@Test
	void rejectsEmptyValue() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/10//21/S1"))
			.withMessage("AI 10 (BATCH/LOT) has an empty value in the Digital Link path");
	}

	@Test
	void rejectsGtinWithoutValue() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> DigitalLink.parsePath("/01"))
			.withMessage("AI 01 (GTIN) has no value: the Digital Link path ends after /01");
	}

	@Test
	void rejectsTrailingSegmentsAfterTheLastValue() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parse("https://example.com" + GTIN_PATH + "/21/S1/extra"))
			.withMessage("The Digital Link path has 'extra' where an AI is expected, "
					+ "but only 22, 10, 21 may follow 01 (in that order)");
	}

	@Test
	void rejectsGtinWithWrongCheckDigit() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath("/01/09506000134353/21/S1"))
			.withMessage("AI 01 (GTIN) value '09506000134353' has check digit 3, but its other digits require 2");
	}

	@Test
	void rejectsZeroSuppressedGtinInAPath() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath("/01/9506000134352"))
			.withMessage("AI 01 (GTIN) value '9506000134352' has 13 characters, but it must have exactly 14");
	}

	@Test
	void rejectsSerialLongerThanTwentyCharacters() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalLink.parsePath(GTIN_PATH + "/21/ABCDEFGHIJ0123456789X"))
			.withMessage("AI 21 (SERIAL) value 'ABCDEFGHIJ0123456789X' has 21 characters, but it may have at most 20");
	}

	@Test
	void countsLengthAfterDecoding() {
		assertThat(DigitalLink.parsePath(GTIN_PATH + "/21/" + "%2F".repeat(20)).serial()).isEqualTo("/".repeat(20));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"ftp://example.com/01/09506000134352 | does not start with http:// or https://",
			"https:///01/09506000134352 | has no host", "https://example.com | has no /01/ in its path",
			"https://user@example.com/01/09506000134352 | has '@' (U+0040) at position 13, which its host may not contain",
			"https://[fe80::1%25lo]/01/09506000134352 | has '%' (U+0025) at position 17, which its host may not contain",
			"https://example.com/01/09506000134352<bad | has '<' (U+003C) at position 38, which a URI may only carry percent-encoded" })
	void rejectsUrisThatAreNotHttpDigitalLinks(String uri, String problem) {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> DigitalLink.parse(uri))
			.withMessageStartingWith("Digital Link URI '" + uri + "' " + problem);
	}

	@Test
	void rejectsMissingUriAndPath() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> DigitalLink.parse(null))
			.withMessage("A Digital Link URI is required");
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> DigitalLink.parsePath(""))
			.withMessage("A Digital Link path is required");
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> DigitalLink.parsePath("01/1"))
			.withMessage("Digital Link path '01/1' does not start with '/'");
	}

	@Test
	void rejectsAbsentGtinAndInvalidQualifiersOnConstruction() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> new DigitalLink(null, null, null, "S1"))
			.withMessage("A Digital Link needs AI 01 (GTIN)");
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> new DigitalLink(GTIN, null, "LOT 7", null))
			.withMessageStartingWith("AI 10 (BATCH/LOT) value 'LOT 7' has ' '");
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> new DigitalLink(GTIN, "", null, null))
			.withMessage("AI 22 (CPV) is blank");
	}

}
