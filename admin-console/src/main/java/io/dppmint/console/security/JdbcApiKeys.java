package io.dppmint.console.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.core.tenancy.BrandScope;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Brand-portal API keys in {@code api_keys}. A key reads {@code dpp_<prefix>_<secret>}:
 * the prefix (12 hex characters) finds the row, the secret is 256 random bits. Only the
 * SHA-256 of the whole key is stored (a slow password hash buys nothing against a 256-bit
 * secret and would cost every request), so the key is shown once, at creation, and never
 * again. Hashes are compared in constant time; a revoked key stops working at once.
 */
public class JdbcApiKeys {

	private static final Pattern KEY = Pattern.compile("dpp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	public JdbcApiKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Create a key for a brand.
	 * @param brandId the brand
	 * @param name what the key is for, shown in listings
	 * @return the key with its secret, the only time it is available
	 */
	public CreatedApiKey create(long brandId, String name) {
		byte[] prefixBytes = new byte[6];
		byte[] secret = new byte[32];
		random.nextBytes(prefixBytes);
		random.nextBytes(secret);
		String prefix = HexFormat.of().formatHex(prefixBytes);
		String key = "dpp_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		ApiKey stored = this.jdbc.sql("""
				insert into api_keys (brand_id, name, key_prefix, key_hash) values (:brandId, :name, :prefix, :hash)
				returning id, brand_id, name, key_prefix, created_at, last_used_at, revoked_at""")
			.param("brandId", brandId)
			.param("name", name)
			.param("prefix", prefix)
			.param("hash", sha256(key))
			.query(JdbcApiKeys::apiKey)
			.single();
		return new CreatedApiKey(stored, key);
	}

	/** The keys in scope, newest first, without secrets. */
	public List<ApiKey> list(BrandScope scope) {
		return this.jdbc.sql("""
				select id, brand_id, name, key_prefix, created_at, last_used_at, revoked_at from api_keys
				where (:allBrands or brand_id = :brandId) order by id desc""")
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query(JdbcApiKeys::apiKey)
			.list();
	}

	/**
	 * Revoke a key in scope.
	 * @return the revoked key, or empty if there is no such key in scope
	 */
	public Optional<ApiKey> revoke(BrandScope scope, long id) {
		return this.jdbc.sql("""
				update api_keys set revoked_at = coalesce(revoked_at, now())
				where id = :id and (:allBrands or brand_id = :brandId)
				returning id, brand_id, name, key_prefix, created_at, last_used_at, revoked_at""")
			.param("id", id)
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query(JdbcApiKeys::apiKey)
			.optional();
	}

	/**
	 * The caller a presented key stands for.
	 * @param presented the key as the client sent it
	 * @return the caller, or empty when the key is malformed, unknown, wrong or revoked
	 */
	Optional<Caller> authenticate(String presented) {
		Matcher matcher = KEY.matcher(presented);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		String prefix = matcher.group(1);
		byte[] hash = sha256(presented).getBytes(StandardCharsets.US_ASCII);
		Optional<Long> brandId = this.jdbc
			.sql("select brand_id, key_hash from api_keys where key_prefix = :prefix and revoked_at is null")
			.param("prefix", prefix)
			.query((rs,
					row) -> MessageDigest.isEqual(hash, rs.getString("key_hash").getBytes(StandardCharsets.US_ASCII))
							? rs.getLong("brand_id") : null)
			.optional();
		if (brandId.isEmpty()) {
			return Optional.empty();
		}
		// At most one write a minute per key, so busy clients do not turn reads into
		// writes.
		this.jdbc.sql("""
				update api_keys set last_used_at = now()
				where key_prefix = :prefix and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
			.param("prefix", prefix)
			.update();
		return Optional.of(new Caller("api-key:" + prefix, Role.API_CLIENT, brandId.get()));
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ApiKey apiKey(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ApiKey(rs.getLong("id"), rs.getLong("brand_id"), rs.getString("name"), rs.getString("key_prefix"),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_used_at")),
				instant(rs.getTimestamp("revoked_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A stored key, without its secret.
	 *
	 * @param id the key's id
	 * @param brandId its brand
	 * @param name what it is for
	 * @param prefix its public prefix, the part after {@code dpp_}
	 * @param createdAt when it was created
	 * @param lastUsedAt when it last authenticated a request (to the minute), or
	 * {@code null}
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	public record ApiKey(long id, long brandId, String name, String prefix, Instant createdAt, Instant lastUsedAt,
			Instant revokedAt) {

	}

	/**
	 * A key just created.
	 *
	 * @param apiKey the stored key
	 * @param secret the full key, shown this once
	 */
	public record CreatedApiKey(ApiKey apiKey, String secret) {

	}

}
