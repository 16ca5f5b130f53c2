package io.dppmint.core.nfc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The five AES-128 application keys of one token's NTAG 424 DNA tag, diversified from the
 * brand's NFC master key by the token (AN10922 §2.2), because the tag's UID is unknown
 * when the keys are exported for programming: {@code K_n = AN10922(master, M)} with
 * {@code M = tokenNumber (8 bytes, big-endian) || n (1 byte) || "DPPMint" (7 ASCII bytes)},
 * so {@code |D| = |0x01 || M| = 17}, where AN10922 and plain AES-CMAC agree.
 * <p>
 * Key roles (AN12196): K0 the AppMasterKey, K1 the SDMMetaReadKey (encrypts PICCData), K2
 * the SDMFileReadKey (the SDMMAC); K3 and K4 are diversified too, to lock the tag, and
 * are unused. The same master and token number always give the same keys, so the resolver
 * derives them again from the token the tapped URL names. Immutable; accessors return
 * copies; {@link #toString()} never shows a key.
 */
public final class Ntag424Keys {

	/** Keys per NTAG 424 DNA application: K0 to K4. */
	public static final int KEY_COUNT = 5;

	/** The system identifier that ends every diversification input. */
	private static final byte[] SYSTEM_IDENTIFIER = "DPPMint".getBytes(StandardCharsets.US_ASCII);

	static final int DIVERSIFICATION_INPUT_LENGTH = Long.BYTES + 1 + SYSTEM_IDENTIFIER.length;

	private final byte[][] keys;

	private Ntag424Keys(byte[][] keys) {
		this.keys = keys;
	}

	/**
	 * Derive the keys of one token's tag.
	 * @param masterKey the brand's 16-byte NFC master key
	 * @param tokenNumber the token's number (at least 1)
	 * @return its K0 to K4
	 * @throws IllegalArgumentException if the master key is not 16 bytes or the token
	 * number is below 1
	 */
	public static Ntag424Keys forToken(byte[] masterKey, long tokenNumber) {
		Aes128.requireKey(masterKey);
		if (tokenNumber < 1) {
			throw new IllegalArgumentException("A token number is at least 1, not " + tokenNumber);
		}
		byte[][] keys = new byte[KEY_COUNT][];
		for (int keyNo = 0; keyNo < KEY_COUNT; keyNo++) {
			keys[keyNo] = An10922.diversify(masterKey, diversificationInput(tokenNumber, keyNo));
		}
		return new Ntag424Keys(keys);
	}

	static byte[] diversificationInput(long tokenNumber, int keyNo) {
		return ByteBuffer.allocate(DIVERSIFICATION_INPUT_LENGTH)
			.putLong(tokenNumber)
			.put((byte) keyNo)
			.put(SYSTEM_IDENTIFIER)
			.array();
	}

	/**
	 * One key by its number.
	 * @param keyNo 0 to 4
	 * @return a copy of the 16-byte key
	 */
	public byte[] key(int keyNo) {
		if (keyNo < 0 || keyNo >= KEY_COUNT) {
			throw new IllegalArgumentException("NTAG 424 DNA keys are numbered 0 to 4, not " + keyNo);
		}
		return this.keys[keyNo].clone();
	}

	/**
	 * K0, the AppMasterKey.
	 * @return a copy of the key
	 */
	public byte[] appMasterKey() {
		return key(0);
	}

	/**
	 * K1, the SDMMetaReadKey: decrypts {@code picc_data}.
	 * @return a copy of the key
	 */
	public byte[] sdmMetaReadKey() {
		return key(1);
	}

	/**
	 * K2, the SDMFileReadKey: the session keys of the {@code cmac} derive from it.
	 * @return a copy of the key
	 */
	public byte[] sdmFileReadKey() {
		return key(2);
	}

	@Override
	public String toString() {
		return "Ntag424Keys[K0..K4, AN10922 by token, keys redacted]";
	}

}
