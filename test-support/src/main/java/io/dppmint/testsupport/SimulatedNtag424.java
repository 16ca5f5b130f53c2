package io.dppmint.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A software NTAG 424 DNA in AES mode with Secure Dynamic Messaging on its NDEF file, for
 * tests of the code that verifies taps: it holds a 7-byte UID, the application keys K0 to
 * K4 and the SDMReadCtr, is programmed with an NDEF file and the SDM offsets
 * (PICCDataOffset, SDMMACInputOffset, SDMMACOffset), and {@link #tap()} returns the URL a
 * phone would read, with the encrypted PICCData and the SDMMAC mirrored into it as upper
 * case hex (NXP AN12196; NT4H2421Gx datasheet, "Secure Dynamic Messaging").
 * <p>
 * Deliberately independent of the production code in {@code io.dppmint.core.nfc}, so a
 * round trip is a real test of it: PICCData is encrypted with the JDK's AES-CBC, and
 * AES-CMAC is computed here from the JDK's AES as RFC 4493 §2.4 describes, not with
 * BouncyCastle's {@code CMac}. K1 is the SDMMetaReadKey and K2 the SDMFileReadKey.
 * <p>
 * The counter is incremented before it is mirrored, so the first tap after programming
 * shows 1; a tag whose counter has reached 0xFFFFFF refuses further taps
 * ({@link IllegalStateException}). Not thread-safe.
 */
public final class SimulatedNtag424 {

	private static final int BLOCK = 16;

	private static final int MAX_COUNTER = 0xFFFFFF;

	private static final int PICC_DATA_HEX_LENGTH = 32;

	private static final int CMAC_HEX_LENGTH = 16;

	private static final int URI_REMAINDER_OFFSET = 7;

	private final byte[] uid;

	private final byte[][] keys;

	private final SecureRandom random = new SecureRandom();

	private int counter;

	private byte[] ndefFile;

	private int piccDataOffset;

	private int sdmMacInputOffset;

	private int sdmMacOffset;

	/**
	 * A tag with the given UID and keys, its counter at 0, not yet programmed.
	 * @param uid the 7-byte UID
	 * @param keys K0 to K4, 16 bytes each
	 */
	public SimulatedNtag424(byte[] uid, byte[]... keys) {
		if (uid.length != 7) {
			throw new IllegalArgumentException("An NTAG 424 DNA UID is 7 bytes");
		}
		if (keys.length != 5) {
			throw new IllegalArgumentException("An NTAG 424 DNA application has keys K0 to K4");
		}
		this.uid = uid.clone();
		this.keys = new byte[5][];
		for (int i = 0; i < keys.length; i++) {
			if (keys[i].length != BLOCK) {
				throw new IllegalArgumentException("K" + i + " is not an AES-128 key");
			}
			this.keys[i] = keys[i].clone();
		}
	}

	/**
	 * Write the NDEF file and enable SDM with UID and counter mirroring (what the tag
	 * programmer does with WriteData and ChangeFileSettings). Resets the counter to 0.
	 * @param ndefFile the NDEF file content: NLEN and one short URI record with the
	 * {@code https://} identifier code
	 * @param piccDataOffset where {@code picc_data} (32 hex digits) goes
	 * @param sdmMacInputOffset where the MAC input starts
	 * @param sdmMacOffset where {@code cmac} (16 hex digits) goes
	 * @return this tag
	 */
	public SimulatedNtag424 program(byte[] ndefFile, int piccDataOffset, int sdmMacInputOffset, int sdmMacOffset) {
		if (ndefFile.length > 256 || (ndefFile[6] & 0xFF) != 0x04
				|| ((ndefFile[0] & 0xFF) << 8 | (ndefFile[1] & 0xFF)) != ndefFile.length - 2) {
			throw new IllegalArgumentException("Not an NDEF file with one https:// URI record");
		}
		if (piccDataOffset < URI_REMAINDER_OFFSET || piccDataOffset + PICC_DATA_HEX_LENGTH > ndefFile.length
				|| sdmMacInputOffset > sdmMacOffset || sdmMacOffset + CMAC_HEX_LENGTH > ndefFile.length) {
			throw new IllegalArgumentException("SDM offsets outside the NDEF file");
		}
		this.ndefFile = ndefFile.clone();
		this.piccDataOffset = piccDataOffset;
		this.sdmMacInputOffset = sdmMacInputOffset;
		this.sdmMacOffset = sdmMacOffset;
		this.counter = 0;
		return this;
	}

	/**
	 * Set the SDMReadCtr as if the tag had been read that many times.
	 * @param counter 0 to 0xFFFFFF
	 * @return this tag
	 */
	public SimulatedNtag424 withCounter(int counter) {
		if (counter < 0 || counter > MAX_COUNTER) {
			throw new IllegalArgumentException("SDMReadCtr is 24 bits");
		}
		this.counter = counter;
		return this;
	}

	/**
	 * A tap: increments the counter, mirrors PICCData (with 5 random padding bytes) and
	 * the SDMMAC into the NDEF file, and reads the URL back out of it.
	 * @return the URL a phone would open
	 */
	public String tap() {
		byte[] padding = new byte[5];
		this.random.nextBytes(padding);
		return tap(padding);
	}

	/**
	 * A tap with given PICCData padding, to reproduce a published vector (the tag draws
	 * these 5 bytes at random).
	 * @param piccDataPadding 5 bytes
	 * @return the URL a phone would open
	 */
	public String tap(byte[] piccDataPadding) {
		if (this.ndefFile == null) {
			throw new IllegalStateException("The tag has not been programmed");
		}
		if (this.counter >= MAX_COUNTER) {
			throw new IllegalStateException("SDMReadCtr has reached 0xFFFFFF: the tag mirrors no more messages");
		}
		this.counter++;
		byte[] counterLsbFirst = { (byte) this.counter, (byte) (this.counter >>> 8), (byte) (this.counter >>> 16) };
		byte[] piccData = new byte[BLOCK];
		piccData[0] = (byte) 0xC7;
		System.arraycopy(this.uid, 0, piccData, 1, 7);
		System.arraycopy(counterLsbFirst, 0, piccData, 8, 3);
		System.arraycopy(piccDataPadding, 0, piccData, 11, 5);
		byte[] encrypted = aes(Cipher.ENCRYPT_MODE, "AES/CBC/NoPadding", this.keys[1], new byte[BLOCK], piccData);
		mirror(this.piccDataOffset, encrypted);
		byte[] sv2 = new byte[BLOCK];
		System.arraycopy(new byte[] { 0x3C, (byte) 0xC3, 0x00, 0x01, 0x00, (byte) 0x80 }, 0, sv2, 0, 6);
		System.arraycopy(this.uid, 0, sv2, 6, 7);
		System.arraycopy(counterLsbFirst, 0, sv2, 13, 3);
		byte[] sessionMacKey = cmac(this.keys[2], sv2);
		byte[] full = cmac(sessionMacKey, Arrays.copyOfRange(this.ndefFile, this.sdmMacInputOffset, this.sdmMacOffset));
		byte[] sdmMac = new byte[8];
		for (int i = 0; i < sdmMac.length; i++) {
			sdmMac[i] = full[2 * i + 1];
		}
		mirror(this.sdmMacOffset, sdmMac);
		return "https://" + new String(this.ndefFile, URI_REMAINDER_OFFSET, this.ndefFile.length - URI_REMAINDER_OFFSET,
				StandardCharsets.US_ASCII);
	}

	/**
	 * The SDMReadCtr of the last tap.
	 * @return 0 before the first tap
	 */
	public int counter() {
		return this.counter;
	}

	/**
	 * The UID.
	 * @return a copy of the 7 bytes
	 */
	public byte[] uid() {
		return this.uid.clone();
	}

	private void mirror(int offset, byte[] data) {
		byte[] ascii = HexFormat.of().withUpperCase().formatHex(data).getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(ascii, 0, this.ndefFile, offset, ascii.length);
	}

	/** AES-CMAC after RFC 4493 §2.3-2.4, on the JDK's AES. */
	static byte[] cmac(byte[] key, byte[] message) {
		byte[] l = aes(Cipher.ENCRYPT_MODE, "AES/ECB/NoPadding", key, null, new byte[BLOCK]);
		byte[] k1 = shiftLeftReduced(l);
		byte[] k2 = shiftLeftReduced(k1);
		int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
		boolean complete = message.length > 0 && message.length % BLOCK == 0;
		byte[] padded = Arrays.copyOf(message, blocks * BLOCK);
		if (!complete) {
			padded[message.length] = (byte) 0x80;
		}
		byte[] lastKey = complete ? k1 : k2;
		for (int i = 0; i < BLOCK; i++) {
			padded[padded.length - BLOCK + i] ^= lastKey[i];
		}
		byte[] cbc = aes(Cipher.ENCRYPT_MODE, "AES/CBC/NoPadding", key, new byte[BLOCK], padded);
		return Arrays.copyOfRange(cbc, cbc.length - BLOCK, cbc.length);
	}

	private static byte[] shiftLeftReduced(byte[] block) {
		byte[] shifted = new byte[BLOCK];
		for (int i = 0; i < BLOCK; i++) {
			int carry = (i + 1 < BLOCK) ? (block[i + 1] & 0xFF) >>> 7 : 0;
			shifted[i] = (byte) ((block[i] << 1) | carry);
		}
		if ((block[0] & 0x80) != 0) {
			shifted[BLOCK - 1] ^= (byte) 0x87;
		}
		return shifted;
	}

	private static byte[] aes(int mode, String transformation, byte[] key, byte[] iv, byte[] data) {
		try {
			Cipher cipher = Cipher.getInstance(transformation);
			if (iv != null) {
				cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
			}
			else {
				cipher.init(mode, new SecretKeySpec(key, "AES"));
			}
			return cipher.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
