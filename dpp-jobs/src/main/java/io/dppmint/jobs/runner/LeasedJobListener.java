package io.dppmint.jobs.runner;

import java.util.Optional;

import io.dppmint.core.lease.LeaseLostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Keeps an instance's record in step with its job: tells the definition about restarts,
 * and records the instance failed, with the reason, when an execution ends without
 * completing (its committed work stays, and a restart resumes after it). Not when the
 * lease was lost: then another process owns the instance and carries on. A process killed
 * outright never gets here; its lease frees and a launcher resumes the instance.
 *
 * @param <L> the job's lease
 */
public final class LeasedJobListener<L extends JobLease> implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(LeasedJobListener.class);

	private final LeasedJob<L> definition;

	private final HeldLeases<L> held;

	private final String idParameter;

	private final JobRepository jobRepository;

	/**
	 * @param definition the job's leases and records
	 * @param held the leases this process holds
	 * @param idParameter the job's identifying parameter, the instance id
	 * @param jobRepository counts the instance's executions
	 */
	public LeasedJobListener(LeasedJob<L> definition, HeldLeases<L> held, String idParameter,
			JobRepository jobRepository) {
		this.definition = definition;
		this.held = held;
		this.idParameter = idParameter;
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		int attempts = this.jobRepository.getJobExecutions(jobExecution.getJobInstance()).size();
		if (attempts > 1) {
			this.definition.restarted(id(jobExecution), jobExecution, attempts);
		}
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
			return;
		}
		long id = id(jobExecution);
		if (jobExecution.getAllFailureExceptions().stream().anyMatch(LeaseLostException::isCause)) {
			log.warn("{} {}: this process lost its lease; the process that took it over carries on",
					this.definition.subject(), id);
			return;
		}
		Optional<L> lease = this.held.find(id);
		if (lease.isEmpty()) {
			log.error("{} {}: job execution {} ended {} without a lease held here; not recorded",
					this.definition.subject(), id, jobExecution.getId(), jobExecution.getStatus());
			return;
		}
		this.definition.failed(id, lease.get(), JobFailures.reason(jobExecution));
	}

	private long id(JobExecution jobExecution) {
		return jobExecution.getJobParameters().getLong(this.idParameter);
	}

}
