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
 * @param signingKeyId the brand key its units are signed with (GS1 AI 8030), fixed at
 * intake, or {@code null} for an unsigned batch
 * @param carrier printed QR codes or NFC tags
 */
public record MintBatch(long id, long brandId, long productId, Long productionRunId, IdentityMode identityMode,
		ActivationMode activationMode, int quantity, String idempotencyKey, MintBatchStatus status, long mintedCount,
		long firstTokenId, String error, String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt,
		Long signingKeyId, Carrier carrier) {

	/**
	 * An unsigned batch of printed QR codes.
	 * @param id see the record
	 * @param brandId see the record
	 * @param productId see the record
	 * @param productionRunId see the record
	 * @param identityMode see the record
	 * @param activationMode see the record
	 * @param quantity see the record
	 * @param idempotencyKey see the record
	 * @param status see the record
	 * @param mintedCount see the record
	 * @param firstTokenId see the record
	 * @param error see the record
	 * @param requestedBy see the record
	 * @param createdAt see the record
	 * @param startedAt see the record
	 * @param finishedAt see the record
	 */
	public MintBatch(long id, long brandId, long productId, Long productionRunId, IdentityMode identityMode,
			ActivationMode activationMode, int quantity, String idempotencyKey, MintBatchStatus status,
			long mintedCount, long firstTokenId, String error, String requestedBy, Instant createdAt, Instant startedAt,
			Instant finishedAt) {
		this(id, brandId, productId, productionRunId, identityMode, activationMode, quantity, idempotencyKey, status,
				mintedCount, firstTokenId, error, requestedBy, createdAt, startedAt, finishedAt, null, Carrier.QR);
	}

	/** Whether its units are signed (GS1 AI 8030). */
	public boolean signed() {
		return this.signingKeyId != null;
	}

	/** Whether token {@code number} belongs to this batch's range. */
	public boolean contains(long number) {
		return number >= this.firstTokenId && number < this.firstTokenId + this.quantity;
	}

}
