package io.dppmint.core.digsig;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.dppmint.core.secrets.KeyWrapping;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The brands' code-signing keys ({@code brand_keys}, purpose {@code digsig}): the one
 * place that creates, rotates, revokes, unwraps and publishes them.
 * <p>
 * Guarantees:
 * <ul>
 * <li>Keys are created lazily: the first signed request of a brand creates key 1, active
 * at once (nothing is printed with it yet). Concurrent first requests create one
 * key.</li>
 * <li>{@link #rotate} adds a {@code pending} key, published at once; the first signed
 * request after its {@code activates_at} makes it {@code active} and the previous key
 * {@code retired}. At most one key is active (a unique index), at most one is pending: a
 * brand's rotations and promotions take turns (a transaction-scoped advisory lock per
 * brand).</li>
 * <li>A brand without an active key (its active key was revoked) signs its next request
 * with its pending key at once, if it has one, since that key has been published longer
 * than a new one would be; only without one is a new key created, active at once.</li>
 * <li>{@link #published()} lists pending, active and retired keys: printed codes outlive
 * rotations, so a retired key verifies forever. Revoked keys are not published.</li>
 * <li>Private keys exist in the database only wrapped ({@link KeyWrapping}, AAD = brand,
 * purpose, key number: {@link #associatedData}) under the signing KEK, which the database
 * never holds.</li>
 * </ul>
 */
public class BrandKeys {

	/** The {@code brand_keys.purpose} of code-signing keys. */
	public static final String PURPOSE = "digsig";

	// Namespaces the lock keys ("BK"), so they cannot meet other advisory locks.
	private static final long LOCK_NAMESPACE = 0x424B_0000_0000_0000L;

	private static final String COLUMNS = """
			k.id, k.brand_id, b.gs1_company_prefix, k.key_number, k.algorithm, k.state, k.public_key, k.created_at,
			k.activates_at, k.activated_at, k.retired_at, k.revoked_at""";

	private final JdbcClient jdbc;

	private final KeyWrapping wrapping;

	private final Duration prepublication;

	/**
	 * The keys in this database.
	 * @param jdbc the database
	 * @param wrapping wrapping under the signing KEK
	 * ({@link KeyWrapping#underSigningKek})
	 * @param prepublication how long a rotated key is published before it signs
	 */
	public BrandKeys(JdbcClient jdbc, KeyWrapping wrapping, Duration prepublication) {
		this.jdbc = jdbc;
		this.wrapping = wrapping;
		this.prepublication = prepublication;
	}

	/**
	 * The key that signs a brand's codes now, in the caller's transaction: a pending key
	 * that is due becomes active (retiring the previous one); with no active key, the
	 * pending key becomes active at once, or else a new key is created, active at once.
	 * @param brandId the brand (GS1-ready: the caller checks)
	 * @return the key's id, for {@code mint_batches.signing_key_id}
	 */
	public long signingKeyFor(long brandId) {
		List<Current> current = current(brandId);
		Optional<Long> active = current.stream().filter(Current::active).map(Current::id).findFirst();
		if (active.isPresent() && current.stream().noneMatch(Current::due)) {
			return active.get();
		}
		lock(brandId);
		promotePendingKey(brandId);
		active = activeKey(brandId);
		if (active.isPresent()) {
			return active.get();
		}
		insertKey(brandId, "active", Duration.ZERO);
		return activeKey(brandId)
			.orElseThrow(() -> new IllegalStateException("Brand " + brandId + " has no active signing key"));
	}

	/**
	 * Start a rotation: a new key, published now, signing after the pre-publication
	 * period. Called in a transaction, it waits for the brand's other rotations and
	 * promotions to commit, so two rotations never both add a key.
	 * @param brandId the brand
	 * @param prepublication how long before it signs, or {@code null} for the configured
	 * period ({@code dpp.digsig.prepublication})
	 * @return the new pending key
	 * @throws IllegalStateException if a rotation is already pending or the brand has
	 * used all 255 key numbers
	 */
	public BrandKey rotate(long brandId, Duration prepublication) {
		lock(brandId);
		boolean pending = this.jdbc
			.sql("select exists (select 1 from brand_keys where brand_id = :brandId and purpose = :purpose"
					+ " and state = 'pending')")
			.param("brandId", brandId)
			.param("purpose", PURPOSE)
			.query(Boolean.class)
			.single();
		if (pending) {
			throw new IllegalStateException("Brand " + brandId + " already has a pending signing key");
		}
		long id = insertKey(brandId, "pending", (prepublication != null) ? prepublication : this.prepublication);
		return find(id).orElseThrow(() -> new IllegalStateException(
				"Brand " + brandId + " rotated its signing key concurrently; look at its keys and retry"));
	}

	/**
	 * Withdraw a key: it no longer signs nor is published. Codes it signed then verify as
	 * {@code unknown key}.
	 * @param brandId the brand
	 * @param keyNumber the key
	 * @return whether a key changed
	 */
	public boolean revoke(long brandId, int keyNumber) {
		return this.jdbc.sql("""
				update brand_keys set state = 'revoked', revoked_at = now()
				where brand_id = :brandId and purpose = :purpose and key_number = :keyNumber and state <> 'revoked'""")
			.param("brandId", brandId)
			.param("purpose", PURPOSE)
			.param("keyNumber", keyNumber)
			.update() == 1;
	}

	/**
	 * A signer with a stored key, unwrapped with the signing KEK.
	 * @param keyId the key's id
	 * @return the signer
	 * @throws IllegalStateException if the key is unknown or does not unwrap
	 */
	public BrandSigner signer(long keyId) {
		Wrapped wrapped = this.jdbc
			.sql("select brand_id, key_number, wrapped_key from brand_keys where id = :id and purpose = :purpose")
			.param("id", keyId)
			.param("purpose", PURPOSE)
			.query((rs, row) -> new Wrapped(rs.getLong("brand_id"), rs.getInt("key_number"),
					rs.getBytes("wrapped_key")))
			.optional()
			.orElseThrow(() -> new IllegalStateException("No signing key " + keyId));
		byte[] scalar = this.wrapping.unwrap(wrapped.key(), associatedData(wrapped.brandId(), wrapped.keyNumber()));
		try {
			return new BrandSigner(wrapped.keyNumber(), scalar);
		}
		finally {
			Arrays.fill(scalar, (byte) 0);
		}
	}

	/** A key by id. */
	public Optional<BrandKey> find(long keyId) {
		return this.jdbc
			.sql("select " + COLUMNS + " from brand_keys k join brands b on b.id = k.brand_id where k.id = :id")
			.param("id", keyId)
			.query(BrandKeys::key)
			.optional();
	}

	/** A brand's keys, newest first. */
	public List<BrandKey> keys(long brandId) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from brand_keys k join brands b on b.id = k.brand_id
				where k.brand_id = :brandId and k.purpose = :purpose order by k.key_number desc""")
			.param("brandId", brandId)
			.param("purpose", PURPOSE)
			.query(BrandKeys::key)
			.list();
	}

	/**
	 * Every brand's published keys (pending, active, retired), by brand and number.
	 * @return the keys
	 */
	public List<BrandKey> published() {
		return this.jdbc.sql("select " + COLUMNS + """
				 from brand_keys k join brands b on b.id = k.brand_id
				where k.purpose = :purpose and k.state in ('pending', 'active', 'retired')
					and b.gs1_company_prefix is not null
				order by k.brand_id, k.key_number""").param("purpose", PURPOSE).query(BrandKeys::key).list();
	}

	/**
	 * The published keys as a JWK set.
	 * @return the set
	 */
	public Jwks jwks() {
		return jwks(published());
	}

	/**
	 * The JWK set of some keys.
	 * @param keys the keys, as {@link #published()} lists them
	 * @return their JWK set
	 */
	public static Jwks jwks(List<BrandKey> keys) {
		List<Jwks.Jwk> jwks = new ArrayList<>();
		for (BrandKey key : keys) {
			jwks.add(new Jwks.Jwk(key.kid(), P256.publicKey(key.publicKey())));
		}
		return new Jwks(jwks);
	}

	/**
	 * The brand's active and pending keys: whether each is active, or pending and due.
	 */
	private List<Current> current(long brandId) {
		return this.jdbc.sql("""
				select id, state = 'active' as active, state = 'pending' and activates_at <= now() as due
				from brand_keys where brand_id = :brandId and purpose = :purpose and state in ('active', 'pending')""")
			.param("brandId", brandId)
			.param("purpose", PURPOSE)
			.query((rs, row) -> new Current(rs.getLong("id"), rs.getBoolean("active"), rs.getBoolean("due")))
			.list();
	}

	/**
	 * Make the pending key active, retiring the active one, when it is due or when there
	 * is no active key. Under the brand's lock; the pending row is locked too, so a
	 * concurrent revocation waits and then revokes the key it has become.
	 */
	private void promotePendingKey(long brandId) {
		Optional<Long> promoted = this.jdbc.sql("""
				select id from brand_keys k
				where brand_id = :brandId and purpose = :purpose and state = 'pending'
					and (activates_at <= now() or not exists (select 1 from brand_keys a
						where a.brand_id = k.brand_id and a.purpose = k.purpose and a.state = 'active'))
				order by key_number desc limit 1 for update""")
			.param("brandId", brandId)
			.param("purpose", PURPOSE)
			.query(Long.class)
			.optional();
		if (promoted.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update brand_keys set state = 'retired', retired_at = now()
				where brand_id = :brandId and purpose = :purpose and state = 'active'""")
			.param("brandId", brandId)
			.param("purpose", PURPOSE)
			.update();
		this.jdbc.sql("update brand_keys set state = 'active', activated_at = now() where id = :id")
			.param("id", promoted.get())
			.update();
	}

	/**
	 * Take the brand's key lock until the transaction ends: rotations and promotions of
	 * one brand then happen one after the other.
	 */
	private void lock(long brandId) {
		this.jdbc.sql("select 1 from pg_advisory_xact_lock(:key)")
			.param("key", lockKey(brandId))
			.query(Integer.class)
			.single();
	}

	/** The advisory lock key of a brand's keys. */
	static long lockKey(long brandId) {
		return LOCK_NAMESPACE | brandId;
	}

	private Optional<Long> activeKey(long brandId) {
		return this.jdbc
			.sql("select id from brand_keys where brand_id = :brandId and purpose = :purpose and state = 'active'")
			.param("brandId", brandId)
			.param("purpose", PURPOSE)
			.query(Long.class)
			.optional();
	}

	/**
	 * Insert the brand's next key. A concurrent insert of the same number (or of a second
	 * active key) makes this one do nothing; the caller reads the winner's.
	 */
	private long insertKey(long brandId, String state, Duration delay) {
		int next = this.jdbc.sql("""
				select coalesce(max(key_number), 0) + 1 from brand_keys
				where brand_id = :brandId and purpose = :purpose""")
			.param("brandId", brandId)
			.param("purpose", PURPOSE)
			.query(Integer.class)
			.single();
		if (next > 255) {
			throw new IllegalStateException("Brand " + brandId + " has used all 255 signing key numbers");
		}
		P256.GeneratedKey generated = P256.generate();
		byte[] wrapped;
		try {
			wrapped = this.wrapping.wrap(generated.privateScalar(), associatedData(brandId, next));
		}
		finally {
			Arrays.fill(generated.privateScalar(), (byte) 0);
		}
		return this.jdbc.sql("""
				insert into brand_keys (brand_id, purpose, key_number, algorithm, public_key, wrapped_key, state,
					activates_at, activated_at)
				values (:brandId, :purpose, :keyNumber, 'ES256', :publicKey, :wrappedKey, :state,
					now() + make_interval(secs => :delaySeconds),
					case when :state = 'active' then now() end)
				on conflict do nothing
				returning id""")
			.param("brandId", brandId)
			.param("purpose", PURPOSE)
			.param("keyNumber", next)
			.param("publicKey", generated.publicKey().getEncoded())
			.param("wrappedKey", wrapped)
			.param("state", state)
			.param("delaySeconds", (double) delay.toSeconds())
			.query(Long.class)
			.optional()
			.orElse(-1L);
	}

	/**
	 * The additional authenticated data a code-signing key is wrapped with.
	 * @param brandId the brand
	 * @param keyNumber the key's number
	 * @return {@code brand_id (8 bytes, big-endian) || "digsig" (UTF-8) || key_number (2
	 * bytes)}
	 */
	static byte[] associatedData(long brandId, int keyNumber) {
		byte[] purpose = PURPOSE.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(8 + purpose.length + 2)
			.putLong(brandId)
			.put(purpose)
			.putShort((short) keyNumber)
			.array();
	}

	private static BrandKey key(ResultSet rs, int row) throws SQLException {
		return new BrandKey(rs.getLong("id"), rs.getLong("brand_id"), rs.getString("gs1_company_prefix"),
				rs.getInt("key_number"), rs.getString("algorithm"), rs.getString("state"), rs.getBytes("public_key"),
				instant(rs, "created_at"), instant(rs, "activates_at"), instant(rs, "activated_at"),
				instant(rs, "retired_at"), instant(rs, "revoked_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Wrapped(long brandId, int keyNumber, byte[] key) {

	}

	private record Current(long id, boolean active, boolean due) {

	}

	/**
	 * One stored key, without its private part.
	 *
	 * @param id the key's id
	 * @param brandId its brand
	 * @param companyPrefix the brand's GS1 company prefix (the kid's first part)
	 * @param keyNumber its number, 1 to 255
	 * @param algorithm its JOSE algorithm ({@code ES256})
	 * @param state {@code pending}, {@code active}, {@code retired} or {@code revoked}
	 * @param publicKey SubjectPublicKeyInfo DER
	 * @param createdAt when it was created (and published)
	 * @param activatesAt when it signs from
	 * @param activatedAt when it became active, or {@code null}
	 * @param retiredAt when it was retired, or {@code null}
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	public record BrandKey(long id, long brandId, String companyPrefix, int keyNumber, String algorithm, String state,
			byte[] publicKey, Instant createdAt, Instant activatesAt, Instant activatedAt, Instant retiredAt,
			Instant revokedAt) {

		/** The JWK {@code kid}: {@code "{companyPrefix}:{keyNumber}"}. */
		public String kid() {
			return Jwks.Jwk.kid(this.companyPrefix, this.keyNumber);
		}

	}

}
