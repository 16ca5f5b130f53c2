package io.dppmint.core.minting;

/**
 * An idempotency key reused with a different request: the original batch stands, nothing
 * was written.
 */
public class IdempotencyConflictException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long existingBatchId;

	public IdempotencyConflictException(String idempotencyKey, long existingBatchId) {
		super("Idempotency key '" + idempotencyKey + "' was already used for batch " + existingBatchId
				+ " with a different request");
		this.existingBatchId = existingBatchId;
	}

	public long existingBatchId() {
		return this.existingBatchId;
	}

}
