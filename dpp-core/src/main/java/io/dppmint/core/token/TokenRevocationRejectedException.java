package io.dppmint.core.token;

import java.time.Instant;

/**
 * A revocation that was refused; nothing was written.
 */
public class TokenRevocationRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final Instant revokedAt;

	TokenRevocationRejectedException(Reason reason, String message, Instant revokedAt) {
		super(message);
		this.reason = reason;
		this.revokedAt = revokedAt;
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * When the token was revoked, for {@link Reason#ALREADY_REVOKED}; otherwise
	 * {@code null}.
	 */
	public Instant revokedAt() {
		return this.revokedAt;
	}

	/** Why a revocation was refused. */
	public enum Reason {

		/** No token in the caller's scope has this number. */
		UNKNOWN_TOKEN,
		/** The token is already revoked (revocation is final). */
		ALREADY_REVOKED,
		/** The reason is missing or blank. */
		REASON_REQUIRED,
		/** The reason is longer than {@link TokenRevocation#MAX_REASON_LENGTH}. */
		REASON_TOO_LONG,
		/**
		 * The reason holds a control character other than a line break or a tab (a NUL,
		 * say).
		 */
		REASON_INVALID_CHARACTERS

	}

}
