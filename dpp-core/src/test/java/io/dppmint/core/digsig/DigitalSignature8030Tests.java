package io.dppmint.core.digsig;

import java.util.Arrays;

import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.testsupport.Gs1ReferenceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The AI 8030 value: GS1 Barcode Syntax Dictionary entry {@code 8030 ? Z..90} (format Z =
 * base64url, at most 90 characters, valid as a Digital Link data attribute), the regex
 * {@code ([0-9A-Za-z_-]{1,90})} of https://ref.gs1.org/ai/8030, and profile DPP-ES256-v1:
 * {@code keyNumber(1) || r(32) || s(32)} = 87 characters.
 */
class DigitalSignature8030Tests {

	@Test
	void syntaxDictionaryDeclares8030AsDataAttributeOfUpTo90Base64UrlCharacters() {
		String entry = Gs1ReferenceFiles.read(Gs1ReferenceFiles.SYNTAX_DICTIONARY)
			.lines()
			.filter((line) -> line.startsWith("8030 "))
			.findFirst()
			.orElseThrow();

		assertThat(entry.split("\\s+")).startsWith("8030", "?", "Z..90");
		assertThat(entry).contains("01+21");
		assertThat(DigitalSignature8030.LENGTH).isLessThanOrEqualTo(90);
	}

	@Test
	void encodesKeyNumberAndSignatureIn87Base64UrlCharacters() {
		byte[] signature = new byte[64];
		Arrays.fill(signature, (byte) 0xFB);

		String encoded = DigitalSignature8030.of(255, signature).encoded();

		assertThat(encoded).hasSize(87).matches("[0-9A-Za-z_-]{1,90}");
		assertThat(encoded).startsWith("__").doesNotContain("=");
		DigitalSignature8030 read = DigitalSignature8030.parse(encoded);
		assertThat(read.keyNumber()).isEqualTo(255);
		assertThat(read.signature()).isEqualTo(signature);
	}

	@Test
	void rejectsEmptyValue() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> DigitalSignature8030.parse(""))
			.withMessageContaining("missing or empty");
	}

	@ParameterizedTest
	@ValueSource(ints = { 91, 120 })
	void rejectsValuesLongerThanTheAiAllows(int length) {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalSignature8030.parse("A".repeat(length)))
			.withMessageContaining("1 to 90 base64url characters");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 86, 88, 90 })
	void rejectsValuesOfAnotherLengthThanTheProfiles(int length) {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalSignature8030.parse("A".repeat(length)))
			.withMessageContaining("exactly 87");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+", "/", "=", " ", "\u00e9", "%" })
	void rejectsCharactersOutsideBase64Url(String bad) {
		String value = "A".repeat(40) + bad + "A".repeat(46);

		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> DigitalSignature8030.parse(value))
			.withMessageContaining("base64url");
	}

	@Test
	void rejectsKeyNumberZero() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> DigitalSignature8030.parse("AA" + "A".repeat(85)))
			.withMessageContaining("key number 0");
	}

}
