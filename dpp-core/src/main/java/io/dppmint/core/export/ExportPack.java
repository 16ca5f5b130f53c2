package io.dppmint.core.export;

import java.time.Instant;

/**
 * One completed pack of an export: rows {@code firstTokenId ..} of the batch, in token
 * order, stored under {@code storageKey}. A pack is recorded only once its file is
 * stored, and never changes afterwards.
 *
 * @param exportId its export
 * @param packNumber 1-based pack number
 * @param firstTokenId token number of its first row
 * @param rowCount data rows (the header not counted)
 * @param byteSize file size in bytes
 * @param sha256 SHA-256 of the file, lower-case hex
 * @param storageKey where it is stored ({@link PackStorage})
 * @param createdAt when it was recorded
 */
public record ExportPack(long exportId, int packNumber, long firstTokenId, int rowCount, long byteSize, String sha256,
		String storageKey, Instant createdAt) {

}
