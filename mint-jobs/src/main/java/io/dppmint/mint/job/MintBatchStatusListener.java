package io.dppmint.mint.job;

import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Keeps the batch's status in step with its job: records restarts, and marks the batch
 * failed, with the reason, when an execution ends without completing (its committed units
 * stay). A process killed outright never gets here; its batch stays processing until the
 * launcher resumes it.
 */
final class MintBatchStatusListener implements JobExecutionListener {

	private final JdbcMintBatchRepository batches;

	private final MintAuditTrail auditTrail;

	private final JobRepository jobRepository;

	MintBatchStatusListener(JdbcMintBatchRepository batches, MintAuditTrail auditTrail, JobRepository jobRepository) {
		this.batches = batches;
		this.auditTrail = auditTrail;
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		int attempts = this.jobRepository.getJobExecutions(jobExecution.getJobInstance()).size();
		if (attempts > 1) {
			this.batches.find(batchId(jobExecution))
				.ifPresent((batch) -> this.auditTrail.restarted(batch, jobExecution.getId(), attempts));
		}
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
			return;
		}
		long batchId = batchId(jobExecution);
		// The partition manager only reports that a partition failed; the worker's
		// failure says why.
		String reason = jobExecution.getAllFailureExceptions()
			.stream()
			.filter((failure) -> !rootCause(failure).getClass().getName().startsWith("org.springframework.batch"))
			.map(MintBatchStatusListener::rootMessage)
			.findFirst()
			.orElse("Job execution " + jobExecution.getId() + " ended " + jobExecution.getStatus());
		MintBatch batch = this.batches.find(batchId).orElse(null);
		if (batch != null && this.batches.markFailed(batchId, reason)) {
			this.auditTrail.transition(batch, batch.status(), MintBatchStatus.FAILED, reason);
		}
	}

	private static long batchId(JobExecution jobExecution) {
		return jobExecution.getJobParameters().getLong(MintJobConfiguration.BATCH_ID);
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = rootCause(failure);
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == failure) ? message : failure.getClass().getSimpleName() + ": " + message;
	}

}
