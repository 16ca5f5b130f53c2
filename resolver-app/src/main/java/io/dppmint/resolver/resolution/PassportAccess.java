package io.dppmint.resolver.resolution;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.passport.AccessGrant;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.JdbcAccessGrants;

/**
 * Who is asking for a passport: anonymous callers get the public view; a caller
 * presenting a brand's access grant as a bearer token
 * ({@code Authorization: Bearer dppg_...}, RFC 6750) gets its level's view, and every
 * such answer is recorded first. A bad, expired or revoked token is refused (401,
 * {@code invalid_token}), another brand's grant too (403, {@code insufficient_scope}):
 * never a silent fallback to the public view. An access link carries a grant for one
 * product's passport in the URL ({@code ?dpp-access=dppg_...}); it opens that passport
 * only, and a brand-wide grant is refused there. Grants are looked up on the read
 * database and kept for a few seconds, so a revocation bites within {@code ttl}.
 */
final class PassportAccess {

	/** The query parameter that carries an access link's token. */
	static final String LINK_PARAMETER = "dpp-access";

	private static final String BEARER = "Bearer ";

	private final JdbcAccessGrants reads;

	private final JdbcAccessGrants writes;

	private final Cache<String, Optional<AccessGrant>> grants;

	PassportAccess(JdbcAccessGrants reads, JdbcAccessGrants writes, Duration ttl) {
		this.reads = reads;
		this.writes = writes;
		this.grants = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
	}

	/**
	 * The caller's access to a passport, from its {@code Authorization} header or, for an
	 * access link, the {@value #LINK_PARAMETER} query parameter.
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param linkToken the link's token from the URL, or {@code null}
	 * @param brand the passport's brand
	 * @param product the passport's product, or {@code null}
	 * @return the public view, a grant's view, or a refusal
	 */
	Access check(String authorization, String linkToken, Brand brand, Product product) {
		String token;
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				return Access.refused(401, "invalid_request",
						"Only bearer tokens are accepted: Authorization: Bearer dppg_...");
			}
			token = authorization.substring(BEARER.length()).strip();
		}
		else if (linkToken != null) {
			token = linkToken;
		}
		else {
			return Access.PUBLIC;
		}
		AccessGrant grant = this.grants.get(token, this.reads::authenticate).orElse(null);
		if (grant == null || !grant.usableAt(Instant.now())) {
			return Access.refused(401, "invalid_token", "The access token is unknown, expired or revoked");
		}
		if (authorization == null && !grant.link()) {
			// A grant opens every passport of its brand for months: it belongs in a
			// header, not in a URL that gets copied, logged and forwarded.
			return Access.refused(401, "invalid_request",
					"A grant's token is sent as Authorization: Bearer, never in a URL; only access links are");
		}
		if (grant.brandId() != brand.id()) {
			return Access.refused(403, "insufficient_scope",
					"The access grant is not for " + brand.name() + "'s passports");
		}
		if (grant.link() && (product == null || grant.productId() != product.id())) {
			return Access.refused(403, "insufficient_scope", "The access link is for another product's passport");
		}
		return new Access(grant.level(), grant, 0, null, null);
	}

	/**
	 * Record a restricted answer before it is given.
	 * @throws RuntimeException if it cannot be recorded: the answer must not be given
	 */
	void record(AccessGrant grant, Resolution resolution, String format) {
		this.writes.recordAccess(grant, resolution.product().id(), resolution.tokenId(),
				resolution.product().passportVersion(), format);
	}

	/**
	 * What a caller may see.
	 *
	 * @param level its access level
	 * @param grant its grant, or {@code null} for the public
	 * @param status a refusal's status (401 or 403), or 0
	 * @param error a refusal's RFC 6750 error code, or {@code null}
	 * @param message a refusal's explanation, or {@code null}
	 */
	record Access(AccessLevel level, AccessGrant grant, int status, String error, String message) {

		static final Access PUBLIC = new Access(AccessLevel.PUBLIC, null, 0, null, null);

		static Access refused(int status, String error, String message) {
			return new Access(null, null, status, error, message);
		}

		boolean refused() {
			return this.status != 0;
		}

	}

}
