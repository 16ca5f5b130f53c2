package io.dppmint.resolver.resolution;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import io.dppmint.core.token.TokenStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads tokens by primary key (the token number its serial or public id decodes to): the
 * resolver's one query per scan.
 */
class JdbcTokenReader {

	private final JdbcClient jdbc;

	JdbcTokenReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<TokenRow> find(long tokenNumber) {
		return this.jdbc.sql("select batch_id, lot_id, status from tokens where id = ?")
			.param(tokenNumber)
			.query((rs, row) -> new TokenRow(tokenNumber, rs.getLong(1), rs.getLong(2),
					TokenStatus.ofCode(rs.getInt(3))))
			.optional();
	}

	/** When a revoked token was revoked, if the revocation was recorded. */
	Optional<Instant> revokedAt(long tokenNumber) {
		return this.jdbc.sql("select revoked_at from token_revocations where token_id = ?")
			.param(tokenNumber)
			.query((rs, row) -> {
				Timestamp at = rs.getTimestamp(1);
				return (at != null) ? at.toInstant() : null;
			})
			.optional();
	}

	/**
	 * A token row.
	 *
	 * @param id the token number
	 * @param batchId its batch
	 * @param lotId its lot, or 0 for none
	 * @param status its status
	 */
	record TokenRow(long id, long batchId, long lotId, TokenStatus status) {

	}

}
