package io.dppmint.jobs.metrics;

import io.micrometer.core.instrument.Counter;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A counter of work that only counts once its transaction commits: a chunk that is rolled
 * back and retried adds nothing, so the counter says what is durably done (units minted,
 * packs written), never what was attempted. Outside a transaction it counts at once.
 */
public final class CommittedCounter {

	private final Counter counter;

	public CommittedCounter(Counter counter) {
		this.counter = counter;
	}

	/**
	 * Count {@code amount} when the current transaction commits.
	 * @param amount what this transaction did
	 */
	public void add(long amount) {
		if (amount <= 0) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.counter.increment(amount);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				CommittedCounter.this.counter.increment(amount);
			}

		});
	}

	/** What was counted so far. */
	public double count() {
		return this.counter.count();
	}

}
