package io.dppmint.core.nfc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps and unwraps the brands' AES-128 NFC master keys under the platform's NFC
 * key-encryption key ({@code dpp.secrets.nfc-kek}, AES-256): the database only ever holds
 * {@code nonce (12) || AES-256-GCM(KEK, master key) || tag (16)}, 44 bytes, with the
 * brand and key number as associated data, so a wrapped key moved onto another brand's
 * row fails to unwrap instead of serving that brand. The one place where a master key is
 * (un)wrapped, so that it can later share its scheme with other wrapped platform keys.
 * <p>
 * The KEK is asked for on first use only, so an app that never touches an NFC key never
 * needs it configured. Thread-safe; {@link #toString()} shows no key.
 */
public final class NfcKeyWrapping {

	/** Bytes of a wrapped key: nonce, encrypted 16-byte key, GCM tag. */
	public static final int WRAPPED_LENGTH = 12 + 16 + 16;

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final int KEK_LENGTH = 32;

	private static final SecureRandom random = new SecureRandom();

	private final Supplier<byte[]> kek;

	/**
	 * Wrapping under a KEK read when first needed.
	 * @param kek supplies the 32-byte KEK
	 */
	public NfcKeyWrapping(Supplier<byte[]> kek) {
		this.kek = kek;
	}

	/**
	 * A fresh random AES-128 master key.
	 * @return 16 random bytes
	 */
	public static byte[] newMasterKey() {
		byte[] key = new byte[16];
		random.nextBytes(key);
		return key;
	}

	/**
	 * Wrap a master key.
	 * @param brandId the brand it belongs to
	 * @param keyNumber its number within the brand
	 * @param masterKey the 16-byte key
	 * @return the 44-byte wrapped key
	 */
	public byte[] wrap(long brandId, int keyNumber, byte[] masterKey) {
		Aes128.requireKey(masterKey);
		byte[] nonce = new byte[NONCE_LENGTH];
		random.nextBytes(nonce);
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, brandId, keyNumber, nonce, masterKey);
		return ByteBuffer.allocate(WRAPPED_LENGTH).put(nonce).put(sealed).array();
	}

	/**
	 * Unwrap a master key.
	 * @param brandId the brand whose row held it
	 * @param keyNumber its number within the brand
	 * @param wrapped the wrapped key
	 * @return the 16-byte key
	 * @throws IllegalStateException if it does not unwrap under this KEK for this brand
	 * and number (another KEK, another row's key, or tampered bytes)
	 */
	public byte[] unwrap(long brandId, int keyNumber, byte[] wrapped) {
		if (wrapped == null || wrapped.length != WRAPPED_LENGTH) {
			throw new IllegalStateException("The NFC master key of brand " + brandId + " is not a wrapped key");
		}
		byte[] nonce = Arrays.copyOf(wrapped, NONCE_LENGTH);
		return crypt(Cipher.DECRYPT_MODE, brandId, keyNumber, nonce,
				Arrays.copyOfRange(wrapped, NONCE_LENGTH, wrapped.length));
	}

	/**
	 * A key for another purpose derived from the KEK (HMAC-SHA256 of the purpose), so
	 * that the same secret never serves two uses directly.
	 * @param purpose what the key is for, e.g. {@code "nfc-verdict"}
	 * @return 32 bytes
	 */
	public byte[] derive(String purpose) {
		byte[] key = requireKek();
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(("dpp-mint/" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	private byte[] crypt(int mode, long brandId, int keyNumber, byte[] nonce, byte[] input) {
		byte[] key = requireKek();
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData(brandId, keyNumber));
			return cipher.doFinal(input);
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException("The NFC master key " + keyNumber + " of brand " + brandId
					+ " does not unwrap under the configured NFC KEK (dpp.secrets.nfc-kek)", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available", ex);
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	private byte[] requireKek() {
		byte[] key = this.kek.get();
		if (key == null || key.length != KEK_LENGTH) {
			throw new IllegalStateException("The NFC KEK (dpp.secrets.nfc-kek) must be 32 bytes");
		}
		return key;
	}

	private static byte[] associatedData(long brandId, int keyNumber) {
		return ("dpp-mint/nfc-master-key/" + brandId + "/" + keyNumber).getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public String toString() {
		return "NfcKeyWrapping[AES-256-GCM, KEK redacted]";
	}

}
