package io.dppmint.core.export;

/**
 * An export request that was not accepted; nothing was written.
 */
public class ExportRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public ExportRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why a request was rejected; {@link #code()} is stable for API clients. */
	public enum Reason {

		/** No batch has the requested id. */
		UNKNOWN_BATCH,
		/** The batch is not (yet) minted. */
		BATCH_NOT_MINTED,
		/** The batch belongs to another brand than the requester's. */
		FOREIGN_BATCH,
		/**
		 * An NFC batch whose brand has no tag-programmer certificate to encrypt its key
		 * packs to.
		 */
		NO_PROGRAMMER_CERTIFICATE;

		/** A stable lower-case code for clients, e.g. {@code unknown_batch}. */
		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
