package io.dppmint.core.gs1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GtinTests {

	@ParameterizedTest
	@CsvSource({ "96385074, 00000096385074", "614141000036, 00614141000036", "9506000134352, 09506000134352",
			"09506000134352, 09506000134352", "10614141000033, 10614141000033" })
	void acceptsGtin8Gtin12Gtin13AndGtin14AndNormalisesToFourteenDigits(String text, String normalised) {
		assertThat(Gtin.parse(text).value()).isEqualTo(normalised);
	}

	@Test
	void ignoresSurroundingWhiteSpaceWhenParsing() {
		assertThat(Gtin.parse(" 9506000134352\t")).isEqualTo(new Gtin("09506000134352"));
	}

	@Test
	void printsAsItsFourteenDigits() {
		assertThat(Gtin.parse("96385074")).hasToString("00000096385074");
	}

	@Test
	void rejectsGtin13WithWrongCheckDigit() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gtin.parse("9506000134353"))
			.withMessage("GTIN 9506000134353 has check digit 3, but its other digits require 2");
	}

	@Test
	void rejectsGtin8WithWrongCheckDigit() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gtin.parse("96385075"))
			.withMessage("GTIN 96385075 has check digit 5, but its other digits require 4");
	}

	@Test
	void rejectsFourteenDigitsWithWrongCheckDigitOnConstruction() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> new Gtin("09506000134353"))
			.withMessage("AI 01 (GTIN) value '09506000134353' has check digit 3, but its other digits require 2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1234567", "123456789", "12345678901", "123456789012345" })
	void rejectsLengthsOtherThanEightTwelveThirteenAndFourteen(String text) {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gtin.parse(text))
			.withMessage("GTIN '" + text + "' has " + text.length() + " digits, but a GTIN has 8, 12, 13 or 14");
	}

	@Test
	void rejectsNonDigitsNamingTheCharacterAndItsPosition() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gtin.parse("95060001343-2"))
			.withMessage("GTIN '95060001343-2' has '-' (U+002D) at position 12, but a GTIN has digits only");
	}

	@Test
	void rejectsNonAsciiDigits() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gtin.parse("950600013435\u0662"))
			.withMessage("GTIN '950600013435\\u0662' has '\u0662' (U+0662) at position 13, but a GTIN has digits only");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\t\n" })
	void rejectsMissingOrBlankText(String text) {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gtin.parse(text))
			.withMessage("A GTIN is required");
	}

	@Test
	void rejectsNullOnConstruction() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> new Gtin(null))
			.withMessage("AI 01 (GTIN) is missing");
	}

	@Test
	void rejectsShortFormsOnConstructionBecauseItHoldsFourteenDigits() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> new Gtin("9506000134352"))
			.withMessage("AI 01 (GTIN) value '9506000134352' has 13 characters, but it must have exactly 14");
	}

	@Test
	void rejectsPaddedTextOnConstruction() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> new Gtin(" 9506000134352"))
			.withMessage("AI 01 (GTIN) value ' 9506000134352' has ' ' (U+0020) at position 1, "
					+ "but only the digits 0 to 9 are allowed");
	}

}
