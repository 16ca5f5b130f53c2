package io.dppmint.resolver.resolution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import io.dppmint.core.token.TokenStatus;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Reads tokens by primary key (the token number its serial or public id decodes to): the
 * resolver's one query per scan. Plain JDBC on purpose: this runs once per scan, and the
 * driver turns the fixed statement into a server-side prepared statement per pooled
 * connection after a few uses.
 */
class JdbcTokenReader {

	private static final String FIND = "select batch_id, lot_id, status from tokens where id = ?";

	private static final String REVOKED_AT = "select revoked_at from token_revocations where token_id = ?";

	private final DataSource dataSource;

	JdbcTokenReader(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The token with this number, or {@code null}. */
	TokenRow find(long tokenNumber) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(FIND)) {
			statement.setLong(1, tokenNumber);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				return new TokenRow(tokenNumber, rs.getLong(1), rs.getLong(2), TokenStatus.ofCode(rs.getInt(3)));
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not read token " + tokenNumber, ex);
		}
	}

	/** When a revoked token was revoked, or {@code null} if that was not recorded. */
	Instant revokedAt(long tokenNumber) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(REVOKED_AT)) {
			statement.setLong(1, tokenNumber);
			try (ResultSet rs = statement.executeQuery()) {
				Timestamp at = rs.next() ? rs.getTimestamp(1) : null;
				return (at != null) ? at.toInstant() : null;
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not read the revocation of token " + tokenNumber, ex);
		}
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
