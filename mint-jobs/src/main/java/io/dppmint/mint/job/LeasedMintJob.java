package io.dppmint.mint.job;

import java.sql.SQLException;
import java.util.Optional;

import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.jobs.runner.LeasedJob;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The mint job as the job toolkit runs it: a batch has work while it is queued or
 * processing, runs under its {@link BatchLease}, and its fate is the batch's status, with
 * every transition audited. A failure is recorded only under the live fence.
 */
public class LeasedMintJob implements LeasedJob<BatchLease> {

	private final JdbcConnectionDetails database;

	private final JdbcMintBatchRepository batches;

	private final MintAuditTrail auditTrail;

	LeasedMintJob(JdbcConnectionDetails database, JdbcMintBatchRepository batches, MintAuditTrail auditTrail) {
		this.database = database;
		this.batches = batches;
		this.auditTrail = auditTrail;
	}

	@Override
	public String subject() {
		return "Batch";
	}

	@Override
	public boolean unfinished(long batchId) {
		return this.batches.find(batchId).map((batch) -> !batch.status().isFinal()).orElse(false);
	}

	@Override
	public Optional<BatchLease> tryLease(long batchId) throws SQLException {
		return BatchLease.tryAcquire(this.database, this.batches, batchId);
	}

	@Override
	public void recovered(long batchId, BatchLease lease, JobExecution execution) {
		this.batches.find(batchId).ifPresent((batch) -> this.auditTrail.recovered(batch, execution.getId()));
	}

	@Override
	public void restarted(long batchId, JobExecution execution, int attempt) {
		this.batches.find(batchId).ifPresent((batch) -> this.auditTrail.restarted(batch, execution.getId(), attempt));
	}

	@Override
	public void failed(long batchId, BatchLease lease, String reason) {
		MintBatch batch = this.batches.find(batchId).orElse(null);
		if (batch != null && this.batches.markFailed(batchId, reason, lease.fence())) {
			this.auditTrail.transition(batch, batch.status(), MintBatchStatus.FAILED, reason);
		}
	}

}
