package io.dppmint.core.passport;

import java.time.Instant;

/**
 * A brand's grant of access to restricted passport data: who holds it, at which level,
 * for how long. Its token is never stored; only its SHA-256.
 *
 * @param id the grant id
 * @param brandId the brand whose passports it opens
 * @param level {@link AccessLevel#LEGITIMATE_INTEREST} or {@link AccessLevel#AUTHORITY}
 * @param holderName who holds it (an organisation, never a consumer)
 * @param holderKind repairer, refurbisher, remanufacturer, recycler, market_surveillance,
 * customs, notified_body or other
 * @param purpose why it was issued, or {@code null}
 * @param tokenPrefix the public part of its token, which names it in logs and lists
 * @param createdBy who issued it
 * @param createdAt when
 * @param expiresAt when it stops opening anything
 * @param revokedAt when it was revoked, or {@code null}
 * @param revokedBy who revoked it, or {@code null}
 * @param productId for an access link, the one product whose passport it opens;
 * {@code null} for a grant to all the brand's passports
 */
public record AccessGrant(long id, long brandId, AccessLevel level, String holderName, String holderKind,
		String purpose, String tokenPrefix, String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt,
		String revokedBy, Long productId) {

	/** Whether it is an access link: a grant for one product, sent in a URL. */
	public boolean link() {
		return this.productId != null;
	}

	/** Whether it opens passports at {@code now}: not revoked and not expired. */
	public boolean usableAt(Instant now) {
		return this.revokedAt == null && now.isBefore(this.expiresAt);
	}

}
