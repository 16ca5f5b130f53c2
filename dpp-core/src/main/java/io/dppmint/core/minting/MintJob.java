package io.dppmint.core.minting;

import io.dppmint.core.lease.SessionLease;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The facts every app shares about the mint job: its name and parameter in the job
 * repository, and its lease. The mint-jobs app runs it; the console reads its executions
 * and must tell a live one from one whose process is gone; both mean the same job and the
 * same lock through this class.
 * <p>
 * <b>The lease.</b> A batch's job runs only in the process holding the batch's
 * {@link SessionLease} (a PostgreSQL advisory lock on a dedicated session, key
 * {@link #leaseKey(long)}). Taking it advances the batch's lease fence
 * ({@link JdbcMintBatchRepository#advanceLeaseFence(long)}), and every chunk and final
 * transition of the job is conditional on the fence it took, so a process that lost the
 * lease without knowing (stalled past its session) records nothing more.
 */
public final class MintJob {

	/** The job's name in the job repository. */
	public static final String JOB_NAME = "mintJob";

	/** Its one identifying parameter: the batch to mint. */
	public static final String BATCH_ID = "batchId";

	/** The key, in the job's execution context, of the lease fence it runs under. */
	public static final String LEASE_FENCE = "leaseFence";

	// Namespaces the lock keys ("MI"), so they cannot meet other advisory locks.
	private static final long NAMESPACE = 0x4D49_0000_0000_0000L;

	private MintJob() {
	}

	/**
	 * The advisory lock key of a batch's lease.
	 * @param batchId the batch, 1 to 2^48 - 1
	 * @return the key
	 */
	public static long leaseKey(long batchId) {
		if (batchId <= 0 || batchId >= (1L << 48)) {
			throw new IllegalArgumentException("Batch id out of the lease key range: " + batchId);
		}
		return NAMESPACE | batchId;
	}

	/**
	 * Whether a live process holds a batch's lease (and so runs its job), without taking
	 * it.
	 * @param jdbc any connection to the database
	 * @param batchId the batch
	 * @return whether it is held
	 */
	public static boolean isLeaseHeld(JdbcClient jdbc, long batchId) {
		return SessionLease.isHeld(jdbc, leaseKey(batchId));
	}

}
