package io.dppmint.core.nfc;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The AES-128 primitives of the NTAG 424 DNA schemes: AES-CMAC (NIST SP 800-38B, RFC
 * 4493) from BouncyCastle, and AES in ECB or CBC mode without padding from the JDK. Every
 * key is 16 bytes; lengths of block-mode data are whole blocks. Stateless and
 * thread-safe.
 */
final class Aes128 {

	static final int BLOCK = 16;

	static final int KEY_LENGTH = 16;

	private Aes128() {
	}

	static byte[] cmac(byte[] key, byte[] message) {
		requireKey(key);
		CMac cmac = new CMac(AESEngine.newInstance());
		cmac.init(new KeyParameter(key));
		cmac.update(message, 0, message.length);
		byte[] mac = new byte[BLOCK];
		cmac.doFinal(mac, 0);
		return mac;
	}

	static byte[] encryptEcb(byte[] key, byte[] blocks) {
		return run("AES/ECB/NoPadding", Cipher.ENCRYPT_MODE, key, null, blocks);
	}

	static byte[] encryptCbc(byte[] key, byte[] iv, byte[] blocks) {
		return run("AES/CBC/NoPadding", Cipher.ENCRYPT_MODE, key, iv, blocks);
	}

	static byte[] decryptCbc(byte[] key, byte[] iv, byte[] blocks) {
		return run("AES/CBC/NoPadding", Cipher.DECRYPT_MODE, key, iv, blocks);
	}

	static void requireKey(byte[] key) {
		if (key == null || key.length != KEY_LENGTH) {
			throw new IllegalArgumentException(
					"An AES-128 key is " + KEY_LENGTH + " bytes, not " + ((key != null) ? key.length : "null"));
		}
	}

	private static byte[] run(String transformation, int mode, byte[] key, byte[] iv, byte[] data) {
		requireKey(key);
		if (data.length % BLOCK != 0) {
			throw new IllegalArgumentException(
					"AES without padding takes whole 16-byte blocks, not " + data.length + " bytes");
		}
		try {
			Cipher cipher = Cipher.getInstance(transformation);
			SecretKeySpec spec = new SecretKeySpec(key, "AES");
			if (iv != null) {
				cipher.init(mode, spec, new IvParameterSpec(iv));
			}
			else {
				cipher.init(mode, spec);
			}
			return cipher.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot run " + transformation, ex);
		}
	}

}
