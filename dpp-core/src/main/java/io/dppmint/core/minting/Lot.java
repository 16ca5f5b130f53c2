package io.dppmint.core.minting;

/**
 * A lot of a lot-mode batch: {@code quantity} unit tokens numbered from
 * {@code firstTokenId}, all carrying {@code lotNumber} (GS1 AI 10).
 *
 * @param id lot id
 * @param batchId its batch
 * @param lotNumber the lot number
 * @param quantity units in the lot
 * @param firstTokenId first token number of the lot's sub-range
 */
public record Lot(long id, long batchId, String lotNumber, int quantity, long firstTokenId) {

}
