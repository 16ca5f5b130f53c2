package io.dppmint.mint.launcher;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The right to run one batch's mint job: a PostgreSQL session-level advisory lock held on
 * a dedicated connection for as long as the job runs. Only one process in the whole
 * deployment holds it; if that process dies or loses its machine, PostgreSQL ends the
 * session and the lock is free again, which is exactly how a successor knows that a
 * {@code STARTED} execution has no live owner. (A lost machine is noticed when the
 * server's TCP keepalive gives up on the session.)
 */
public final class BatchLease implements AutoCloseable {

	// Namespaces the lock keys, so they cannot meet other advisory locks.
	private static final long NAMESPACE = 0x4D49_0000_0000_0000L;

	private final Connection connection;

	private final long batchId;

	private BatchLease(Connection connection, long batchId) {
		this.connection = connection;
		this.batchId = batchId;
	}

	/**
	 * Try to take the lease of a batch.
	 * @param database where to connect (a dedicated, unpooled connection)
	 * @param batchId the batch
	 * @return the lease, or empty if another process (or thread) holds it
	 * @throws SQLException if the database cannot be reached
	 */
	public static Optional<BatchLease> tryAcquire(JdbcConnectionDetails database, long batchId) throws SQLException {
		if (batchId <= 0 || batchId >= (1L << 48)) {
			throw new IllegalArgumentException("Batch id out of the lease key range: " + batchId);
		}
		Connection connection = java.sql.DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword());
		try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
			lock.setLong(1, NAMESPACE | batchId);
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				if (result.getBoolean(1)) {
					return Optional.of(new BatchLease(connection, batchId));
				}
			}
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		connection.close();
		return Optional.empty();
	}

	public long batchId() {
		return this.batchId;
	}

	/** Release the lease (closing its session releases the lock). */
	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// The session is gone either way, and with it the lock.
		}
	}

}
