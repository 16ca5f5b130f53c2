package io.dppmint.core.export;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.dppmint.core.lease.LeaseLostException;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exports and their packs: reads, the lease (soft lock) and guarded transitions. Every
 * change is a conditional update ({@code where status = ... and lease_owner = ...}), so
 * two processes can never both believe they run an export, and a process that lost its
 * lease cannot record anything more. Lease times are the database's clock, which every
 * process shares.
 */
public class JdbcExportRepository {

	private static final String COLUMNS = """
			id, batch_id, brand_id, status, pack_size, pack_count, lease_owner, lease_expires_at, manifest_sha256,
			manifest_storage_key, manifest_byte_size, error, requested_by, created_at, started_at, completed_at""";

	private static final String PACK_COLUMNS = """
			export_id, pack_number, first_token_id, row_count, byte_size, sha256, storage_key, created_at""";

	private final JdbcClient jdbc;

	public JdbcExportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Export> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from exports where id = :id")
			.param("id", id)
			.query(JdbcExportRepository::export)
			.optional();
	}

	public Optional<Export> findByBatch(long batchId) {
		return this.jdbc.sql("select " + COLUMNS + " from exports where batch_id = :batchId")
			.param("batchId", batchId)
			.query(JdbcExportRepository::export)
			.optional();
	}

	/** The recorded packs of an export, by pack number. */
	public List<ExportPack> packs(long exportId) {
		return this.jdbc.sql("select " + PACK_COLUMNS + " from export_packs where export_id = :id order by pack_number")
			.param("id", exportId)
			.query(JdbcExportRepository::pack)
			.list();
	}

	public Optional<ExportPack> pack(long exportId, int packNumber) {
		return this.jdbc.sql("select " + PACK_COLUMNS + " from export_packs where export_id = :id and pack_number = :n")
			.param("id", exportId)
			.param("n", packNumber)
			.query(JdbcExportRepository::pack)
			.optional();
	}

	/**
	 * Ids of exports that may need a process: pending ones, and running ones whose lease
	 * expired.
	 */
	public List<Long> unfinished() {
		return this.jdbc
			.sql("""
					select id from exports
					where status = 'pending' or (status = 'running' and (lease_expires_at is null or lease_expires_at < now()))
					order by id""")
			.query(Long.class)
			.list();
	}

	/**
	 * Take the lease of a pending or running export for {@code owner}, and mark it
	 * running. Succeeds when nobody holds it, when the holder's lease has expired (a dead
	 * process: taken over), or when {@code owner} holds it already.
	 * @return the export as now leased, or empty if another owner's lease is live or the
	 * export is completed or failed
	 */
	public Optional<Export> acquireLease(long id, String owner, Duration duration) {
		return this.jdbc
			.sql("""
					update exports
					set status = 'running', lease_owner = :owner,
						lease_expires_at = now() + make_interval(secs => :seconds),
						started_at = coalesce(started_at, now()), error = null, updated_at = now()
					where id = :id and status in ('pending', 'running')
						and (lease_owner is null or lease_owner = :owner or lease_expires_at is null or lease_expires_at < now())
					returning\s"""
					+ COLUMNS)
			.param("id", id)
			.param("owner", owner)
			.param("seconds", seconds(duration))
			.query(JdbcExportRepository::export)
			.optional();
	}

	/**
	 * Extend {@code owner}'s lease by {@code duration} from now.
	 * @return whether {@code owner} still held it
	 */
	public boolean renewLease(long id, String owner, Duration duration) {
		return this.jdbc.sql("""
				update exports set lease_expires_at = now() + make_interval(secs => :seconds), updated_at = now()
				where id = :id and lease_owner = :owner and status = 'running'""")
			.param("id", id)
			.param("owner", owner)
			.param("seconds", seconds(duration))
			.update() == 1;
	}

	/**
	 * Whether a live process holds the export's lease, by the database's clock (it runs
	 * the export, or did until moments ago).
	 */
	public boolean isLeaseLive(long id) {
		return this.jdbc.sql("""
				select exists (select 1 from exports
					where id = :id and lease_owner is not null and lease_expires_at > now())""")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

	/** Give the lease up (the export stays as it is, to be resumed). */
	public void releaseLease(long id, String owner) {
		this.jdbc.sql("""
				update exports set lease_owner = null, lease_expires_at = null, updated_at = now()
				where id = :id and lease_owner = :owner""").param("id", id).param("owner", owner).update();
	}

	/**
	 * Put written packs in place and record them, in the caller's transaction, provided
	 * {@code owner} still holds the export's lease (which this renews). The lease check
	 * comes first and locks the export's row until the transaction ends, so nobody can
	 * take the export over while the packs' objects are committed to storage and
	 * recorded: a process that lost its lease neither replaces a stored pack nor records
	 * one.
	 * @param packs the packs, in order
	 * @param owner the lease owner recording them
	 * @param leaseDuration the lease's duration, from now
	 * @param publication puts the packs' objects in place (commits them to storage)
	 * @throws LeaseLostException if another process took the export over
	 * @throws IOException if the objects cannot be stored (nothing is recorded)
	 */
	public void recordPacks(List<ExportPack> packs, String owner, Duration leaseDuration, Publication publication)
			throws IOException {
		long exportId = packs.getFirst().exportId();
		if (!renewLease(exportId, owner, leaseDuration)) {
			throw new LeaseLostException("Export " + exportId, owner);
		}
		publication.publish();
		for (ExportPack pack : packs) {
			this.jdbc
				.sql("""
						insert into export_packs (export_id, pack_number, first_token_id, row_count, byte_size, sha256, storage_key)
						values (:exportId, :packNumber, :firstTokenId, :rowCount, :byteSize, :sha256, :storageKey)""")
				.param("exportId", pack.exportId())
				.param("packNumber", pack.packNumber())
				.param("firstTokenId", pack.firstTokenId())
				.param("rowCount", pack.rowCount())
				.param("byteSize", pack.byteSize())
				.param("sha256", pack.sha256())
				.param("storageKey", pack.storageKey())
				.update();
		}
	}

	/**
	 * Record the encrypted NFC key pack beside a recorded pack, in the caller's
	 * transaction (the one that recorded the pack).
	 * @param exportId the export
	 * @param packNumber the pack
	 * @param byteSize the size of the key pack's ciphertext
	 * @param sha256 the SHA-256 of its ciphertext, lower-case hex
	 */
	public void recordKeyPack(long exportId, int packNumber, long byteSize, String sha256) {
		this.jdbc.sql("""
				update export_packs set key_pack_byte_size = :byteSize, key_pack_sha256 = :sha256
				where export_id = :exportId and pack_number = :packNumber""")
			.param("byteSize", byteSize)
			.param("sha256", sha256)
			.param("exportId", exportId)
			.param("packNumber", packNumber)
			.update();
	}

	/**
	 * The encrypted NFC key packs of an export's packs, in pack order.
	 * @param exportId the export
	 * @return size and SHA-256 of each key pack; empty for an export without key packs
	 */
	public List<KeyPack> keyPacks(long exportId) {
		return this.jdbc.sql("""
				select pack_number, key_pack_byte_size, key_pack_sha256 from export_packs
				where export_id = :exportId and key_pack_sha256 is not null order by pack_number""")
			.param("exportId", exportId)
			.query((rs, row) -> new KeyPack(rs.getInt(1), rs.getLong(2), rs.getString(3)))
			.list();
	}

	/**
	 * An encrypted NFC key pack, stored under
	 * {@link Export#keyPackStorageKey(long, int)}.
	 *
	 * @param packNumber the pack it belongs to
	 * @param byteSize the ciphertext's size
	 * @param sha256 the ciphertext's SHA-256
	 */
	public record KeyPack(int packNumber, long byteSize, String sha256) {

	}

	/** What puts recorded packs' objects in place, under the lease. */
	@FunctionalInterface
	public interface Publication {

		/**
		 * Commit the packs' objects to storage.
		 * @throws IOException if they cannot be stored
		 */
		void publish() throws IOException;

	}

	/**
	 * Mark {@code owner}'s running export completed with its manifest, releasing the
	 * lease, in the caller's transaction.
	 * @return whether it took effect (the owner held the lease and every pack is
	 * recorded)
	 */
	public boolean markCompleted(long id, String owner, String manifestKey, long manifestBytes, String manifestSha256) {
		return this.jdbc
			.sql("""
					update exports e
					set status = 'completed', completed_at = now(), lease_owner = null, lease_expires_at = null,
						manifest_storage_key = :key, manifest_byte_size = :bytes, manifest_sha256 = :sha256, updated_at = now()
					where e.id = :id and e.status = 'running' and e.lease_owner = :owner
						and (select count(*) from export_packs p where p.export_id = e.id) = e.pack_count""")
			.param("id", id)
			.param("owner", owner)
			.param("key", manifestKey)
			.param("bytes", manifestBytes)
			.param("sha256", manifestSha256)
			.update() == 1;
	}

	/**
	 * Mark a running export failed, releasing its lease, provided {@code owner} still
	 * holds it (a process that lost the lease cannot fail an export another one runs);
	 * its recorded packs stay.
	 * @return whether it took effect
	 */
	public boolean markFailed(long id, String error, String owner) {
		return this.jdbc.sql("""
				update exports
				set status = 'failed', error = :error, lease_owner = null, lease_expires_at = null, updated_at = now()
				where id = :id and status = 'running' and lease_owner = :owner""")
			.param("error", (error != null && error.length() > 2000) ? error.substring(0, 2000) : error)
			.param("id", id)
			.param("owner", owner)
			.update() == 1;
	}

	/**
	 * Insert the export of a batch unless it exists, and lock its row for the caller's
	 * transaction.
	 * @return the export and whether this call created it; {@code leaseLive} tells
	 * whether its lease is live by the database's clock
	 */
	Locked insertOrLock(long batchId, long brandId, int packCount, String requestedBy) {
		Long created = this.jdbc.sql("""
				insert into exports (batch_id, brand_id, pack_size, pack_count, requested_by)
				values (:batchId, :brandId, :packSize, :packCount, :requestedBy)
				on conflict (batch_id) do nothing
				returning id""")
			.param("batchId", batchId)
			.param("brandId", brandId)
			.param("packSize", Export.PACK_SIZE)
			.param("packCount", packCount)
			.param("requestedBy", requestedBy)
			.query(Long.class)
			.optional()
			.orElse(null);
		return this.jdbc
			.sql("select " + COLUMNS + ", coalesce(lease_expires_at > now(), false) as lease_live"
					+ " from exports where batch_id = :batchId for update")
			.param("batchId", batchId)
			.query((rs, row) -> new Locked(export(rs, row), created != null, rs.getBoolean("lease_live")))
			.single();
	}

	/** Queue a failed export, or one whose lease expired, again. */
	boolean requeue(long id) {
		return this.jdbc.sql("""
				update exports
				set status = 'pending', error = null, lease_owner = null, lease_expires_at = null, updated_at = now()
				where id = :id and (status = 'failed'
					or (status = 'running' and (lease_expires_at is null or lease_expires_at < now())))""")
			.param("id", id)
			.update() == 1;
	}

	record Locked(Export export, boolean created, boolean leaseLive) {

	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	private static Export export(ResultSet rs, int row) throws SQLException {
		return new Export(rs.getLong("id"), rs.getLong("batch_id"), rs.getLong("brand_id"),
				ExportStatus.of(rs.getString("status")), rs.getInt("pack_size"), rs.getInt("pack_count"),
				rs.getString("lease_owner"), instant(rs, "lease_expires_at"), rs.getString("manifest_sha256"),
				rs.getString("manifest_storage_key"), rs.getObject("manifest_byte_size", Long.class),
				rs.getString("error"), rs.getString("requested_by"), instant(rs, "created_at"),
				instant(rs, "started_at"), instant(rs, "completed_at"));
	}

	private static ExportPack pack(ResultSet rs, int row) throws SQLException {
		return new ExportPack(rs.getLong("export_id"), rs.getInt("pack_number"), rs.getLong("first_token_id"),
				rs.getInt("row_count"), rs.getLong("byte_size"), rs.getString("sha256"), rs.getString("storage_key"),
				instant(rs, "created_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
