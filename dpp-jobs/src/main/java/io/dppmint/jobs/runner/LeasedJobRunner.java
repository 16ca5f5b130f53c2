package io.dppmint.jobs.runner;

import java.sql.SQLException;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Runs one instance of a leased job (by id) to its end in the calling thread: takes the
 * instance's lease, starts its job the first time, or resumes it after an interruption
 * (recovering an execution a dead process left {@code STARTED}, then restarting it from
 * its last committed chunks), and gives the lease up at the end. Holding the lease is
 * what proves a {@code STARTED} execution has no live owner. Every way of running the job
 * (the launcher, the command line) goes through here.
 * <p>
 * The job has one identifying parameter, the instance id, so an instance has exactly one
 * job instance in the repository. An instance whose last execution can never resume
 * (completed or abandoned while the instance still has work) is recorded failed, with
 * that reason, rather than retried forever.
 * <p>
 * Each takeover (an execution recovered from a process that is gone, then restarted)
 * counts in {@code dpp.jobs.lease.takeovers} (tag {@code job}).
 *
 * @param <L> the job's lease
 */
public final class LeasedJobRunner<L extends JobLease> {

	private static final Logger log = LoggerFactory.getLogger(LeasedJobRunner.class);

	private final LeasedJob<L> definition;

	private final HeldLeases<L> held;

	private final Job job;

	private final String idParameter;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Counter takeovers;

	/**
	 * @param definition the job's leases and records
	 * @param held where the leases this process holds are found by the job's code
	 * @param job the Spring Batch job
	 * @param idParameter its one identifying parameter, the instance id
	 * @param jobOperator starts, recovers and restarts executions
	 * @param jobRepository finds the last execution
	 * @param meters where the takeovers are counted
	 */
	public LeasedJobRunner(LeasedJob<L> definition, HeldLeases<L> held, Job job, String idParameter,
			JobOperator jobOperator, JobRepository jobRepository, MeterRegistry meters) {
		this.definition = definition;
		this.held = held;
		this.job = job;
		this.idParameter = idParameter;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.takeovers = Counter.builder("dpp.jobs.lease.takeovers")
			.tag("job", job.getName())
			.description("Job executions left running by a process that is gone, recovered and restarted here")
			.register(meters);
	}

	/**
	 * Run or resume an instance's job to its end, if it has work and its lease is free.
	 * @param id the instance
	 * @return whether this call held the lease (and ran what there was to run); false
	 * when another live process holds it, or there is nothing to run
	 */
	public boolean run(long id) {
		if (!this.definition.unfinished(id)) {
			return false;
		}
		Optional<L> lease;
		try {
			lease = this.definition.tryLease(id);
		}
		catch (SQLException ex) {
			log.warn("{} {}: could not take its lease: {}", this.definition.subject(), id, ex.getMessage());
			return false;
		}
		if (lease.isEmpty()) {
			return false;
		}
		try (L holding = lease.get()) {
			this.held.hold(id, holding);
			try {
				// Checked again under the lease: it may have finished since.
				if (this.definition.unfinished(id)) {
					runJob(id, holding);
				}
			}
			finally {
				this.held.release(id, holding);
			}
		}
		return true;
	}

	private void runJob(long id, L lease) {
		JobParameters parameters = new JobParametersBuilder().addLong(this.idParameter, id).toJobParameters();
		JobExecution last = this.jobRepository.getLastJobExecution(this.job.getName(), parameters);
		try {
			JobExecution ran;
			if (last == null) {
				ran = this.jobOperator.start(this.job, parameters);
			}
			else if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
				throw new IllegalStateException(
						"its job execution " + last.getId() + " is " + last.getStatus() + " and cannot resume");
			}
			else {
				if (last.getStatus().isRunning() || last.getStatus() == BatchStatus.UNKNOWN) {
					log.info("{} {}: resuming; job execution {} was left {} by a process that is gone",
							this.definition.subject(), id, last.getId(), last.getStatus());
					last = this.jobOperator.recover(last);
					this.definition.recovered(id, lease, last);
					this.takeovers.increment();
				}
				ran = this.jobOperator.restart(last);
			}
			log.info("{} {}: job execution {} ended {}", this.definition.subject(), id, ran.getId(), ran.getStatus());
		}
		catch (Exception ex) {
			String reason = "Could not run the " + this.job.getName() + ": " + ex.getMessage();
			log.error("{} {}: {}", this.definition.subject(), id, reason, ex);
			this.definition.failed(id, lease, reason);
		}
	}

}
