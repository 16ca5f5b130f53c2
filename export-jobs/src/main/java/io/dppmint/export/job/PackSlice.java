package io.dppmint.export.job;

/**
 * One pack to write: rows {@code firstTokenId .. firstTokenId + rows - 1} of the batch.
 *
 * @param exportId the export
 * @param packNumber 1-based pack number
 * @param firstTokenId token number of its first row
 * @param rows its rows, at most {@link io.dppmint.core.export.Export#PACK_SIZE}
 */
record PackSlice(long exportId, int packNumber, long firstTokenId, int rows) {

}
