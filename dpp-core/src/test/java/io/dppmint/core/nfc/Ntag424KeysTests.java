package io.dppmint.core.nfc;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Ntag424KeysTests {

	private static final byte[] MASTER = hex("000102030405060708090A0B0C0D0E0F");

	// Computed independently with Python cryptography 48.0.0 as AES-CMAC(master, 0x01 ||
	// M),
	// which equals AN10922 §2.2 because |D| = 17.
	@ParameterizedTest
	@CsvSource({ "1, 0, 910E3C9BB98BD9113A683B497C5B3CC9", "1, 1, FECDC62FF8FF9208B444D01B930E90E4",
			"1, 2, 230E4460CC0968CB402855A05ACCEF26", "1, 3, E3D2DF52BC4AB24A213CA5123B956D91",
			"1, 4, 0967092BD7E4B6B45AEDC7352523815B", "81985529216486895, 0, 0B5DF0962CCD5F1C930109D2D70EE9CA",
			"81985529216486895, 1, BE8ACEFED1CC09AE94BD58176C5587B5",
			"81985529216486895, 2, C6D9A082390DA6187B2D9E19C0B821E0",
			"81985529216486895, 3, 530A651CE4BB9413B8667D7A49D77623",
			"81985529216486895, 4, 670DEE66248BE117606ED4EBDC5807D7" })
	void derivesEachKeyFromTheTokenNumberKeyNumberAndSystemIdentifier(long tokenNumber, int keyNo, String key) {
		assertThat(Ntag424Keys.forToken(MASTER, tokenNumber).key(keyNo)).isEqualTo(hex(key));
	}

	@Test
	void diversificationInputIsTokenNumberBigEndianThenKeyNumberThenDppMint() {
		assertThat(Ntag424Keys.diversificationInput(0x0123456789ABCDEFL, 2))
			.isEqualTo(hex("0123456789ABCDEF" + "02" + "4450504D696E74"))
			.hasSize(16);
	}

	@Test
	void namesTheKeyRolesOfAn12196() {
		Ntag424Keys keys = Ntag424Keys.forToken(MASTER, 1);
		assertThat(keys.appMasterKey()).isEqualTo(keys.key(0));
		assertThat(keys.sdmMetaReadKey()).isEqualTo(keys.key(1));
		assertThat(keys.sdmFileReadKey()).isEqualTo(keys.key(2));
	}

	@Test
	void givesFiveDistinctKeysPerTokenAndOtherKeysForOtherTokensAndMasters() {
		Set<String> seen = new HashSet<>();
		for (byte[] master : new byte[][] { MASTER, new byte[16] }) {
			for (long token = 1; token <= 100; token++) {
				Ntag424Keys keys = Ntag424Keys.forToken(master, token);
				for (int keyNo = 0; keyNo < Ntag424Keys.KEY_COUNT; keyNo++) {
					assertThat(seen.add(HexFormat.of().formatHex(keys.key(keyNo)))).isTrue();
				}
			}
		}
	}

	@Test
	void isDeterministicAndHandsOutCopies() {
		Ntag424Keys keys = Ntag424Keys.forToken(MASTER, 42);
		keys.key(1)[0] ^= 1;
		assertThat(keys.key(1)).isEqualTo(Ntag424Keys.forToken(MASTER, 42).key(1));
	}

	@Test
	void rejectsBadMastersTokenNumbersAndKeyNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> Ntag424Keys.forToken(new byte[32], 1));
		assertThatIllegalArgumentException().isThrownBy(() -> Ntag424Keys.forToken(MASTER, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> Ntag424Keys.forToken(MASTER, -1));
		Ntag424Keys keys = Ntag424Keys.forToken(MASTER, 1);
		assertThatIllegalArgumentException().isThrownBy(() -> keys.key(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> keys.key(5));
	}

	@Test
	void neverShowsAKeyInToString() {
		Ntag424Keys keys = Ntag424Keys.forToken(MASTER, 1);
		for (int keyNo = 0; keyNo < Ntag424Keys.KEY_COUNT; keyNo++) {
			assertThat(keys.toString()).doesNotContainIgnoringCase(HexFormat.of().formatHex(keys.key(keyNo)));
		}
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

}
