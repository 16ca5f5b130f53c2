package io.dppmint.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hashes of the audit chain, from the platform's audit key
 * ({@code dpp.secrets.audit-key}), which the database never holds: whoever can rewrite
 * the database (its owner, a superuser, a restored backup) can change events but cannot
 * compute the hashes that would make a changed chain verify.
 * <p>
 * Two keys are derived from the audit key, one per use, so that a value made for one can
 * never pass for the other: the chain key links each event to its predecessor,
 * {@code hash = "hmac-sha256:" + HMAC(chain key, position, previous hash, canonical event)};
 * the checkpoint key signs checkpoints of the chain's head. Chains sealed before the key
 * was introduced hold unkeyed links ({@code SHA-256(previous hash || canonical event)},
 * bare hex), which are still recognised as a prefix of the chain.
 */
public final class AuditChainKey {

	/** The marker of a keyed link in the {@code hash} column. */
	static final String KEYED = "hmac-sha256:";

	private final SecretKeySpec chain;

	private final SecretKeySpec checkpoint;

	/**
	 * @param auditKey the platform's 32-byte audit key
	 */
	public AuditChainKey(byte[] auditKey) {
		byte[] key = auditKey.clone();
		try {
			this.chain = new SecretKeySpec(derive(key, "dpp audit chain v1"), "HmacSHA256");
			this.checkpoint = new SecretKeySpec(derive(key, "dpp audit checkpoint v1"), "HmacSHA256");
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	/** The keyed link of the event at {@code position}. */
	String link(long position, String previousHash, String canonical) {
		Mac mac = mac(this.chain);
		mac.update(Long.toString(position).getBytes(StandardCharsets.US_ASCII));
		mac.update((byte) 0);
		mac.update(previousHash.getBytes(StandardCharsets.US_ASCII));
		mac.update((byte) 0);
		return KEYED + HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
	}

	/** The signature of a checkpoint's text. */
	String sign(String text) {
		return HexFormat.of().formatHex(mac(this.checkpoint).doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

	/** Whether {@code signature} signs {@code text}, compared in constant time. */
	boolean signs(String signature, String text) {
		return MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

	/** The unkeyed link of chains sealed before the audit key existed. */
	static String unkeyedLink(String previousHash, String canonical) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean isKeyed(String hash) {
		return hash.startsWith(KEYED);
	}

	@Override
	public String toString() {
		return "AuditChainKey[redacted]";
	}

	private static byte[] derive(byte[] key, String purpose) {
		return mac(new SecretKeySpec(key, "HmacSHA256")).doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
	}

	private static Mac mac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
