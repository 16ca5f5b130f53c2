package io.dppmint.mint.launcher;

import java.sql.SQLException;
import java.util.Optional;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The right to run one batch's mint job: a {@link SessionLease} held for as long as the
 * job runs. Only one process in the whole deployment holds it; when it is free, a
 * {@code STARTED} execution of the batch has no live owner.
 */
public final class BatchLease implements AutoCloseable {

	// Namespaces the lock keys, so they cannot meet other advisory locks.
	private static final long NAMESPACE = 0x4D49_0000_0000_0000L;

	private final SessionLease lease;

	private final long batchId;

	private BatchLease(SessionLease lease, long batchId) {
		this.lease = lease;
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
		return SessionLease.tryAcquire(database, NAMESPACE | batchId).map((lease) -> new BatchLease(lease, batchId));
	}

	public long batchId() {
		return this.batchId;
	}

	/** Release the lease. */
	@Override
	public void close() {
		this.lease.close();
	}

}
