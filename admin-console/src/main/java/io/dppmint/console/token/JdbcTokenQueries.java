package io.dppmint.console.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.tenancy.BrandScope;
import io.dppmint.core.token.TokenStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's reads of tokens, always through the token's batch and so always inside a
 * {@link BrandScope} (revocations go through {@code TokenRevocation}). Lists page by
 * token number (keyset) and read each in-scope batch's token range by primary key
 * ({@code tokens} has no brand column and, on purpose, no secondary index), so no page
 * ever counts or skips rows. A signed batch's tokens come with their GS1 AI 8030
 * signature (one primary-key read of {@code token_signatures} per token shown), so that
 * the console shows the URL the packs print.
 */
class JdbcTokenQueries {

	private static final String COLUMNS = """
			t.id, t.batch_id, t.status, t.created_at, t.activated_at, l.lot_number, p.gtin, r.gtin_required,
			r.resolver_base_url, b.brand_id, v.reason as revocation_reason, v.revoked_at,
			k.key_number as signing_key_number, s.signature""";

	/** Numbers each batch reserves: {@code token_block_seq}'s increment. */
	private static final long TOKEN_BLOCK = 1L << 20;

	private final JdbcClient jdbc;

	JdbcTokenQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of the tokens in scope, by token number.
	 * <p>
	 * Batches own disjoint number ranges, so the page is read batch by batch in the order
	 * of their ranges: candidate batches (in scope, range reaching above {@code afterId})
	 * come from the index on their first number, then each one's tokens above
	 * {@code afterId} from a primary-key range scan, until the page is full. A page
	 * touches the few batches and the few dozen tokens it shows, however many exist.
	 * @param scope the caller's brands
	 * @param batchId only this batch's tokens, or {@code null}
	 * @param status only tokens in this status, or {@code null}
	 * @param afterId only tokens numbered above this (where the previous page ended)
	 * @param limit most tokens
	 * @return the tokens
	 */
	List<TokenRow> page(BrandScope scope, Long batchId, TokenStatus status, long afterId, int limit) {
		List<TokenRow> page = new ArrayList<>(limit);
		// A batch's range is at most one block long, so a batch holding numbers above
		// afterId starts less than a block below it: a bound the index can use.
		long afterFirstToken = afterId - TOKEN_BLOCK;
		while (page.size() < limit) {
			List<BatchRange> batches = this.jdbc.sql("""
					select b.id, b.brand_id, b.first_token_id, b.quantity, p.gtin, r.gtin_required, r.resolver_base_url,
						k.key_number as signing_key_number
					from mint_batches b
					join products p on p.id = b.product_id
					join brands r on r.id = b.brand_id
					left join brand_keys k on k.id = b.signing_key_id
					where (:allBrands or b.brand_id = :brandId)
						and (cast(:batchId as bigint) is null or b.id = cast(:batchId as bigint))
						and b.first_token_id > :afterFirstToken and b.first_token_id + b.quantity - 1 > :afterId
					order by b.first_token_id
					limit :limit""")
				.param("allBrands", scope.allBrands())
				.param("brandId", scope.brandId())
				.param("batchId", batchId)
				.param("afterFirstToken", afterFirstToken)
				.param("afterId", afterId)
				.param("limit", limit)
				.query((rs, row) -> new BatchRange(rs.getLong("id"), rs.getLong("brand_id"),
						rs.getLong("first_token_id"), rs.getInt("quantity"), rs.getString("gtin"),
						rs.getBoolean("gtin_required"), rs.getString("resolver_base_url"),
						rs.getObject("signing_key_number", Integer.class)))
				.list();
			for (BatchRange batch : batches) {
				page.addAll(tokensOf(batch, status, afterId, limit - page.size()));
				if (page.size() == limit) {
					return page;
				}
			}
			if (batches.size() < limit) {
				break;
			}
			afterFirstToken = batches.getLast().firstTokenId();
		}
		return page;
	}

	/** The first tokens of a batch above {@code afterId}, by number: one range scan. */
	private List<TokenRow> tokensOf(BatchRange batch, TokenStatus status, long afterId, int limit) {
		return this.jdbc
			.sql("""
					select t.id, t.status, t.created_at, t.activated_at, l.lot_number, v.reason, v.revoked_at, s.signature
					from (
						select * from tokens
						where id > :from and id < :to and (cast(:status as smallint) is null or status = cast(:status as smallint))
						order by id
						limit :limit
					) t
					left join lots l on l.id = t.lot_id
					left join token_revocations v on v.token_id = t.id
					left join token_signatures s on :signed and s.token_id = t.id
					order by t.id""")
			.param("from", Math.max(batch.firstTokenId() - 1, afterId))
			.param("to", batch.firstTokenId() + batch.quantity())
			.param("status", (status != null) ? (Integer) status.code() : null)
			.param("limit", limit)
			.param("signed", batch.signingKeyNumber() != null)
			.query((rs, row) -> new TokenRow(rs.getLong("id"), batch.id(), batch.brandId(),
					TokenStatus.ofCode(rs.getInt("status")), rs.getString("lot_number"), batch.gtin(),
					batch.gtinRequired(), batch.resolverBaseUrl(), instant(rs, "created_at"),
					instant(rs, "activated_at"), rs.getString("reason"), instant(rs, "revoked_at"),
					signature(batch.signingKeyNumber(), rs.getBytes("signature"))))
			.list();
	}

	private record BatchRange(long id, long brandId, long firstTokenId, int quantity, String gtin, boolean gtinRequired,
			String resolverBaseUrl, Integer signingKeyNumber) {
	}

	Optional<TokenRow> find(BrandScope scope, long tokenId) {
		return this.jdbc.sql("""
				select %s
				from tokens t
				join mint_batches b on b.id = t.batch_id
				join products p on p.id = b.product_id
				join brands r on r.id = b.brand_id
				left join lots l on l.id = t.lot_id
				left join token_revocations v on v.token_id = t.id
				left join brand_keys k on k.id = b.signing_key_id
				left join token_signatures s on b.signing_key_id is not null and s.token_id = t.id
				where t.id = :id and (:allBrands or b.brand_id = :brandId)""".formatted(COLUMNS))
			.param("id", tokenId)
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query(JdbcTokenQueries::token)
			.optional();
	}

	private static TokenRow token(ResultSet rs, int row) throws SQLException {
		return new TokenRow(rs.getLong("id"), rs.getLong("batch_id"), rs.getLong("brand_id"),
				TokenStatus.ofCode(rs.getInt("status")), rs.getString("lot_number"), rs.getString("gtin"),
				rs.getBoolean("gtin_required"), rs.getString("resolver_base_url"), instant(rs, "created_at"),
				instant(rs, "activated_at"), rs.getString("revocation_reason"), instant(rs, "revoked_at"),
				signature(rs.getObject("signing_key_number", Integer.class), rs.getBytes("signature")));
	}

	/**
	 * A signed token's AI 8030 value: its batch key's number and its stored signature.
	 */
	private static DigitalSignature8030 signature(Integer keyNumber, byte[] signature) {
		return (keyNumber != null && signature != null) ? DigitalSignature8030.of(keyNumber, signature) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * One token as the console shows it.
	 *
	 * @param signature its GS1 AI 8030 value (a signed batch's token), or {@code null}
	 */
	record TokenRow(long id, long batchId, long brandId, TokenStatus status, String lotNumber, String gtin,
			boolean gtinRequired, String resolverBaseUrl, Instant createdAt, Instant activatedAt,
			String revocationReason, Instant revokedAt, DigitalSignature8030 signature) {
	}

}
