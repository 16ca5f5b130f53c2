package io.dppmint.core.digsig;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps brand private keys for storage under a platform key-encryption key: AES-256-GCM
 * (NIST SP 800-38D) with a random 96-bit IV and a 128-bit tag, and additional
 * authenticated data that binds the wrapped key to its row ({@code brand_id || purpose ||
 * key_number}), so that a wrapped key copied to another brand's or number's row does not
 * unwrap. Stored form: {@code iv(12) || ciphertext || tag(16)}.
 */
public final class KeyWrapping {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom random = new SecureRandom();

	private KeyWrapping() {
	}

	/**
	 * The additional authenticated data of a brand key.
	 * @param brandId the brand
	 * @param purpose the key's purpose ({@code digsig})
	 * @param keyNumber the key's number
	 * @return {@code brand_id (8 bytes, big-endian) || purpose (UTF-8) || key_number (2 bytes)}
	 */
	public static byte[] associatedData(long brandId, String purpose, int keyNumber) {
		byte[] name = purpose.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(8 + name.length + 2).putLong(brandId).put(name).putShort((short) keyNumber).array();
	}

	/**
	 * Wrap a key.
	 * @param kek the 32-byte key-encryption key
	 * @param key the key to wrap
	 * @param associatedData what the wrapped key is bound to
	 * @return {@code iv || ciphertext || tag}
	 */
	public static byte[] wrap(byte[] kek, byte[] key, byte[] associatedData) {
		byte[] iv = new byte[IV_BYTES];
		random.nextBytes(iv);
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
	}

	/**
	 * Unwrap a key.
	 * @param kek the 32-byte key-encryption key it was wrapped with
	 * @param wrapped {@code iv || ciphertext || tag}
	 * @param associatedData what it was bound to
	 * @return the key
	 * @throws IllegalStateException if the KEK, the data or the binding is not the one it
	 * was wrapped with (the message never carries key material)
	 */
	public static byte[] unwrap(byte[] kek, byte[] wrapped, byte[] associatedData) {
		if (wrapped == null || wrapped.length <= IV_BYTES + TAG_BITS / 8) {
			throw new IllegalStateException("A wrapped key is too short to be AES-256-GCM output");
		}
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, kek, java.util.Arrays.copyOf(wrapped, IV_BYTES),
					associatedData);
			return cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException(
					"A wrapped key does not unwrap: wrong signing KEK, or the key or its row was altered", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not unwrap a key with AES-256-GCM", ex);
		}
	}

	private static Cipher cipher(int mode, byte[] kek, byte[] iv, byte[] associatedData)
			throws GeneralSecurityException {
		if (kek == null || kek.length != 32) {
			throw new IllegalArgumentException("The key-encryption key must be 32 bytes (AES-256)");
		}
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD(associatedData);
		return cipher;
	}

}
