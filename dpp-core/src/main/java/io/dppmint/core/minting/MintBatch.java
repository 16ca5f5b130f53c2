package io.dppmint.core.minting;

import java.time.Instant;

/**
 * One accepted mint request and its progress. Its tokens are numbered
 * {@code firstTokenId .. firstTokenId + quantity - 1}, a range reserved for it alone at
 * intake.
 *
 * @param id batch id
 * @param brandId owning brand
 * @param productId product minted
 * @param productionRunId linked ERP production run, or {@code null}
 * @param identityMode serial or lot
 * @param activationMode active at mint or on first scan
 * @param quantity units requested
 * @param idempotencyKey the client's idempotency key, or {@code null}
 * @param status progress state
 * @param mintedCount units committed so far
 * @param firstTokenId first number of the batch's reserved range
 * @param error why it failed, when it did
 * @param requestedBy who submitted it
 * @param createdAt when it was accepted
 * @param startedAt when minting started
 * @param finishedAt when it ended
 * @param carrier printed QR codes or NFC tags
 */
public record MintBatch(long id, long brandId, long productId, Long productionRunId, IdentityMode identityMode,
		ActivationMode activationMode, int quantity, String idempotencyKey, MintBatchStatus status, long mintedCount,
		long firstTokenId, String error, String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt,
		Carrier carrier) {

	/** Whether token {@code number} belongs to this batch's range. */
	public boolean contains(long number) {
		return number >= this.firstTokenId && number < this.firstTokenId + this.quantity;
	}

}
