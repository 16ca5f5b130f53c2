package io.dppmint.jobs.runner;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases this process holds, by instance id, for the code a job runs (its steps,
 * writers and listener): they take the fence of their writes from here, whichever
 * execution (first run or restart) they belong to.
 *
 * @param <L> the lease
 */
public final class HeldLeases<L extends JobLease> {

	private final String subject;

	private final Map<Long, L> leases = new ConcurrentHashMap<>();

	/**
	 * @param subject what one instance is called, for messages ({@code "Export"})
	 */
	public HeldLeases(String subject) {
		this.subject = subject;
	}

	void hold(long id, L lease) {
		if (this.leases.putIfAbsent(id, lease) != null) {
			throw new IllegalStateException(this.subject + " " + id + " already runs in this process");
		}
	}

	void release(long id, L lease) {
		this.leases.remove(id, lease);
	}

	/** The lease this process holds on an instance, if any. */
	public Optional<L> find(long id) {
		return Optional.ofNullable(this.leases.get(id));
	}

	/**
	 * The lease this process holds on an instance.
	 * @throws IllegalStateException if it holds none: the job was started some other way
	 * than through its {@link LeasedJobRunner}
	 */
	public L require(long id) {
		L lease = this.leases.get(id);
		if (lease == null) {
			throw new IllegalStateException(
					this.subject + " " + id + " runs without its lease: start it through its job runner");
		}
		return lease;
	}

}
