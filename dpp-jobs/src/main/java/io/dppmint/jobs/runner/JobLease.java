package io.dppmint.jobs.runner;

/**
 * The right of one process in the whole deployment to run one job instance (a batch's
 * mint, an export), held from before its job starts until after it ended. Its
 * {@link #fence()} is what the job's writes are conditional on, so a process that lost
 * the lease without knowing records nothing more.
 */
public interface JobLease extends AutoCloseable {

	/**
	 * What this holder's writes must carry: a lease owner or a fence number, unique to
	 * this holding.
	 */
	Object fence();

	/** Give the lease up. */
	@Override
	void close();

}
