package io.dppmint.core.identifier;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class Crockford32Tests {

	@ParameterizedTest
	@CsvSource({ "0, 0000000000000", "1, 0000000000001", "31, 000000000000Z", "32, 0000000000010",
			"1152921504606846975, 0ZZZZZZZZZZZZ", "1152921504606846976, 1000000000000",
			"9223372036854775807, 7ZZZZZZZZZZZZ", "-9223372036854775808, 8000000000000", "-1, FZZZZZZZZZZZZ",
			"81985529216486895, 028T5CY4TQKFF", "-81985529216486896, FXQ5TK1V58CGG" })
	void writesAndParsesTheCanonicalThirteenCharacters(long value, String text) {
		byte[] ascii = new byte[15];
		Crockford32.write(value, ascii, 1);
		assertThat(new String(ascii, 1, 13, StandardCharsets.US_ASCII)).isEqualTo(text);
		assertThat(ascii[0]).isZero();
		assertThat(ascii[14]).isZero();
		assertThat(Crockford32.parse(text)).isEqualTo(value);
	}

}
