package io.dppmint.core.export;

/**
 * A download URL that failed verification; nothing may be served.
 */
public class SignedUrlRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public SignedUrlRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why a URL was refused, with the HTTP status to answer. */
	public enum Reason {

		/** Parameters missing or not in the form the platform issues: 400. */
		MALFORMED(400),
		/** The signature does not match its fields (tampered, or another key): 403. */
		BAD_SIGNATURE(403),
		/** Signed for another brand than the export's: 403. */
		FOREIGN_BRAND(403),
		/** Past its expiry: 410. */
		EXPIRED(410);

		private final int httpStatus;

		Reason(int httpStatus) {
			this.httpStatus = httpStatus;
		}

		public int httpStatus() {
			return this.httpStatus;
		}

		/** A stable lower-case code for clients, e.g. {@code expired}. */
		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
