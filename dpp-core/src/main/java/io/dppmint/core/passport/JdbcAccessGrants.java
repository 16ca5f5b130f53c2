package io.dppmint.core.passport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Access grants to restricted passport data. Issuing one returns its token once
 * ({@code dppg_<prefix>_<secret>}, 256 bits of secret); the database keeps its SHA-256
 * only. {@link #authenticate} finds a grant by its token's prefix and compares the hash
 * in constant time. Issuing and revoking are audited.
 */
public class JdbcAccessGrants {

	/** The longest a grant may run. */
	public static final Duration MAX_VALIDITY = Duration.ofDays(366);

	/** The longest an access link may run: a URL gets copied and forwarded. */
	public static final Duration MAX_LINK_VALIDITY = Duration.ofDays(7);

	/** The kinds of holder a grant may name. */
	public static final Set<String> HOLDER_KINDS = Set.of("repairer", "refurbisher", "remanufacturer", "recycler",
			"market_surveillance", "customs", "notified_body", "other");

	private static final Pattern TOKEN = Pattern.compile("dppg_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");

	private static final SecureRandom random = new SecureRandom();

	private static final String COLUMNS = """
			id, brand_id, level, holder_name, holder_kind, purpose, token_prefix, created_by, created_at, expires_at,
			revoked_at, revoked_by, product_id""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	public JdbcAccessGrants(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
	}

	/**
	 * Issue a grant.
	 * @param brandId the brand
	 * @param level legitimate_interest or authority
	 * @param holderName who holds it, 1 to 200 characters
	 * @param holderKind one of {@link #HOLDER_KINDS}
	 * @param purpose why, at most 500 characters, or {@code null}
	 * @param validity how long it runs, up to {@link #MAX_VALIDITY}
	 * @param actor who issues it
	 * @return the grant and its token, which is not shown again
	 * @throws IllegalArgumentException naming the refused value
	 */
	public Issued issue(long brandId, AccessLevel level, String holderName, String holderKind, String purpose,
			Duration validity, String actor) {
		return issue(brandId, null, level, holderName, holderKind, purpose, validity, actor);
	}

	/**
	 * Issue an access link: a grant for one product's passport, at most
	 * {@link #MAX_LINK_VALIDITY} long, whose token travels in the passport URL.
	 * @param brandId the brand
	 * @param productId the product of the brand whose passport it opens
	 * @param level legitimate_interest or authority
	 * @param holderName who it is for, 1 to 200 characters
	 * @param validity how long it runs, up to {@link #MAX_LINK_VALIDITY}
	 * @param actor who issues it
	 * @return the link's grant and its token, which is not shown again
	 * @throws IllegalArgumentException naming the refused value
	 */
	public Issued issueLink(long brandId, long productId, AccessLevel level, String holderName, Duration validity,
			String actor) {
		if (validity == null || validity.compareTo(MAX_LINK_VALIDITY) > 0) {
			throw new IllegalArgumentException("An access link runs for at most 7 days: issue a grant for longer");
		}
		return issue(brandId, productId, level, holderName, "other", null, validity, actor);
	}

	private Issued issue(long brandId, Long productId, AccessLevel level, String holderName, String holderKind,
			String purpose, Duration validity, String actor) {
		if (level != AccessLevel.LEGITIMATE_INTEREST && level != AccessLevel.AUTHORITY) {
			throw new IllegalArgumentException("A grant is for legitimate_interest or authority, not " + level.code()
					+ ": public data needs none, operator data stays with the brand");
		}
		if (holderName == null || holderName.isBlank() || holderName.strip().length() > 200
				|| PassportValidator.hasControlCharacters(holderName, false)) {
			throw new IllegalArgumentException("A grant's holder name has 1 to 200 characters");
		}
		if (!HOLDER_KINDS.contains(holderKind)) {
			throw new IllegalArgumentException("A grant's holder kind is one of "
					+ HOLDER_KINDS.stream().sorted().toList() + ", not '" + holderKind + "'");
		}
		if (purpose != null && (purpose.length() > 500 || PassportValidator.hasControlCharacters(purpose, true))) {
			throw new IllegalArgumentException("A grant's purpose has at most 500 characters");
		}
		if (validity == null || validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
			throw new IllegalArgumentException("A grant runs for more than nothing and at most 366 days");
		}
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		byte[] prefixBytes = new byte[6];
		random.nextBytes(prefixBytes);
		String prefix = HexFormat.of().formatHex(prefixBytes);
		String token = "dppg_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		return this.transactions.execute((status) -> {
			AccessGrant grant = this.jdbc.sql("""
					insert into access_grants (brand_id, level, holder_name, holder_kind, purpose, token_prefix,
						token_sha256, created_by, expires_at, product_id)
					select :brandId, :level, :holderName, :holderKind, :purpose, :prefix, :sha256, :actor,
						now() + make_interval(secs => :seconds), :productId
					where cast(:productId as bigint) is null
						or exists (select 1 from products where id = :productId and brand_id = :brandId)
					returning %s""".formatted(COLUMNS))
				.param("brandId", brandId)
				.param("productId", productId)
				.param("level", level.code())
				.param("holderName", holderName.strip())
				.param("holderKind", holderKind)
				.param("purpose", (purpose != null && !purpose.isBlank()) ? purpose.strip() : null)
				.param("prefix", prefix)
				.param("sha256", sha256(token))
				.param("actor", actor)
				.param("seconds", (double) validity.toSeconds())
				.query(JdbcAccessGrants::grant)
				.optional()
				.orElseThrow(() -> new IllegalArgumentException("The brand has no product " + productId));
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("level", level.code());
			details.put("holderName", grant.holderName());
			details.put("holderKind", holderKind);
			details.put("tokenPrefix", prefix);
			details.put("expiresAt", grant.expiresAt().toString());
			if (productId != null) {
				details.put("productId", productId);
			}
			this.audit
				.record(new AuditEvent(brandId, "access_grant", Long.toString(grant.id()), "issued", actor, details));
			return new Issued(grant, token);
		});
	}

	/**
	 * Revoke a grant of the brand.
	 * @param brandId the brand
	 * @param grantId the grant
	 * @param actor who revokes it
	 * @return the revoked grant, or empty when the brand has no such grant
	 * @throws IllegalStateException if it was already revoked
	 */
	public Optional<AccessGrant> revoke(long brandId, long grantId, String actor) {
		return this.transactions.execute((status) -> {
			Optional<AccessGrant> grant = find(brandId, grantId);
			if (grant.isEmpty()) {
				return grant;
			}
			if (grant.get().revokedAt() != null) {
				throw new IllegalStateException("Grant " + grantId + " was already revoked");
			}
			this.jdbc.sql("update access_grants set revoked_at = now(), revoked_by = :actor where id = :id")
				.param("actor", actor)
				.param("id", grantId)
				.update();
			this.audit.record(new AuditEvent(brandId, "access_grant", Long.toString(grantId), "revoked", actor,
					Map.of("tokenPrefix", grant.get().tokenPrefix())));
			return find(brandId, grantId);
		});
	}

	/** A brand's grant. */
	public Optional<AccessGrant> find(long brandId, long grantId) {
		return this.jdbc.sql("select %s from access_grants where id = :id and brand_id = :brandId".formatted(COLUMNS))
			.param("id", grantId)
			.param("brandId", brandId)
			.query(JdbcAccessGrants::grant)
			.optional();
	}

	/** A brand's grants, newest first. */
	public List<AccessGrant> list(long brandId) {
		return this.jdbc
			.sql("select %s from access_grants where brand_id = :brandId order by id desc limit 1000"
				.formatted(COLUMNS))
			.param("brandId", brandId)
			.query(JdbcAccessGrants::grant)
			.list();
	}

	/**
	 * The grant a bearer token names, whatever its state (the caller checks
	 * {@link AccessGrant#usableAt}).
	 * @param token the token as presented
	 * @return the grant, or empty when the token is malformed, unknown or does not match
	 */
	public Optional<AccessGrant> authenticate(String token) {
		if (token == null) {
			return Optional.empty();
		}
		var matcher = TOKEN.matcher(token);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select id, brand_id, level, holder_name, token_prefix, token_sha256, expires_at, revoked_at, product_id
				from access_grants where token_prefix = :prefix""")
			.param("prefix", matcher.group(1))
			.query((row, n) -> MessageDigest.isEqual(row.getBytes("token_sha256"), sha256(token))
					? Optional.of(new AccessGrant(row.getLong("id"), row.getLong("brand_id"),
							AccessLevel.of(row.getString("level")), row.getString("holder_name"), null, null,
							row.getString("token_prefix"), null, null, row.getTimestamp("expires_at").toInstant(),
							instant(row, "revoked_at"), null, row.getObject("product_id", Long.class)))
					: Optional.<AccessGrant>empty())
			.optional()
			.flatMap((grant) -> grant);
	}

	/**
	 * Record one restricted passport answer.
	 * @param grant the grant it was given under
	 * @param productId the product whose passport it was
	 * @param tokenId the unit, or {@code null} for a product or lot passport
	 * @param passportVersion the version shown
	 * @param format {@code html}, {@code json} or {@code jsonld}
	 */
	public void recordAccess(AccessGrant grant, long productId, Long tokenId, int passportVersion, String format) {
		this.jdbc.sql("""
				insert into passport_access_events (brand_id, grant_id, level, product_id, token_id, passport_version,
					format)
				values (:brandId, :grantId, :level, :productId, :tokenId, :version, :format)""")
			.param("brandId", grant.brandId())
			.param("grantId", grant.id())
			.param("level", grant.level().code())
			.param("productId", productId)
			.param("tokenId", tokenId)
			.param("version", passportVersion)
			.param("format", format)
			.update();
	}

	/**
	 * The restricted answers given under a brand's grants, newest first.
	 * @param brandId the brand
	 * @param grantId only this grant's, or {@code null} for all
	 * @param limit the most to return
	 * @return the events
	 */
	public List<AccessEvent> events(long brandId, Long grantId, int limit) {
		return this.jdbc.sql("""
				select id, at, grant_id, level, product_id, token_id, passport_version, format
				from passport_access_events
				where brand_id = :brandId and (cast(:grantId as bigint) is null or grant_id = :grantId)
				order by id desc limit :limit""")
			.param("brandId", brandId)
			.param("grantId", grantId)
			.param("limit", limit)
			.query((row, n) -> new AccessEvent(row.getLong("id"), row.getTimestamp("at").toInstant(),
					row.getLong("grant_id"), row.getString("level"), row.getLong("product_id"),
					(Long) row.getObject("token_id"), row.getInt("passport_version"), row.getString("format")))
			.list();
	}

	private static AccessGrant grant(ResultSet row, int rowNum) throws SQLException {
		return new AccessGrant(row.getLong("id"), row.getLong("brand_id"), AccessLevel.of(row.getString("level")),
				row.getString("holder_name"), row.getString("holder_kind"), row.getString("purpose"),
				row.getString("token_prefix"), row.getString("created_by"), row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("expires_at").toInstant(), instant(row, "revoked_at"), row.getString("revoked_by"),
				row.getObject("product_id", Long.class));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		java.sql.Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A grant just issued, with its token.
	 *
	 * @param grant the grant
	 * @param token its bearer token: shown once, never stored
	 */
	public record Issued(AccessGrant grant, String token) {

	}

	/**
	 * One restricted passport answer.
	 *
	 * @param id its id
	 * @param at when
	 * @param grantId under which grant
	 * @param level at which level
	 * @param productId whose passport
	 * @param tokenId which unit, or {@code null}
	 * @param passportVersion which version
	 * @param format html or json
	 */
	public record AccessEvent(long id, Instant at, long grantId, String level, long productId, Long tokenId,
			int passportVersion, String format) {

	}

}
