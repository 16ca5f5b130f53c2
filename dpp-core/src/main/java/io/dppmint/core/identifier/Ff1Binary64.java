package io.dppmint.core.identifier;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * NIST SP 800-38G FF1 with AES-256 for exactly one domain: radix 2, n = 64 bits, empty
 * tweak. A 64-bit value is the binary numeral string of its 64 bits, most significant
 * first, so A is the high and B the low 32 bits.
 * <p>
 * For this domain the general algorithm collapses to: u = v = 32, b = 4, d = 8; P is a
 * constant block, so AES(P) (the first CBC-MAC step of the PRF) is computed once; round
 * {@code i} computes R = AES(AES(P) XOR Q) with Q = 0^11 || i || B (4 bytes big-endian),
 * S = R[0..7], and c = (A + NUM(S)) mod 2^32, which only needs R[4..7]. Each round is
 * then one AES block per value, so a range of values is encrypted with one ECB call per
 * round over all of them, which the JDK runs on AES-NI/VAES.
 * <p>
 * Thread-safe: each thread uses its own {@link Cipher}.
 */
final class Ff1Binary64 {

	static final int ROUNDS = 10;

	/** Values encrypted per ECB call in the bulk path: buffers stay within L2 cache. */
	static final int CHUNK = 2048;

	private static final int BLOCK = 16;

	private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	private static final long LOW_32 = 0xFFFF_FFFFL;

	/**
	 * P = [1] [2] [1] [radix=2 in 3 bytes] [10] [u mod 256 = 32] [n=64 in 4 bytes] [t=0
	 * in 4 bytes].
	 */
	private static final byte[] P = { 1, 2, 1, 0, 0, 2, 10, 32, 0, 0, 0, 64, 0, 0, 0, 0 };

	private final SecretKeySpec key;

	private final ThreadLocal<Cipher> ciphers;

	/** Bytes 0-7 of AES(P); Q is zero there, so they are the same in every round. */
	private final long head;

	/**
	 * Per round i: bytes 8-15 of AES(P) XOR Q without B, i.e. with byte 11 XOR i and
	 * bytes 12-15 still to be XORed with B.
	 */
	private final long[] tails = new long[ROUNDS];

	Ff1Binary64(byte[] aes256Key) {
		this.key = new SecretKeySpec(aes256Key, "AES");
		this.ciphers = ThreadLocal.withInitial(this::newCipher);
		byte[] encryptedP = new byte[BLOCK];
		aes(this.ciphers.get(), P, encryptedP, BLOCK);
		this.head = (long) LONG_BE.get(encryptedP, 0);
		long tail = (long) LONG_BE.get(encryptedP, 8);
		for (int round = 0; round < ROUNDS; round++) {
			this.tails[round] = tail ^ ((long) round << 32);
		}
	}

	long encrypt(long value) {
		Cipher cipher = this.ciphers.get();
		byte[] in = new byte[BLOCK];
		byte[] out = new byte[BLOCK];
		LONG_BE.set(in, 0, this.head);
		long x = value;
		for (int round = 0; round < ROUNDS; round++) {
			LONG_BE.set(in, 8, this.tails[round] ^ (x & LOW_32));
			aes(cipher, in, out, BLOCK);
			x = (x << 32) | (((int) (x >>> 32) + (int) INT_BE.get(out, 4)) & LOW_32);
		}
		return x;
	}

	long decrypt(long value) {
		Cipher cipher = this.ciphers.get();
		byte[] in = new byte[BLOCK];
		byte[] out = new byte[BLOCK];
		LONG_BE.set(in, 0, this.head);
		long x = value;
		for (int round = ROUNDS - 1; round >= 0; round--) {
			long a = x >>> 32;
			LONG_BE.set(in, 8, this.tails[round] ^ a);
			aes(cipher, in, out, BLOCK);
			x = ((((int) x - (int) INT_BE.get(out, 4)) & LOW_32) << 32) | a;
		}
		return x;
	}

	/**
	 * Encrypt {@code count} values in place.
	 * @param values the values
	 * @param offset index of the first
	 * @param count how many
	 */
	void encrypt(long[] values, int offset, int count) {
		if (count == 0) {
			return;
		}
		Cipher cipher = this.ciphers.get();
		int chunk = Math.min(count, CHUNK);
		byte[] in = new byte[chunk * BLOCK];
		byte[] out = new byte[chunk * BLOCK];
		for (int j = 0; j < chunk; j++) {
			LONG_BE.set(in, j * BLOCK, this.head);
		}
		for (int start = offset, end = offset + count; start < end; start += chunk) {
			int n = Math.min(chunk, end - start);
			for (int round = 0; round < ROUNDS; round++) {
				long tail = this.tails[round];
				for (int j = 0; j < n; j++) {
					LONG_BE.set(in, j * BLOCK + 8, tail ^ (values[start + j] & LOW_32));
				}
				aes(cipher, in, out, n * BLOCK);
				for (int j = 0; j < n; j++) {
					long x = values[start + j];
					values[start + j] = (x << 32)
							| (((int) (x >>> 32) + (int) INT_BE.get(out, j * BLOCK + 4)) & LOW_32);
				}
			}
		}
	}

	private static void aes(Cipher cipher, byte[] in, byte[] out, int length) {
		try {
			// ECB without padding keeps no state between calls, so update() is a complete
			// encryption of whole blocks and skips doFinal()'s reset.
			cipher.update(in, 0, length, out, 0);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES failed on whole blocks", ex);
		}
	}

	private Cipher newCipher() {
		try {
			Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key);
			return cipher;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JDK cannot run AES-256/ECB", ex);
		}
	}

	@Override
	public String toString() {
		return "FF1-AES256[radix 2, 64 bits, key redacted]";
	}

}
