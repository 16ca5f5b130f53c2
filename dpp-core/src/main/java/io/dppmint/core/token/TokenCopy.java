package io.dppmint.core.token;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes token rows with PostgreSQL {@code COPY ... FROM STDIN} on a given connection, so
 * that a caller's transaction (a mint chunk's, typically) covers them. This is the one
 * place that knows the column layout the mint path writes; rows are encoded straight to
 * ASCII bytes without per-row objects.
 * <p>
 * Not thread-safe: one instance per writer thread (it reuses its buffer).
 */
public final class TokenCopy {

	static final String COPY_SQL = "copy tokens (id, batch_id, lot_id, status) from stdin";

	private static final byte[] NULL = { '\\', 'N' };

	private byte[] buffer = new byte[64 * 1024];

	private int length;

	/** Start a new set of rows. */
	public TokenCopy begin() {
		this.length = 0;
		return this;
	}

	/**
	 * Add one token row.
	 * @param tokenNumber the token's number (its primary key)
	 * @param batchId its batch
	 * @param lotId its lot, or 0 for none
	 * @param status its initial status
	 * @return this
	 */
	public TokenCopy add(long tokenNumber, long batchId, long lotId, TokenStatus status) {
		ensure(64);
		appendLong(tokenNumber);
		this.buffer[this.length++] = '\t';
		appendLong(batchId);
		this.buffer[this.length++] = '\t';
		if (lotId == 0) {
			System.arraycopy(NULL, 0, this.buffer, this.length, NULL.length);
			this.length += NULL.length;
		}
		else {
			appendLong(lotId);
		}
		this.buffer[this.length++] = '\t';
		this.buffer[this.length++] = (byte) ('0' + status.code());
		this.buffer[this.length++] = '\n';
		return this;
	}

	/**
	 * Send the rows added since {@link #begin()} through COPY on {@code connection}.
	 * @param connection a PostgreSQL connection (possibly a pool proxy)
	 * @return the number of rows written
	 * @throws SQLException if COPY fails (the caller's transaction is then aborted)
	 */
	public long copyTo(Connection connection) throws SQLException {
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		try {
			return copy.copyIn(COPY_SQL, new ByteArrayInputStream(this.buffer, 0, this.length), 256 * 1024);
		}
		catch (IOException ex) {
			throw new SQLException("Could not stream token rows to COPY", ex);
		}
	}

	private void appendLong(long value) {
		if (value < 0) {
			throw new IllegalArgumentException("Token columns are positive, not " + value);
		}
		int start = this.length;
		do {
			this.buffer[this.length++] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		while (value != 0);
		for (int i = start, j = this.length - 1; i < j; i++, j--) {
			byte swap = this.buffer[i];
			this.buffer[i] = this.buffer[j];
			this.buffer[j] = swap;
		}
	}

	private void ensure(int extra) {
		if (this.length + extra > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + extra));
		}
	}

}
