package io.dppmint.core.export;

import java.time.Instant;

/**
 * The export of a batch is running under another process's live lease (the 10-minute soft
 * lock): a second export of the same batch cannot start before the lease ends. Nothing
 * was written.
 */
public class ExportLockedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long exportId;

	private final Instant leaseExpiresAt;

	public ExportLockedException(long exportId, long batchId, Instant leaseExpiresAt) {
		super("Export " + exportId + " of batch " + batchId + " is already running; its lease ends at " + leaseExpiresAt
				+ " unless its process renews it. Try again later: it resumes where it stopped.");
		this.exportId = exportId;
		this.leaseExpiresAt = leaseExpiresAt;
	}

	public long exportId() {
		return this.exportId;
	}

	/** When the lease ends unless renewed. */
	public Instant leaseExpiresAt() {
		return this.leaseExpiresAt;
	}

}
