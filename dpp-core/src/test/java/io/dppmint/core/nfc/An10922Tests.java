package io.dppmint.core.nfc;

import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class An10922Tests {

	private final SplittableRandom random = new SplittableRandom(20);

	// NXP AN10922 §2.2.1, AES-128 example: M = UID 04782E21801D80 || AID 3042F5 || system
	// identifier "NXP Abu", so D = 0x01 || M is 18 bytes.
	@Test
	void diversifiesTheAn10922Section221Example() {
		byte[] master = hex("00112233445566778899AABBCCDDEEFF");
		byte[] m = hex("04782E21801D80" + "3042F5" + "4E585020416275");
		assertThat(An10922.diversify(master, m)).isEqualTo(hex("A8DD63A3B89D54B37CA802473FDA9175"));
	}

	// NXP AN10957 pp. 13-14: D = 0104DEADBEEFFEED (8 bytes) is padded to 32 bytes and its
	// last block XORed with K2; plain CMAC would pad to 16 bytes and give another key.
	@Test
	void padsAShortInputToTwoBlocksAsAn10957ShowsNotLikePlainCmac() {
		byte[] master = hex("F3F9377698707B688EAF84ABE39E3791");
		byte[] diversified = An10922.diversify(master, hex("04DEADBEEFFEED"));
		assertThat(diversified).isEqualTo(hex("0BB408BAFF98B6EE9F2E1585777F6A51"));
		byte[] plainCmac = Aes128.cmac(master, hex("0104DEADBEEFFEED"));
		assertThat(plainCmac).isEqualTo(hex("721E2C01E81AF85D815633969CEA2607"));
		assertThat(diversified).isNotEqualTo(plainCmac);
	}

	@Test
	void equalsPlainCmacOfDExactlyWhenDIsSeventeenToThirtyTwoBytes() {
		for (int length = An10922.MIN_INPUT_LENGTH; length <= An10922.MAX_INPUT_LENGTH; length++) {
			byte[] master = randomBytes(16);
			byte[] m = randomBytes(length);
			byte[] d = new byte[1 + length];
			d[0] = 0x01;
			System.arraycopy(m, 0, d, 1, length);
			if (d.length >= 17) {
				assertThat(An10922.diversify(master, m)).as("|D| = %d", d.length).isEqualTo(Aes128.cmac(master, d));
			}
			else {
				assertThat(An10922.diversify(master, m)).as("|D| = %d", d.length).isNotEqualTo(Aes128.cmac(master, d));
			}
		}
	}

	@Test
	void acceptsOneToThirtyOneBytesOfInputOnly() {
		byte[] master = randomBytes(16);
		assertThat(An10922.diversify(master, new byte[1])).hasSize(16);
		assertThat(An10922.diversify(master, new byte[31])).hasSize(16);
		assertThatIllegalArgumentException().isThrownBy(() -> An10922.diversify(master, new byte[0]))
			.withMessageContaining("1 to 31 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> An10922.diversify(master, new byte[32]))
			.withMessageContaining("1 to 31 bytes");
	}

	@Test
	void rejectsAMasterKeyThatIsNotAes128() {
		assertThatIllegalArgumentException().isThrownBy(() -> An10922.diversify(new byte[15], new byte[16]));
		assertThatIllegalArgumentException().isThrownBy(() -> An10922.diversify(new byte[32], new byte[16]));
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

}
