package io.dppmint.mint.launcher;

import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.mint.job.MintAuditTrail;
import io.dppmint.mint.job.MintJobConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs a batch's mint job to its end in the calling thread: starts it the first time, and
 * resumes it after an interruption (recovering an execution left {@code STARTED} by a
 * dead process, then restarting it from its last committed chunks). The caller must hold
 * the batch's {@link BatchLease}; holding it is what proves a {@code STARTED} execution
 * has no live owner.
 */
public class MintJobRunner {

	private static final Logger log = LoggerFactory.getLogger(MintJobRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job mintJob;

	private final JdbcMintBatchRepository batches;

	private final MintAuditTrail auditTrail;

	public MintJobRunner(JobOperator jobOperator, JobRepository jobRepository, Job mintJob,
			JdbcMintBatchRepository batches, MintAuditTrail auditTrail) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.mintJob = mintJob;
		this.batches = batches;
		this.auditTrail = auditTrail;
	}

	/**
	 * Run or resume the batch's job, if the batch still needs minting.
	 * @param lease the caller's lease on the batch
	 * @return the batch's status afterwards
	 */
	public MintBatchStatus run(BatchLease lease) {
		long batchId = lease.batchId();
		MintBatch batch = this.batches.find(batchId)
			.orElseThrow(() -> new IllegalArgumentException("No mint batch " + batchId));
		if (batch.status() == MintBatchStatus.MINTED || batch.status() == MintBatchStatus.FAILED) {
			return batch.status();
		}
		JobParameters parameters = new JobParametersBuilder().addLong(MintJobConfiguration.BATCH_ID, batchId)
			.toJobParameters();
		JobExecution last = this.jobRepository.getLastJobExecution(MintJobConfiguration.JOB_NAME, parameters);
		try {
			if (last == null) {
				this.jobOperator.start(this.mintJob, parameters);
			}
			else if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
				log.warn("Batch {} is {} but its job execution {} is {}", batchId, batch.status(), last.getId(),
						last.getStatus());
			}
			else {
				if (last.getStatus().isRunning() || last.getStatus() == BatchStatus.UNKNOWN) {
					log.info("Resuming batch {}: job execution {} was left {} by a process that is gone", batchId,
							last.getId(), last.getStatus());
					last = this.jobOperator.recover(last);
					this.auditTrail.recovered(batch, last.getId());
				}
				this.jobOperator.restart(last);
			}
		}
		catch (Exception ex) {
			String reason = "Could not run the mint job: " + ex.getMessage();
			log.error("Batch {}: {}", batchId, reason, ex);
			if (this.batches.markFailed(batchId, reason)) {
				this.auditTrail.transition(batch, batch.status(), MintBatchStatus.FAILED, reason);
			}
		}
		return this.batches.find(batchId).map(MintBatch::status).orElseThrow();
	}

}
