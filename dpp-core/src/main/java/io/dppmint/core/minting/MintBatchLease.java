package io.dppmint.core.minting;

/**
 * The PostgreSQL advisory lock that leases a batch's mint job to one process: the
 * mint-jobs launcher holds it (session level, on a dedicated connection) for as long as
 * it runs the job, and the console reads {@code pg_locks} to tell a live execution from
 * one whose process is gone before it lets an operator recover it. One place for the key,
 * so both sides always mean the same lock.
 */
public final class MintBatchLease {

	// Namespaces the lock keys, so they cannot meet other advisory locks.
	private static final long NAMESPACE = 0x4D49_0000_0000_0000L;

	private MintBatchLease() {
	}

	/**
	 * The advisory lock key of a batch.
	 * @param batchId the batch, 1 to 2^48 - 1
	 * @return the key
	 */
	public static long key(long batchId) {
		if (batchId <= 0 || batchId >= (1L << 48)) {
			throw new IllegalArgumentException("Batch id out of the lease key range: " + batchId);
		}
		return NAMESPACE | batchId;
	}

}
