package io.dppmint.core.export;

import java.time.Instant;

/**
 * The export of one minted batch into CSV packs of at most {@link #packSize()} units,
 * numbered from 1 in token order. There is at most one export per batch: requesting it
 * again resumes or returns it.
 *
 * @param id export id
 * @param batchId the exported batch
 * @param brandId the batch's brand
 * @param status where it stands
 * @param packSize units per pack (the last pack may hold fewer)
 * @param packCount packs in the finished export
 * @param leaseOwner the process running it, while it holds the lease
 * @param leaseExpiresAt when that lease ends unless renewed
 * @param manifestSha256 SHA-256 (hex) of the manifest, once completed
 * @param manifestStorageKey where the manifest is stored, once completed
 * @param manifestByteSize the manifest's size in bytes, once completed
 * @param error why it failed, when it did
 * @param requestedBy who first requested it
 * @param createdAt when it was first requested
 * @param startedAt when it first ran
 * @param completedAt when it completed
 */
public record Export(long id, long batchId, long brandId, ExportStatus status, int packSize, int packCount,
		String leaseOwner, Instant leaseExpiresAt, String manifestSha256, String manifestStorageKey,
		Long manifestByteSize, String error, String requestedBy, Instant createdAt, Instant startedAt,
		Instant completedAt) {

	/** Units per pack: a 1,000,000-unit batch gives 100 packs. */
	public static final int PACK_SIZE = 10_000;

	/** Packs needed for {@code quantity} units. */
	public static int packCount(int quantity) {
		return (quantity + PACK_SIZE - 1) / PACK_SIZE;
	}

	/** Storage key of pack {@code packNumber} of export {@code exportId}. */
	public static String packStorageKey(long exportId, int packNumber) {
		return "exports/%d/pack-%05d.csv".formatted(exportId, packNumber);
	}

	/**
	 * Storage key of the encrypted NFC key pack beside pack {@code packNumber} of export
	 * {@code exportId}.
	 */
	public static String keyPackStorageKey(long exportId, int packNumber) {
		return "exports/%d/nfc-keys-%05d.csv.p7m".formatted(exportId, packNumber);
	}

	/** Storage key of the manifest of export {@code exportId}. */
	public static String manifestStorageKey(long exportId) {
		return "exports/%d/manifest.csv".formatted(exportId);
	}

}
