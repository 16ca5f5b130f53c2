package io.dppmint.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

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
 * <p>
 * <b>Rotation.</b> The audit key can be replaced: the new key becomes
 * {@code dpp.secrets.audit-key} and the ones used before are listed, oldest first, in
 * {@code dpp.secrets.retired-audit-keys}. New events are linked and checkpoints signed
 * with the current key only; the retired keys only verify. Keys form generations (the
 * oldest retired key is generation 0, the current one the last): along the chain a link's
 * generation never goes down, so an event linked with a retired key after one linked with
 * a newer key is refused, and a retired key that leaks lets nobody add to the chain or
 * rewrite what came after it (that would break the first newer link, or shorten the chain
 * below its checkpoint).
 */
public final class AuditChainKey {

	/** The marker of a keyed link in the {@code hash} column. */
	static final String KEYED = "hmac-sha256:";

	/** Chain keys by generation, oldest first; the last is the current key's. */
	private final List<SecretKeySpec> chains;

	/** Checkpoint keys by generation, oldest first. */
	private final List<SecretKeySpec> checkpoints;

	/**
	 * @param auditKey the platform's 32-byte audit key
	 */
	public AuditChainKey(byte[] auditKey) {
		this(auditKey, List.of());
	}

	/**
	 * @param auditKey the platform's current 32-byte audit key
	 * @param retiredKeys the audit keys used before it, oldest first
	 */
	public AuditChainKey(byte[] auditKey, List<byte[]> retiredKeys) {
		List<byte[]> generations = new ArrayList<>(retiredKeys);
		generations.add(auditKey);
		List<SecretKeySpec> chains = new ArrayList<>();
		List<SecretKeySpec> checkpoints = new ArrayList<>();
		for (byte[] generation : generations) {
			byte[] key = generation.clone();
			try {
				chains.add(new SecretKeySpec(derive(key, "dpp audit chain v1"), "HmacSHA256"));
				checkpoints.add(new SecretKeySpec(derive(key, "dpp audit checkpoint v1"), "HmacSHA256"));
			}
			finally {
				Arrays.fill(key, (byte) 0);
			}
		}
		this.chains = List.copyOf(chains);
		this.checkpoints = List.copyOf(checkpoints);
	}

	/** How many keys this platform holds: the retired ones and the current one. */
	int generations() {
		return this.chains.size();
	}

	/** The keyed link of the event at {@code position}, with the current key. */
	String link(long position, String previousHash, String canonical) {
		return link(this.chains.size() - 1, position, previousHash, canonical);
	}

	/**
	 * The generation of the key that made {@code hash} as the link of this event: the
	 * first from {@code lowest} on (a chain's generations never go down), or -1 if none
	 * did.
	 */
	int generationOf(String hash, int lowest, long position, String previousHash, String canonical) {
		for (int generation = Math.max(lowest, 0); generation < this.chains.size(); generation++) {
			if (hash.equals(link(generation, position, previousHash, canonical))) {
				return generation;
			}
		}
		return -1;
	}

	/** The signature of a checkpoint's text, with the current key. */
	String sign(String text) {
		return sign(this.checkpoints.size() - 1, text);
	}

	/**
	 * Whether {@code signature} signs {@code text} with one of this platform's keys,
	 * compared in constant time: a checkpoint written before a rotation still reads, and
	 * the next one written is signed with the current key.
	 */
	boolean signs(String signature, String text) {
		byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
		boolean signed = false;
		for (int generation = 0; generation < this.checkpoints.size(); generation++) {
			signed |= MessageDigest.isEqual(sign(generation, text).getBytes(StandardCharsets.US_ASCII), given);
		}
		return signed;
	}

	private String link(int generation, long position, String previousHash, String canonical) {
		Mac mac = mac(this.chains.get(generation));
		mac.update(Long.toString(position).getBytes(StandardCharsets.US_ASCII));
		mac.update((byte) 0);
		mac.update(previousHash.getBytes(StandardCharsets.US_ASCII));
		mac.update((byte) 0);
		return KEYED + HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
	}

	private String sign(int generation, String text) {
		return HexFormat.of()
			.formatHex(mac(this.checkpoints.get(generation)).doFinal(text.getBytes(StandardCharsets.UTF_8)));
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
