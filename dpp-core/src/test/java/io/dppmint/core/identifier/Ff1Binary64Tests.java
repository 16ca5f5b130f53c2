package io.dppmint.core.identifier;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BouncyCastle's maintained FF1 is the authority: the NIST samples are radix 10 and 36,
 * which this radix-2 implementation cannot take, so the tests show that BouncyCastle
 * reproduces the AES-256 NIST samples and that this implementation equals BouncyCastle
 * for radix 2 and 64 bits.
 */
class Ff1Binary64Tests {

	private static final long[] EDGES = { 0, 1, 2, (1L << 32) - 1, 1L << 32, (1L << 32) + 1, Long.MAX_VALUE,
			Long.MIN_VALUE, -1 };

	private final SplittableRandom random = new SplittableRandom(20240611);

	@ParameterizedTest
	@CsvSource({ "10, '', 0123456789, 6657667009", "10, 39383736353433323130, 0123456789, 1001623463",
			"36, 3737373770717273373737, 0123456789abcdefghi, xs8a0azh2avyalyzuwd" })
	void bouncyCastleReproducesTheNistAes256Samples(int radix, String tweak, String plaintext, String ciphertext) {
		byte[] key = HexFormat.of().parseHex("2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94");
		FPEFF1Engine engine = new FPEFF1Engine();
		engine.init(true, new FPEParameters(new KeyParameter(key), radix, HexFormat.of().parseHex(tweak)));
		byte[] digits = digits(plaintext);
		byte[] out = new byte[digits.length];
		engine.processBlock(digits, 0, digits.length, out, 0);
		assertThat(out).isEqualTo(digits(ciphertext));
	}

	@Test
	void encryptsAndDecryptsExactlyLikeBouncyCastleFf1UnderSeveralKeys() {
		for (int k = 0; k < 5; k++) {
			byte[] key = randomKey();
			Ff1Binary64 ff1 = new Ff1Binary64(key);
			FPEFF1Engine encryptor = bouncyCastle(key, true);
			FPEFF1Engine decryptor = bouncyCastle(key, false);
			for (int i = 0; i < 2000 + EDGES.length; i++) {
				long value = (i < EDGES.length) ? EDGES[i] : this.random.nextLong();
				long encrypted = process(encryptor, value);
				assertThat(ff1.encrypt(value)).as("FF1(%d)", value).isEqualTo(encrypted);
				assertThat(ff1.decrypt(encrypted)).isEqualTo(value);
				assertThat(ff1.decrypt(value)).isEqualTo(process(decryptor, value));
			}
		}
	}

	@Test
	void bulkEncryptionEqualsSingleEncryptionAcrossChunkBoundaries() {
		Ff1Binary64 ff1 = new Ff1Binary64(randomKey());
		int count = 2 * Ff1Binary64.CHUNK + 3;
		long[] values = new long[count + 2];
		for (int i = 0; i < values.length; i++) {
			values[i] = this.random.nextLong();
		}
		long[] original = values.clone();
		ff1.encrypt(values, 1, count);
		assertThat(values[0]).isEqualTo(original[0]);
		assertThat(values[count + 1]).isEqualTo(original[count + 1]);
		for (int i = 1; i <= count; i++) {
			assertThat(values[i]).isEqualTo(ff1.encrypt(original[i]));
		}
	}

	private byte[] randomKey() {
		byte[] key = new byte[32];
		this.random.nextBytes(key);
		return key;
	}

	private static FPEFF1Engine bouncyCastle(byte[] key, boolean encrypt) {
		FPEFF1Engine engine = new FPEFF1Engine();
		engine.init(encrypt, new FPEParameters(new KeyParameter(key), 2, new byte[0]));
		return engine;
	}

	/**
	 * FF1 over the 64 bits of {@code value}, most significant first, one digit a byte.
	 */
	private static long process(FPEFF1Engine engine, long value) {
		byte[] bits = new byte[64];
		for (int i = 0; i < 64; i++) {
			bits[i] = (byte) ((value >>> (63 - i)) & 1);
		}
		byte[] out = new byte[64];
		engine.processBlock(bits, 0, 64, out, 0);
		long result = 0;
		for (byte bit : out) {
			result = (result << 1) | bit;
		}
		return result;
	}

	/** NIST's samples write digit values 0-35 as 0-9 a-z. */
	private static byte[] digits(String text) {
		byte[] digits = text.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < digits.length; i++) {
			digits[i] = (byte) Character.digit(digits[i], 36);
		}
		return digits;
	}

}
