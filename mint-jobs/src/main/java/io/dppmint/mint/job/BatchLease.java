package io.dppmint.mint.job;

import java.sql.SQLException;
import java.util.Optional;

import io.dppmint.core.lease.SessionLease;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintJob;
import io.dppmint.jobs.runner.JobLease;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The right to run one batch's mint job: the batch's {@link SessionLease} (see
 * {@link MintJob}), held for as long as the job runs, and the lease fence taken with it.
 * Only one process in the whole deployment holds the lock; the fence makes sure that a
 * process which lost it without knowing records nothing more.
 */
public final class BatchLease implements JobLease {

	private final SessionLease lease;

	private final long batchId;

	private final long fence;

	private BatchLease(SessionLease lease, long batchId, long fence) {
		this.lease = lease;
		this.batchId = batchId;
		this.fence = fence;
	}

	/**
	 * Try to take the lease of a batch, advancing its fence.
	 * @param database where to connect (a dedicated, unpooled connection)
	 * @param batches advances the fence
	 * @param batchId the batch
	 * @return the lease, or empty if another process (or thread) holds it
	 * @throws SQLException if the database cannot be reached
	 */
	public static Optional<BatchLease> tryAcquire(JdbcConnectionDetails database, JdbcMintBatchRepository batches,
			long batchId) throws SQLException {
		Optional<SessionLease> lease = SessionLease.tryAcquire(database, MintJob.leaseKey(batchId));
		if (lease.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new BatchLease(lease.get(), batchId, batches.advanceLeaseFence(batchId)));
		}
		catch (RuntimeException ex) {
			lease.get().close();
			throw ex;
		}
	}

	public long batchId() {
		return this.batchId;
	}

	@Override
	public Long fence() {
		return this.fence;
	}

	/** Release the lease. */
	@Override
	public void close() {
		this.lease.close();
	}

	@Override
	public String toString() {
		return "batch " + this.batchId + " lease, fence " + this.fence;
	}

}
