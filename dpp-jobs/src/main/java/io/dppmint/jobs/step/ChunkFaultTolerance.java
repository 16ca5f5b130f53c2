package io.dppmint.jobs.step;

import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.skip.NeverSkipItemSkipPolicy;
import org.springframework.dao.TransientDataAccessException;

/**
 * The platform's one fault-tolerance rule for chunk steps: a transient database error (a
 * serialization failure, a deadlock, a lock timeout, a dropped connection) is retried up
 * to the retry limit, and nothing is ever skipped, so a chunk is written whole or its
 * step fails, restartable from its last committed chunk. Writers that retry inside the
 * chunk's transaction work under a savepoint (Spring Batch 6 retries there, after
 * PostgreSQL aborted the transaction).
 */
public final class ChunkFaultTolerance {

	private ChunkFaultTolerance() {
	}

	/**
	 * Apply the rule to a chunk step.
	 * @param <I> its items read
	 * @param <O> its items written
	 * @param step the step, with its reader and writer
	 * @param retryLimit retries of a chunk after a transient error
	 * @return the step, fault tolerant
	 */
	public static <I, O> ChunkOrientedStepBuilder<I, O> retryTransientNeverSkip(ChunkOrientedStepBuilder<I, O> step,
			int retryLimit) {
		return step.faultTolerant()
			.retry(TransientDataAccessException.class)
			.retryLimit(retryLimit)
			.skipPolicy(new NeverSkipItemSkipPolicy());
	}

}
