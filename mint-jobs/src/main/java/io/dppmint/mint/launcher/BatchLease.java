package io.dppmint.mint.launcher;

import java.sql.SQLException;
import java.util.Optional;

import io.dppmint.core.minting.MintBatchLease;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The right to run one batch's mint job: a {@link SessionLease} on the batch's
 * {@link MintBatchLease} key, held for as long as the job runs. Only one process in the
 * whole deployment holds it; when it is free, a {@code STARTED} execution of the batch
 * has no live owner.
 */
public final class BatchLease implements AutoCloseable {

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
		return SessionLease.tryAcquire(database, MintBatchLease.key(batchId))
			.map((lease) -> new BatchLease(lease, batchId));
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
