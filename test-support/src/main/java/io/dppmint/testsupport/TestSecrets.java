package io.dppmint.testsupport;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keys for tests: random per test JVM, so no key ever lives in the repository.
 */
public final class TestSecrets {

	/** Base64 of a random 32-byte identifier key for this JVM. */
	public static final String IDENTIFIER_KEY = randomKey();

	/** Base64 of a random 32-byte download-signing key for this JVM. */
	public static final String DOWNLOAD_SIGNING_KEY = randomKey();

	/** Base64 of a random 32-byte audit-chain key for this JVM. */
	public static final String AUDIT_KEY = randomKey();

	/**
	 * Base64 of a random 32-byte key-encryption key of code-signing keys for this JVM.
	 */
	public static final String SIGNING_KEK = randomKey();

	/** Base64 of a random 32-byte NFC key-encryption key for this JVM. */
	public static final String NFC_KEK = randomKey();

	private TestSecrets() {
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
