package io.dppmint.core.nfc;

/**
 * AES-128 key diversification as NXP AN10922 "Symmetric key diversifications" §2.2
 * specifies it: the diversified key is a CMAC-like MAC under the master key over
 * {@code D = 0x01 || M}, where the diversification input {@code M} is 1 to 31 bytes.
 * <p>
 * It differs from plain AES-CMAC (NIST SP 800-38B) in its padding: AN10922 always pads
 * {@code D} to two blocks (32 bytes) with {@code 80 00 .. 00} and XORs the last block
 * with subkey K2, or, when {@code D} is exactly 32 bytes, XORs it with K1 unpadded. Plain
 * CMAC pads only to the next block boundary. The two agree exactly when
 * {@code 17 <= |D| <= 32}; for a shorter {@code D} (one block or less) they differ, which
 * AN10957 pp. 13-14 illustrates. This class therefore computes the MAC itself: subkeys
 * from {@code AES(K, 0^128)} by doubling in GF(2^128) (SP 800-38B §6.1), then AES-CBC
 * with a zero IV over the two padded blocks, whose last block is the key.
 * <p>
 * Guarded: {@code |M|} outside 1..31 (so {@code |D|} outside 2..32), or a master key that
 * is not 16 bytes, is an {@link IllegalArgumentException}.
 */
final class An10922 {

	static final int MIN_INPUT_LENGTH = 1;

	static final int MAX_INPUT_LENGTH = 31;

	private static final int PADDED_LENGTH = 2 * Aes128.BLOCK;

	/** R_128 of SP 800-38B: the reduction constant for doubling in GF(2^128). */
	private static final int R128 = 0x87;

	private An10922() {
	}

	/**
	 * Diversify an AES-128 master key.
	 * @param masterKey the 16-byte master key
	 * @param diversificationInput {@code M}, 1 to 31 bytes
	 * @return the 16-byte diversified key
	 */
	static byte[] diversify(byte[] masterKey, byte[] diversificationInput) {
		Aes128.requireKey(masterKey);
		int inputLength = diversificationInput.length;
		if (inputLength < MIN_INPUT_LENGTH || inputLength > MAX_INPUT_LENGTH) {
			throw new IllegalArgumentException("AN10922 §2.2 takes 1 to 31 bytes of diversification input M (so 2 to "
					+ "32 bytes of D = 0x01 || M), not " + inputLength);
		}
		byte[] d = new byte[PADDED_LENGTH];
		d[0] = 0x01;
		System.arraycopy(diversificationInput, 0, d, 1, inputLength);
		int dLength = 1 + inputLength;
		byte[] k1 = dbl(Aes128.encryptEcb(masterKey, new byte[Aes128.BLOCK]));
		byte[] lastBlockKey;
		if (dLength < PADDED_LENGTH) {
			d[dLength] = (byte) 0x80;
			lastBlockKey = dbl(k1);
		}
		else {
			lastBlockKey = k1;
		}
		for (int i = 0; i < Aes128.BLOCK; i++) {
			d[Aes128.BLOCK + i] ^= lastBlockKey[i];
		}
		byte[] cbc = Aes128.encryptCbc(masterKey, new byte[Aes128.BLOCK], d);
		byte[] key = new byte[Aes128.BLOCK];
		System.arraycopy(cbc, Aes128.BLOCK, key, 0, Aes128.BLOCK);
		return key;
	}

	private static byte[] dbl(byte[] block) {
		byte[] doubled = new byte[Aes128.BLOCK];
		for (int i = 0; i < Aes128.BLOCK; i++) {
			int next = (i + 1 < Aes128.BLOCK) ? (block[i + 1] & 0xFF) >>> 7 : 0;
			doubled[i] = (byte) ((block[i] << 1) | next);
		}
		if ((block[0] & 0x80) != 0) {
			doubled[Aes128.BLOCK - 1] ^= (byte) R128;
		}
		return doubled;
	}

}
