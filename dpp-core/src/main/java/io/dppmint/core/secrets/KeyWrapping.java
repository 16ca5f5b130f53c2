package io.dppmint.core.secrets;

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
 * Wraps keys for storage under one of the platform's key-encryption keys, the one place
 * where a stored key is (un)wrapped: the brands' code-signing keys under the signing KEK
 * ({@link #underSigningKek}) and their NFC master keys under the NFC KEK
 * ({@link #underNfcKek}), two distinct keys so that neither app that holds one can read
 * the other's keys.
 * <p>
 * AES-256-GCM (NIST SP 800-38D) with a random 96-bit IV and a 128-bit tag, and additional
 * authenticated data chosen by the caller that binds the wrapped key to its row, so that
 * a wrapped key copied to another brand's or number's row does not unwrap. Stored form:
 * {@code iv (12) || ciphertext || tag (16)}, unchanged since both kinds of key were first
 * stored ({@code KeyWrappingTests} unwraps frozen blobs of each).
 * <p>
 * The KEK is asked for on each use only, so an app that never touches a wrapped key never
 * needs it configured; each copy it is given is zeroed after use. Thread-safe;
 * {@link #toString()} shows no key.
 */
public final class KeyWrapping {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final int KEK_BYTES = 32;

	private static final SecureRandom random = new SecureRandom();

	private final String kekName;

	private final Supplier<byte[]> kek;

	private KeyWrapping(String kekName, Supplier<byte[]> kek) {
		this.kekName = kekName;
		this.kek = kek;
	}

	/**
	 * Wrapping of the brands' code-signing keys (GS1 AI 8030).
	 * @param kek supplies a new copy of the 32-byte signing KEK
	 * ({@code dpp.secrets.signing-kek}) on each call
	 * @return the wrapping
	 */
	public static KeyWrapping underSigningKek(Supplier<byte[]> kek) {
		return new KeyWrapping("signing KEK (dpp.secrets.signing-kek)", kek);
	}

	/**
	 * Wrapping of the brands' NFC master keys, and the keys derived from the NFC KEK.
	 * @param kek supplies a new copy of the 32-byte NFC KEK ({@code dpp.secrets.nfc-kek})
	 * on each call
	 * @return the wrapping
	 */
	public static KeyWrapping underNfcKek(Supplier<byte[]> kek) {
		return new KeyWrapping("NFC KEK (dpp.secrets.nfc-kek)", kek);
	}

	/**
	 * Wrap a key.
	 * @param key the key to wrap
	 * @param associatedData what the wrapped key is bound to (its row)
	 * @return {@code iv || ciphertext || tag}
	 */
	public byte[] wrap(byte[] key, byte[] associatedData) {
		byte[] iv = new byte[IV_BYTES];
		random.nextBytes(iv);
		byte[] kek = requireKek();
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, kek, iv, associatedData);
			byte[] wrapped = new byte[IV_BYTES + cipher.getOutputSize(key.length)];
			System.arraycopy(iv, 0, wrapped, 0, IV_BYTES);
			cipher.doFinal(key, 0, key.length, wrapped, IV_BYTES);
			return wrapped;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not wrap a key with AES-256-GCM", ex);
		}
		finally {
			Arrays.fill(kek, (byte) 0);
		}
	}

	/**
	 * Unwrap a key.
	 * @param wrapped {@code iv || ciphertext || tag}
	 * @param associatedData what it was bound to
	 * @return the key
	 * @throws IllegalStateException if the KEK, the data or the binding is not the one it
	 * was wrapped with (the message never carries key material)
	 */
	public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
		if (wrapped == null || wrapped.length <= IV_BYTES + TAG_BITS / 8) {
			throw new IllegalStateException("A wrapped key is too short to be AES-256-GCM output");
		}
		byte[] kek = requireKek();
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, kek, Arrays.copyOf(wrapped, IV_BYTES), associatedData);
			return cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException("A wrapped key does not unwrap under the configured " + this.kekName
					+ ": another KEK, or the key or its row was altered", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not unwrap a key with AES-256-GCM", ex);
		}
		finally {
			Arrays.fill(kek, (byte) 0);
		}
	}

	/**
	 * A key for another purpose derived from the KEK (HMAC-SHA256 of
	 * {@code "dpp-mint/" + purpose}), so that the same secret never serves two uses
	 * directly.
	 * @param purpose what the key is for, e.g. {@code "nfc-verdict"}
	 * @return 32 bytes
	 */
	public byte[] derive(String purpose) {
		byte[] kek = requireKek();
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(kek, "HmacSHA256"));
			return mac.doFinal(("dpp-mint/" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
		finally {
			Arrays.fill(kek, (byte) 0);
		}
	}

	private byte[] requireKek() {
		byte[] kek = this.kek.get();
		if (kek == null || kek.length != KEK_BYTES) {
			throw new IllegalStateException("The " + this.kekName + " must be " + KEK_BYTES + " bytes (AES-256)");
		}
		return kek;
	}

	private static Cipher cipher(int mode, byte[] kek, byte[] iv, byte[] associatedData)
			throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD(associatedData);
		return cipher;
	}

	@Override
	public String toString() {
		return "KeyWrapping[AES-256-GCM under the " + this.kekName + ", redacted]";
	}

}
