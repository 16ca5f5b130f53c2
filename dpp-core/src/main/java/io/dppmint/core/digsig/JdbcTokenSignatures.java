package io.dppmint.core.digsig;

import java.security.MessageDigest;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads {@code token_signatures} (written only by {@link TokenSignatureCopy}): one
 * primary-key read per token.
 */
public class JdbcTokenSignatures {

	private final JdbcClient jdbc;

	public JdbcTokenSignatures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A token's stored signature.
	 * @param tokenId the token
	 * @return {@code r || s}, or empty for an unsigned token
	 */
	public Optional<byte[]> find(long tokenId) {
		return this.jdbc.sql("select signature from token_signatures where token_id = :tokenId")
			.param("tokenId", tokenId)
			.query((rs, row) -> rs.getBytes(1))
			.optional();
	}

	/**
	 * Whether a presented AI 8030 value is the one this platform signed for a token: same
	 * key number and, compared in constant time, the same signature. For the platform's
	 * own codes this is equivalent to verifying, at the cost of one read instead of an
	 * ECDSA verification.
	 * @param tokenId the token
	 * @param keyNumber the number of the key its batch is signed with
	 * @param presented the value scanned
	 * @return whether it matches
	 */
	public boolean matches(long tokenId, int keyNumber, DigitalSignature8030 presented) {
		Optional<byte[]> stored = find(tokenId);
		return stored.isPresent() && MessageDigest.isEqual(stored.get(), presented.signature())
				&& presented.keyNumber() == keyNumber;
	}

}
