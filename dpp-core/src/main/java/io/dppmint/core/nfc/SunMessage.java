package io.dppmint.core.nfc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.dppmint.core.nfc.SunVerification.Invalid;
import io.dppmint.core.nfc.SunVerification.Reason;
import io.dppmint.core.nfc.SunVerification.Valid;

/**
 * Verifies the Secure Unique NFC (SUN) message an NTAG 424 DNA in AES mode mirrors into
 * its URL on each tap, as NXP AN12196 Rev 2.0 (its SUN examples, Tables 1 to 5) and the
 * NT4H2421Gx datasheet (chapter "Secure Dynamic Messaging") define it:
 * <ul>
 * <li>{@code picc_data} (32 hex digits) is {@code AES-128-CBC(K_SDMMetaRead, IV = 0)} of
 * the PICCData {@code 0xC7 || UID (7) || SDMReadCtr (3, LSB first) || 5 random bytes};
 * {@code 0xC7} says UID and counter are mirrored and the UID is 7 bytes.</li>
 * <li>The session keys come from {@code SV1 = C3 3C 00 01 00 80 || UID || SDMReadCtr} and
 * {@code SV2 = 3C C3 00 01 00 80 || UID || SDMReadCtr}:
 * {@code KSesSDMFileReadENC = CMAC(K_SDMFileRead, SV1)},
 * {@code KSesSDMFileReadMAC = CMAC(K_SDMFileRead, SV2)}.</li>
 * <li>{@code cmac} (16 hex digits) is the SDMMAC: bytes 1, 3, .., 15 of
 * {@code CMAC(KSesSDMFileReadMAC, input)}, where {@code input} is the URL text between
 * SDMMACInputOffset and SDMMACOffset: empty in our template ({@link SunUrlTemplate},
 * AN12196 Table 4), {@code "<enc>&cmac="} when encrypted file data precedes it (Table
 * 5).</li>
 * </ul>
 * Hex is accepted in either case. The MAC is compared in constant time. Wrong-length or
 * {@code null} keys are programming errors ({@link IllegalArgumentException}); everything
 * that comes from the URL is answered with {@link SunVerification.Invalid}, never an
 * exception. Stateless and thread-safe.
 */
public final class SunMessage {

	/** Hex digits of {@code picc_data} in AES mode (LRP mode would have 48). */
	public static final int PICC_DATA_HEX_LENGTH = 32;

	/** Hex digits of {@code cmac}. */
	public static final int CMAC_HEX_LENGTH = 16;

	/** PICCDataTag: UID mirrored (bit 7), counter mirrored (bit 6), UID length 7. */
	static final int PICC_DATA_TAG = 0xC7;

	static final int COUNTER_LENGTH = 3;

	private static final byte[] SV1_PREFIX = { (byte) 0xC3, 0x3C, 0x00, 0x01, 0x00, (byte) 0x80 };

	private static final byte[] SV2_PREFIX = { 0x3C, (byte) 0xC3, 0x00, 0x01, 0x00, (byte) 0x80 };

	private SunMessage() {
	}

	/**
	 * Verify a tap whose MAC input is empty (SDMMACInputOffset = SDMMACOffset, the layout
	 * of {@link SunUrlTemplate}; AN12196 Table 4).
	 * @param piccData the {@code picc_data} parameter, may be {@code null}
	 * @param cmac the {@code cmac} parameter, may be {@code null}
	 * @param sdmMetaReadKey K1, 16 bytes
	 * @param sdmFileReadKey K2, 16 bytes
	 * @return the UID and counter, or why the message was rejected
	 */
	public static SunVerification verify(String piccData, String cmac, byte[] sdmMetaReadKey, byte[] sdmFileReadKey) {
		return verify(piccData, "", cmac, sdmMetaReadKey, sdmFileReadKey);
	}

	/**
	 * Verify a tap of our template (empty MAC input) with a token's keys.
	 * @param piccData the {@code picc_data} parameter, may be {@code null}
	 * @param cmac the {@code cmac} parameter, may be {@code null}
	 * @param keys the token's keys, of which K1 and K2 are used
	 * @return the UID and counter, or why the message was rejected
	 */
	public static SunVerification verify(String piccData, String cmac, Ntag424Keys keys) {
		return verify(piccData, "", cmac, keys.sdmMetaReadKey(), keys.sdmFileReadKey());
	}

	/**
	 * Verify a tap whose MAC covers URL text, e.g. {@code "<enc>&cmac="} when
	 * SDMENCFileData precedes the MAC (AN12196 Table 5).
	 * @param piccData the {@code picc_data} parameter, may be {@code null}
	 * @param macInput the URL text from SDMMACInputOffset to SDMMACOffset, exactly as
	 * tapped (ASCII)
	 * @param cmac the {@code cmac} parameter, may be {@code null}
	 * @param sdmMetaReadKey K1, 16 bytes
	 * @param sdmFileReadKey K2, 16 bytes
	 * @return the UID and counter, or why the message was rejected
	 */
	public static SunVerification verify(String piccData, String macInput, String cmac, byte[] sdmMetaReadKey,
			byte[] sdmFileReadKey) {
		Aes128.requireKey(sdmMetaReadKey);
		Aes128.requireKey(sdmFileReadKey);
		byte[] encryptedPiccData = parseHex(piccData, PICC_DATA_HEX_LENGTH);
		byte[] mac = parseHex(cmac, CMAC_HEX_LENGTH);
		if (encryptedPiccData == null || mac == null || macInput == null || !isAscii(macInput)) {
			return new Invalid(Reason.FORMAT);
		}
		byte[] plain = Aes128.decryptCbc(sdmMetaReadKey, new byte[Aes128.BLOCK], encryptedPiccData);
		if ((plain[0] & 0xFF) != PICC_DATA_TAG) {
			return new Invalid(Reason.TAG);
		}
		byte[] uid = new byte[Valid.UID_LENGTH];
		System.arraycopy(plain, 1, uid, 0, uid.length);
		byte[] counter = new byte[COUNTER_LENGTH];
		System.arraycopy(plain, 1 + uid.length, counter, 0, counter.length);
		byte[] expected = sdmMac(sdmFileReadKey, uid, counter, macInput.getBytes(StandardCharsets.US_ASCII));
		if (!MessageDigest.isEqual(expected, mac)) {
			return new Invalid(Reason.MAC);
		}
		return new Valid(uid, counterValue(counter));
	}

	/**
	 * Decrypt SDMENCFileData ({@code enc} in AN12196 Table 5) of a message that verified:
	 * {@code AES-128-CBC(KSesSDMFileReadENC, IV)} with
	 * {@code IV = AES-128-ECB(KSesSDMFileReadENC, SDMReadCtr (3, LSB first) || 0^13)}.
	 * Only call it after {@link #verify(String, String, String, byte[], byte[])} accepted
	 * the message with this text in its MAC input.
	 * @param encFileData the encrypted file data, a positive multiple of 32 hex digits
	 * @param sdmFileReadKey K2, 16 bytes
	 * @param verified the verified message's UID and counter
	 * @return the plaintext file data
	 * @throws IllegalArgumentException if {@code encFileData} is not whole blocks of hex
	 */
	public static byte[] decryptFileData(String encFileData, byte[] sdmFileReadKey, Valid verified) {
		Aes128.requireKey(sdmFileReadKey);
		byte[] encrypted = (encFileData != null && encFileData.length() % (2 * Aes128.BLOCK) == 0)
				? parseHex(encFileData, encFileData.length()) : null;
		if (encrypted == null || encrypted.length == 0) {
			throw new IllegalArgumentException("SDMENCFileData is a positive number of 16-byte blocks in hex");
		}
		byte[] counter = counterBytes(verified.counter());
		byte[] sessionKey = sessionEncKey(sdmFileReadKey, verified.uid(), counter);
		byte[] ivInput = new byte[Aes128.BLOCK];
		System.arraycopy(counter, 0, ivInput, 0, counter.length);
		byte[] iv = Aes128.encryptEcb(sessionKey, ivInput);
		return Aes128.decryptCbc(sessionKey, iv, encrypted);
	}

	/**
	 * The tag's side of a tap of our template: the encrypted PICCData and the SDMMAC over
	 * an empty MAC input, as the NTAG 424 DNA computes them (for
	 * {@link SunUrlTemplate#tapped}).
	 * @param keys the token's keys, of which K1 and K2 are used
	 * @param uid the tag's 7-byte UID
	 * @param counter the SDMReadCtr, 1 to 0xFFFFFF
	 * @param padding the 5 bytes the tag draws at random to fill the PICCData block
	 * @return {@code picc_data} and {@code cmac} as upper-case hex, in that order
	 */
	static String[] mirror(Ntag424Keys keys, byte[] uid, int counter, byte[] padding) {
		if (uid == null || uid.length != Valid.UID_LENGTH || padding == null
				|| padding.length != Aes128.BLOCK - 1 - Valid.UID_LENGTH - COUNTER_LENGTH) {
			throw new IllegalArgumentException("A tap has a 7-byte UID and 5 bytes of PICCData padding");
		}
		if (counter < 1 || counter > Valid.MAX_COUNTER) {
			throw new IllegalArgumentException("SDMReadCtr runs from 1 to 0xFFFFFF on taps, not " + counter);
		}
		byte[] counterBytes = counterBytes(counter);
		byte[] piccData = new byte[Aes128.BLOCK];
		piccData[0] = (byte) PICC_DATA_TAG;
		System.arraycopy(uid, 0, piccData, 1, uid.length);
		System.arraycopy(counterBytes, 0, piccData, 1 + uid.length, COUNTER_LENGTH);
		System.arraycopy(padding, 0, piccData, 1 + uid.length + COUNTER_LENGTH, padding.length);
		HexFormat hex = HexFormat.of().withUpperCase();
		return new String[] { hex.formatHex(Aes128.encryptCbc(keys.sdmMetaReadKey(), new byte[Aes128.BLOCK], piccData)),
				hex.formatHex(sdmMac(keys.sdmFileReadKey(), uid, counterBytes, new byte[0])) };
	}

	static byte[] sessionEncKey(byte[] sdmFileReadKey, byte[] uid, byte[] counter) {
		return Aes128.cmac(sdmFileReadKey, sessionVector(SV1_PREFIX, uid, counter));
	}

	static byte[] sessionMacKey(byte[] sdmFileReadKey, byte[] uid, byte[] counter) {
		return Aes128.cmac(sdmFileReadKey, sessionVector(SV2_PREFIX, uid, counter));
	}

	/**
	 * MACt: the SDMMAC is the CMAC's bytes at the odd indices 1, 3, .., 15 (NXP's
	 * "even-numbered bytes", counted from 1).
	 */
	static byte[] truncate(byte[] cmac) {
		byte[] truncated = new byte[cmac.length / 2];
		for (int i = 0; i < truncated.length; i++) {
			truncated[i] = cmac[2 * i + 1];
		}
		return truncated;
	}

	static byte[] sdmMac(byte[] sdmFileReadKey, byte[] uid, byte[] counter, byte[] macInput) {
		return truncate(Aes128.cmac(sessionMacKey(sdmFileReadKey, uid, counter), macInput));
	}

	private static byte[] sessionVector(byte[] prefix, byte[] uid, byte[] counter) {
		byte[] sv = new byte[Aes128.BLOCK];
		System.arraycopy(prefix, 0, sv, 0, prefix.length);
		System.arraycopy(uid, 0, sv, prefix.length, uid.length);
		System.arraycopy(counter, 0, sv, prefix.length + uid.length, counter.length);
		return sv;
	}

	private static int counterValue(byte[] lsbFirst) {
		return (lsbFirst[0] & 0xFF) | (lsbFirst[1] & 0xFF) << 8 | (lsbFirst[2] & 0xFF) << 16;
	}

	private static byte[] counterBytes(int counter) {
		return new byte[] { (byte) counter, (byte) (counter >>> 8), (byte) (counter >>> 16) };
	}

	private static byte[] parseHex(String hex, int length) {
		if (hex == null || hex.length() != length) {
			return null;
		}
		for (int i = 0; i < length; i++) {
			char c = hex.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
				return null;
			}
		}
		return HexFormat.of().parseHex(hex);
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 0x7F) {
				return false;
			}
		}
		return true;
	}

}
