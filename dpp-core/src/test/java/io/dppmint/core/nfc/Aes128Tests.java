package io.dppmint.core.nfc;

import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class Aes128Tests {

	private static final String NIST_KEY = "2B7E151628AED2A6ABF7158809CF4F3C";

	private static final String NIST_MESSAGE = "6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51"
			+ "30C81C46A35CE411E5FBC1191A0A52EFF69F2445DF4F9B17AD2B417BE66C3710";

	// NIST SP 800-38B Appendix D.1 / RFC 4493 §4, examples 1 to 4 (AES-128).
	@ParameterizedTest
	@CsvSource({ "0, BB1D6929E95937287FA37D129B756746", "16, 070A16B46B4D4144F79BDD9DD04A287C",
			"40, DFA66747DE9AE63030CA32611497C827", "64, 51F0BEBF7E3B9D92FC49741779363CFE" })
	void cmacMatchesTheNistAndRfc4493Examples(int length, String mac) {
		byte[] message = HexFormat.of().parseHex(NIST_MESSAGE.substring(0, 2 * length));
		assertThat(Aes128.cmac(hex(NIST_KEY), message)).isEqualTo(hex(mac));
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

}
