package io.dppmint.core.minting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dppmint.core.epcis.EpcisEventLog;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.lease.LeaseLostException;
import io.dppmint.core.tenancy.BrandScope;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mint batches and their lots: the intake's inserts, reads, status transitions and
 * progress. Transitions are guarded updates ({@code where status = ...}), so concurrent
 * actors cannot move a batch backwards or twice; each returns whether it took effect.
 * Progress is recorded in the caller's transaction (a mint chunk's), together with the
 * brand counters.
 */
public class JdbcMintBatchRepository {

	private static final String COLUMNS = """
			id, brand_id, product_id, production_run_id, identity_mode, activation_mode, quantity, idempotency_key,
			status, minted_count, first_token_id, error, requested_by, created_at, started_at, finished_at,
			signing_key_id, carrier""";

	private final JdbcClient jdbc;

	private final JdbcBrandCounters counters;

	private final EpcisEventLog epcisEvents;

	public JdbcMintBatchRepository(JdbcClient jdbc, JdbcBrandCounters counters) {
		this.jdbc = jdbc;
		this.counters = counters;
		this.epcisEvents = new EpcisEventLog(jdbc);
	}

	public Optional<MintBatch> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from mint_batches where id = :id")
			.param("id", id)
			.query(JdbcMintBatchRepository::batch)
			.optional();
	}

	/**
	 * The batch with this id if it is in scope: another brand's batch is as absent as one
	 * that does not exist.
	 */
	public Optional<MintBatch> find(BrandScope scope, long id) {
		return this.jdbc
			.sql("select " + COLUMNS + " from mint_batches where id = :id and (:allBrands or brand_id = :brandId)")
			.param("id", id)
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query(JdbcMintBatchRepository::batch)
			.optional();
	}

	/**
	 * One page of the batches in scope, newest first, keyset-paginated on the id.
	 * @param scope the caller's brands
	 * @param status only batches in this status, or {@code null} for all
	 * @param beforeId only batches with a smaller id (where the previous page ended), or
	 * {@code null} for the first page
	 * @param limit the most batches to return
	 * @return the batches
	 */
	public List<MintBatch> page(BrandScope scope, MintBatchStatus status, Long beforeId, int limit) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from mint_batches
				where (:allBrands or brand_id = :brandId)
					and (cast(:status as text) is null or status = cast(:status as text))
					and id < :beforeId
				order by id desc
				limit :limit""")
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.param("status", (status != null) ? status.value() : null)
			.param("beforeId", (beforeId != null) ? beforeId : Long.MAX_VALUE)
			.param("limit", limit)
			.query(JdbcMintBatchRepository::batch)
			.list();
	}

	/**
	 * Queue a new batch, in the caller's transaction, with the next block of token
	 * numbers ({@code token_block_seq}) as its range.
	 * <p>
	 * If the brand already has a batch with the request's idempotency key, nothing is
	 * inserted: when that batch's transaction is still open, this insert waits for it
	 * (the unique key), so concurrent duplicates end with one batch.
	 * @param request the accepted request
	 * @param fingerprint the request's canonical fingerprint, which a retry must match
	 * @param requestedBy who submitted it
	 * @return the new batch's id, or empty if the idempotency key is taken
	 */
	public Optional<Long> insertQueued(MintRequest request, String fingerprint, String requestedBy) {
		return insertQueued(request, fingerprint, requestedBy, null);
	}

	/**
	 * Queue a new batch, as {@link #insertQueued(MintRequest, String, String)} does,
	 * signed with a brand key.
	 * @param request the accepted request
	 * @param fingerprint the request's canonical fingerprint, which a retry must match
	 * @param requestedBy who submitted it
	 * @param signingKeyId the key its units are signed with, or {@code null}
	 * @return the new batch's id, or empty if the idempotency key is taken
	 */
	public Optional<Long> insertQueued(MintRequest request, String fingerprint, String requestedBy, Long signingKeyId) {
		return this.jdbc
			.sql("""
					insert into mint_batches (brand_id, product_id, production_run_id, identity_mode, activation_mode,
						quantity, idempotency_key, request_fingerprint, first_token_id, requested_by, signing_key_id, carrier)
					values (:brandId, :productId, :productionRunId, :identityMode, :activationMode, :quantity,
						:idempotencyKey, :fingerprint, nextval('token_block_seq'), :actor, :signingKeyId, :carrier)
					on conflict (brand_id, idempotency_key) do nothing
					returning id""")
			.param("brandId", request.brandId())
			.param("productId", request.productId())
			.param("productionRunId", request.productionRunId())
			.param("identityMode", request.identityMode().value())
			.param("activationMode", request.activationMode().value())
			.param("quantity", request.quantity())
			.param("idempotencyKey", request.idempotencyKey())
			.param("fingerprint", fingerprint)
			.param("actor", requestedBy)
			.param("signingKeyId", signingKeyId, Types.BIGINT)
			.param("carrier", request.carrier().value())
			.query(Long.class)
			.optional();
	}

	/**
	 * The batch a brand queued under an idempotency key.
	 * @param brandId the brand (keys are unique per brand)
	 * @param idempotencyKey the key
	 * @return the batch's id and its request's fingerprint, or empty if the key is unused
	 */
	public Optional<KeyedBatch> findByIdempotencyKey(long brandId, String idempotencyKey) {
		return this.jdbc.sql("""
				select id, request_fingerprint from mint_batches
				where brand_id = :brandId and idempotency_key = :idempotencyKey""")
			.param("brandId", brandId)
			.param("idempotencyKey", idempotencyKey)
			.query((rs, row) -> new KeyedBatch(rs.getLong("id"), rs.getString("request_fingerprint")))
			.optional();
	}

	/**
	 * Add a lot to a batch, in the caller's transaction, unless its product already has a
	 * lot with this number (lot numbers are unique per product; a concurrent insert of
	 * the same number waits for the other transaction, then finds it taken).
	 * @param batchId the batch
	 * @param productId the batch's product
	 * @param lotNumber the lot number
	 * @param quantity units in the lot
	 * @param firstTokenId the lot's first token number, inside the batch's range
	 * @return whether the lot was added
	 */
	public boolean insertLot(long batchId, long productId, String lotNumber, int quantity, long firstTokenId) {
		return this.jdbc.sql("""
				insert into lots (batch_id, product_id, lot_number, quantity, first_token_id)
				values (:batchId, :productId, :lotNumber, :quantity, :firstTokenId)
				on conflict (product_id, lot_number) do nothing""")
			.param("batchId", batchId)
			.param("productId", productId)
			.param("lotNumber", lotNumber)
			.param("quantity", quantity)
			.param("firstTokenId", firstTokenId)
			.update() == 1;
	}

	/** The lots of a batch in token-number order (empty for serial mode). */
	public List<Lot> lots(long batchId) {
		return this.jdbc.sql("""
				select id, batch_id, lot_number, quantity, first_token_id
				from lots where batch_id = :batchId order by first_token_id""")
			.param("batchId", batchId)
			.query((rs, row) -> new Lot(rs.getLong("id"), rs.getLong("batch_id"), rs.getString("lot_number"),
					rs.getInt("quantity"), rs.getLong("first_token_id")))
			.list();
	}

	/**
	 * The lot of a product with this lot number, as a GS1 Digital Link
	 * {@code /01/{gtin}/10/{lot}} names it (lot numbers are unique per product).
	 */
	public Optional<Lot> findLot(long productId, String lotNumber) {
		return this.jdbc.sql("""
				select id, batch_id, lot_number, quantity, first_token_id
				from lots where product_id = :productId and lot_number = :lotNumber""")
			.param("productId", productId)
			.param("lotNumber", lotNumber)
			.query((rs, row) -> new Lot(rs.getLong("id"), rs.getLong("batch_id"), rs.getString("lot_number"),
					rs.getInt("quantity"), rs.getLong("first_token_id")))
			.optional();
	}

	/**
	 * Whether a product has at least one minted batch: its brand has put it in the field,
	 * so the resolver may answer for it.
	 */
	public boolean anyMinted(long productId) {
		return Boolean.TRUE.equals(this.jdbc
			.sql("select exists (select 1 from mint_batches where product_id = :productId and status = 'minted')")
			.param("productId", productId)
			.query(Boolean.class)
			.single());
	}

	/**
	 * How many batches each status holds, every status present (zero where none): one
	 * pass over the batches table, for the {@code dpp.mint.batches} gauge, which reads it
	 * every few seconds, never per page view.
	 */
	public Map<MintBatchStatus, Long> countByStatus() {
		Map<MintBatchStatus, Long> counts = new EnumMap<>(MintBatchStatus.class);
		for (MintBatchStatus status : MintBatchStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql("select status, count(*) from mint_batches group by status")
			.query((RowCallbackHandler) (rs) -> counts.put(MintBatchStatus.of(rs.getString(1)), rs.getLong(2)));
		return counts;
	}

	/** Ids of batches still to be minted (queued or processing), oldest first. */
	public List<Long> unfinished() {
		return this.jdbc.sql("select id from mint_batches where status in ('queued', 'processing') order by id")
			.query(Long.class)
			.list();
	}

	/**
	 * Whether any batch in scope is still to be minted (queued or processing): the
	 * dashboard refreshes its counters while one is. Reads the partial index of
	 * unfinished batches only.
	 */
	public boolean anyUnfinished(BrandScope scope) {
		return this.jdbc.sql("""
				select exists (select 1 from mint_batches
					where status in ('queued', 'processing') and (:allBrands or brand_id = :brandId))""")
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query(Boolean.class)
			.single();
	}

	/**
	 * Move a queued (or failed, on an operator's restart) batch to processing.
	 * @return the status it had, if it changed
	 */
	public Optional<MintBatchStatus> markProcessing(long id) {
		return this.jdbc.sql("""
				update mint_batches b
				set status = 'processing', started_at = coalesce(b.started_at, now()), finished_at = null, error = null,
					updated_at = now()
				from (select id, status from mint_batches where id = :id for update) previous
				where b.id = previous.id and previous.status in ('queued', 'failed')
				returning previous.status""").param("id", id).query(String.class).optional().map(MintBatchStatus::of);
	}

	/**
	 * Advance a batch's lease fence: the new holder of its lease does this first, and
	 * from then on only work recorded with the returned fence counts (see
	 * {@link MintJob}). Waits for a chunk in flight under the previous fence to commit or
	 * roll back, so a new holder sees every chunk its predecessor committed.
	 * @param id the batch
	 * @return the new fence
	 */
	public long advanceLeaseFence(long id) {
		return this.jdbc.sql("""
				update mint_batches set lease_fence = lease_fence + 1 where id = :id returning lease_fence""")
			.param("id", id)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new IllegalArgumentException("No mint batch " + id));
	}

	/**
	 * Count {@code units} newly written tokens of a batch, in the caller's transaction,
	 * provided the lease fence is still {@code fence}.
	 * @param batch the batch
	 * @param units tokens written
	 * @param fence the lease fence the writer runs under
	 * @throws LeaseLostException if another process has taken the batch's lease since
	 */
	public void recordProgress(MintBatch batch, int units, long fence) {
		int updated = this.jdbc.sql("""
				update mint_batches set minted_count = minted_count + :units, updated_at = now()
				where id = :id and status = 'processing' and lease_fence = :fence""")
			.param("units", units)
			.param("id", batch.id())
			.param("fence", fence)
			.update();
		if (updated != 1) {
			throw notUnder(batch.id(), fence, "its progress cannot move");
		}
		long active = batch.activationMode() == ActivationMode.ACTIVE ? units : 0;
		this.counters.tokensMinted(batch.brandId(), units, active);
	}

	/**
	 * Mark a processing batch minted, provided every unit is committed and the lease
	 * fence is still {@code fence}, and record its EPCIS commissioning events, in the
	 * caller's transaction (so the events exist exactly when the batch is minted).
	 * @throws LeaseLostException if another process has taken the batch's lease since
	 */
	public boolean markMinted(long id, long fence) {
		boolean minted = this.jdbc.sql("""
				update mint_batches set status = 'minted', finished_at = now(), updated_at = now()
				where id = :id and status = 'processing' and minted_count = quantity and lease_fence = :fence""")
			.param("id", id)
			.param("fence", fence)
			.update() == 1;
		if (minted) {
			this.epcisEvents.recordCommissioning(id);
		}
		if (!minted && currentFence(id) != fence) {
			throw new LeaseLostException("Batch " + id, "fence " + fence);
		}
		return minted;
	}

	/**
	 * Queue a failed batch again: an operator's restart. The launcher is notified and
	 * resumes its job from the last committed chunks.
	 * @return whether the batch was failed and is now queued
	 */
	public boolean requestRestart(long id) {
		return this.jdbc.sql("""
				update mint_batches set status = 'queued', error = null, finished_at = null, updated_at = now()
				where id = :id and status = 'failed'""").param("id", id).update() == 1;
	}

	/**
	 * Mark a queued or processing batch failed, keeping its committed units, provided the
	 * lease fence is still {@code fence}: a process that lost the batch's lease cannot
	 * fail a batch another one runs.
	 * @return whether it took effect
	 */
	public boolean markFailed(long id, String error, long fence) {
		return this.jdbc.sql("""
				update mint_batches set status = 'failed', error = :error, finished_at = now(), updated_at = now()
				where id = :id and status in ('queued', 'processing') and lease_fence = :fence""")
			.param("error", (error != null && error.length() > 2000) ? error.substring(0, 2000) : error)
			.param("id", id)
			.param("fence", fence)
			.update() == 1;
	}

	private long currentFence(long id) {
		return this.jdbc.sql("select lease_fence from mint_batches where id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
	}

	private RuntimeException notUnder(long id, long fence, String consequence) {
		if (currentFence(id) != fence) {
			return new LeaseLostException("Batch " + id, "fence " + fence);
		}
		return new IllegalStateException("Batch " + id + " is not processing: " + consequence);
	}

	/**
	 * A batch found by its idempotency key.
	 *
	 * @param id the batch
	 * @param requestFingerprint the fingerprint of the request that created it
	 */
	public record KeyedBatch(long id, String requestFingerprint) {
	}

	private static MintBatch batch(ResultSet rs, int row) throws SQLException {
		return new MintBatch(rs.getLong("id"), rs.getLong("brand_id"), rs.getLong("product_id"),
				rs.getObject("production_run_id", Long.class), IdentityMode.of(rs.getString("identity_mode")),
				ActivationMode.of(rs.getString("activation_mode")), rs.getInt("quantity"),
				rs.getString("idempotency_key"), MintBatchStatus.of(rs.getString("status")), rs.getLong("minted_count"),
				rs.getLong("first_token_id"), rs.getString("error"), rs.getString("requested_by"),
				instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
				rs.getObject("signing_key_id", Long.class), Carrier.of(rs.getString("carrier")));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
