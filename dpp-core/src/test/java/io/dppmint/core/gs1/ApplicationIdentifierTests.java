package io.dppmint.core.gs1;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ApplicationIdentifierTests {

	private static final String CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

	@Test
	void characterSet82HasExactlyTheEightyTwoCharactersOfTheGeneralSpecifications() {
		assertThat(CSET82).hasSize(82);
		assertThat(IntStream.rangeClosed(0, Character.MAX_CODE_POINT).filter(ApplicationIdentifier::isCharacterSet82))
			.containsExactlyElementsOf(CSET82.chars().boxed().toList());
	}

	@ParameterizedTest
	@EnumSource(names = { "CPV", "BATCH_LOT", "SERIAL" })
	void acceptsEveryCharacterOfSet82InAlphanumericAis(ApplicationIdentifier ai) {
		for (int start = 0; start < CSET82.length(); start += 20) {
			String value = CSET82.substring(start, Math.min(start + 20, CSET82.length()));
			assertThat(ai.requireValid(value)).isEqualTo(value);
		}
	}

	@Test
	void acceptsLotOfExactlyTwentyCharacters() {
		assertThat(ApplicationIdentifier.BATCH_LOT.requireValid("ABCDEFGHIJ0123456789")).hasSize(20);
	}

	@Test
	void rejectsLotLongerThanTwentyCharacters() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.BATCH_LOT.requireValid("ABCDEFGHIJ0123456789X"))
			.withMessage(
					"AI 10 (BATCH/LOT) value 'ABCDEFGHIJ0123456789X' has 21 characters, but it may have at most 20");
	}

	@Test
	void rejectsSerialLongerThanTwentyCharacters() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.SERIAL.requireValid("X".repeat(25)))
			.withMessage("AI 21 (SERIAL) value '" + "X".repeat(25) + "' has 25 characters, but it may have at most 20");
	}

	@Test
	void rejectsCpvLongerThanTwentyCharacters() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.CPV.requireValid("V".repeat(21)))
			.withMessageStartingWith("AI 22 (CPV) value ")
			.withMessageEndingWith(" has 21 characters, but it may have at most 20");
	}

	@Test
	void rejectsSpaceInLotNamingItsPosition() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.BATCH_LOT.requireValid("LOT 7"))
			.withMessage("AI 10 (BATCH/LOT) value 'LOT 7' has ' ' (U+0020) at position 4, "
					+ "which is outside GS1 character set 82");
	}

	@ParameterizedTest
	@ValueSource(strings = { "#", "$", "@", "[", "\\", "]", "^", "`", "{", "|", "}", "~" })
	void rejectsPrintableAsciiOutsideSet82(String character) {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.SERIAL.requireValid("AB" + character))
			.withMessageContaining("'" + character + "' (U+00")
			.withMessageEndingWith(" at position 3, which is outside GS1 character set 82");
	}

	@Test
	void rejectsNonAsciiLetterShowingItAndItsCodePoint() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.BATCH_LOT.requireValid("CHARGE-Ä1"))
			.withMessage("AI 10 (BATCH/LOT) value 'CHARGE-\\u00C41' has 'Ä' (U+00C4) at position 8, "
					+ "which is outside GS1 character set 82");
	}

	@Test
	void rejectsControlCharacterWithoutPrintingIt() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.SERIAL.requireValid("A\nB"))
			.withMessage("AI 21 (SERIAL) value 'A\\u000AB' has (U+000A) at position 2, "
					+ "which is outside GS1 character set 82");
	}

	@Test
	void countsPositionsInCharactersNotUtf16Units() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.SERIAL.requireValid("\uD83D\uDE00\uD83D\uDE00"))
			.withMessageEndingWith("has (U+1F600) at position 1, which is outside GS1 character set 82");
	}

	@Test
	void cutsLongValuesShortInMessages() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.SERIAL.requireValid("S".repeat(10_000)))
			.withMessage("AI 21 (SERIAL) value '" + "S".repeat(64)
					+ "...' has 10000 characters, but it may have at most 20");
	}

	@ParameterizedTest
	@EnumSource
	void rejectsMissingValue(ApplicationIdentifier ai) {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> ai.requireValid(null))
			.withMessage("AI " + ai.code() + " (" + ai.title() + ") is missing");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t " })
	void rejectsBlankSerial(String value) {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.SERIAL.requireValid(value))
			.withMessage("AI 21 (SERIAL) is blank");
	}

	@Test
	void acceptsGtinWithCorrectCheckDigit() {
		assertThat(ApplicationIdentifier.GTIN.requireValid("09506000134352")).isEqualTo("09506000134352");
	}

	@Test
	void rejectsGtinWithWrongCheckDigit() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.GTIN.requireValid("09506000134350"))
			.withMessage("AI 01 (GTIN) value '09506000134350' has check digit 0, but its other digits require 2");
	}

	@Test
	void rejectsGtinWithSet82LetterBecauseItIsNumeric() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.GTIN.requireValid("0950600013435A"))
			.withMessage("AI 01 (GTIN) value '0950600013435A' has 'A' (U+0041) at position 14, "
					+ "but only the digits 0 to 9 are allowed");
	}

	@Test
	void rejectsGtinOfFifteenDigits() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> ApplicationIdentifier.GTIN.requireValid("095060001343520"))
			.withMessage("AI 01 (GTIN) value '095060001343520' has 15 characters, but it must have exactly 14");
	}

	@Test
	void computesTheGs1CheckDigitOfTheGeneralSpecificationsExample() {
		assertThat(ApplicationIdentifier.checkDigit("629104150021", 12)).isEqualTo('3');
		assertThat(ApplicationIdentifier.checkDigit("0950600013435", 13)).isEqualTo('2');
	}

	@Test
	void namesItselfByCodeAndTitle() {
		assertThat(ApplicationIdentifier.BATCH_LOT).hasToString("AI 10 (BATCH/LOT)");
	}

}
