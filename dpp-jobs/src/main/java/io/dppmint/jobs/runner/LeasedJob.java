package io.dppmint.jobs.runner;

import java.sql.SQLException;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;

/**
 * One kind of leased job, as the toolkit sees it: what says whether an instance (a batch,
 * an export, by id) still has work, how its lease is taken, and how its fate is recorded.
 * Implemented once per job app; {@link LeasedJobRunner} and {@link LeasedJobListener} do
 * the rest.
 *
 * @param <L> its lease
 */
public interface LeasedJob<L extends JobLease> {

	/** What one instance is called in log lines and messages: {@code "Batch"}. */
	String subject();

	/** Whether the instance still has work: not yet finished, one way or the other. */
	boolean unfinished(long id);

	/**
	 * Take the instance's lease.
	 * @return the lease, or empty if a live process holds it
	 * @throws SQLException if the database cannot be reached
	 */
	Optional<L> tryLease(long id) throws SQLException;

	/**
	 * An execution that a process left running when it died was recovered (marked failed,
	 * to be restarted); record it if the job audits that.
	 */
	default void recovered(long id, L lease, JobExecution execution) {
	}

	/**
	 * An execution starts again after an earlier one ({@code attempt} executions so far,
	 * this one included); record it if the job audits that.
	 */
	default void restarted(long id, JobExecution execution, int attempt) {
	}

	/**
	 * The instance's job could not run, or ended without completing: record why, provided
	 * {@code lease} is still the live one (its writes are fenced).
	 */
	void failed(long id, L lease, String reason);

}
