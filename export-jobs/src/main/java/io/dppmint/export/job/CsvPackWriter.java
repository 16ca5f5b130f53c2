package io.dppmint.export.job;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.jobs.runner.HeldLeases;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Writes one pack per item; the step's chunk size is 1, so one pack is one transaction:
 * <ol>
 * <li>streams the pack's tokens by primary-key range ({@code fetchSize} rows at a time;
 * never the whole batch in memory) and writes them as CSV into a new, uncommitted storage
 * object, computing SHA-256 and size of exactly the bytes written;</li>
 * <li>in the chunk's transaction: confirms and renews this process's lease (which locks
 * the export's row until the transaction ends, so nobody takes the export over
 * meanwhile), commits the object (forced to disk, atomic rename), and records the pack
 * (checksum, size, key) and its audit event; a process that lost its lease stops before
 * touching storage.</li>
 * </ol>
 * The step then commits this transaction together with its own progress. So a pack is
 * either recorded with the checksum of the file under its key, or not recorded at all and
 * written again on resume; a file left by a crash between rename and commit is never
 * served (downloads go through {@code export_packs}) and is replaced whole. Recorded
 * packs are never handed to this writer again ({@link PackReader}), so their bytes never
 * change.
 * <p>
 * Pipelining: while pack {@code n} is forced to disk and recorded, the next packs (up to
 * {@code packsAhead}) are already written (step 1) in the background, each on a
 * connection of its own; each is only committed and recorded in its own turn, so packs
 * still complete strictly one after another. Disk flushes and database round trips then
 * overlap CSV work instead of adding to it. A pending pack is discarded when the step
 * ends; a crash leaves at most a temporary file, never anything under a key.
 * <p>
 * Spring Batch 6 retries a failed write inside the same chunk transaction, which
 * PostgreSQL has aborted after an error; each pack is therefore recorded under a
 * savepoint and rolls back to it before rethrowing.
 */
class CsvPackWriter implements ItemStreamWriter<PackSlice> {

	private static final String TOKENS_SQL = """
			select id, coalesce(lot_id, 0), status, cast(extract(epoch from created_at) * 1000000 as bigint) from tokens
			where id >= ? and id < ? order by id""";

	private static final SQLExceptionTranslator translator = new SQLStateSQLExceptionTranslator();

	private final DataSource dataSource;

	private final JdbcExportRepository exports;

	private final PackStorage storage;

	private final IdentifierScheme identifiers;

	private final HeldLeases<ExportLease> leases;

	private final ExportAuditTrail auditTrail;

	private final Export export;

	private final ExportJobProperties properties;

	private final Duration leaseDuration;

	private final boolean gs1;

	private final String gtin;

	private final String activationMode;

	private final Map<Long, String> lotNumbers = new HashMap<>();

	private final Map<Long, ResolverUrls> links = new HashMap<>();

	private final long batchFirstTokenId;

	private final int batchQuantity;

	private final ExecutorService background = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("export-next-pack-", 0).factory());

	private final Deque<Pending> ahead = new ArrayDeque<>();

	CsvPackWriter(DataSource dataSource, JdbcExportRepository exports, PackStorage storage,
			IdentifierScheme identifiers, HeldLeases<ExportLease> leases, ExportAuditTrail auditTrail, Export export,
			MintBatch batch, List<Lot> lots, Brand brand, Product product, ExportJobProperties properties,
			Duration leaseDuration) {
		this.dataSource = dataSource;
		this.exports = exports;
		this.storage = storage;
		this.identifiers = identifiers;
		this.leases = leases;
		this.auditTrail = auditTrail;
		this.export = export;
		this.properties = properties;
		this.leaseDuration = leaseDuration;
		this.gs1 = ResolverUrls.usesDigitalLinks(brand.gtinRequired(), product.gtin());
		this.gtin = this.gs1 ? product.gtin().value() : "";
		this.activationMode = batch.activationMode().value();
		this.batchFirstTokenId = batch.firstTokenId();
		this.batchQuantity = batch.quantity();
		this.links.put(0L, ResolverUrls.forTokens(brand.resolverBaseUrl(), brand.gtinRequired(), product.gtin(), null));
		this.lotNumbers.put(0L, "");
		for (Lot lot : lots) {
			// Once per lot, not per row: a pack has up to 10,000 rows and a batch one lot
			// or a few.
			this.lotNumbers.put(lot.id(), PackCsv.inert(lot.lotNumber()));
			this.links.put(lot.id(), ResolverUrls.forTokens(brand.resolverBaseUrl(), brand.gtinRequired(),
					product.gtin(), lot.lotNumber()));
		}
	}

	@Override
	public void write(Chunk<? extends PackSlice> chunk) throws Exception {
		for (PackSlice slice : chunk) {
			pause();
			writePack(slice);
		}
	}

	@Override
	public void close() {
		discardAhead();
		this.background.shutdownNow();
	}

	private void writePack(PackSlice slice) throws InterruptedException {
		String owner = this.leases.require(slice.exportId()).fence();
		GeneratedPack generated = takeNext(slice);
		try {
			if (generated == null) {
				generated = generate(slice);
			}
			prepareNext(slice);
			record(generated, owner);
		}
		catch (SQLException ex) {
			RuntimeException translated = translator.translate("export pack " + slice.packNumber(), null, ex);
			throw (translated != null) ? translated : new IllegalStateException("Export pack failed", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store pack " + slice.packNumber(), ex);
		}
		finally {
			if (generated != null) {
				closeQuietly(generated);
			}
		}
	}

	/**
	 * Put a generated pack in place and record it in the chunk's transaction, under the
	 * lease, under a savepoint, so that a retried write finds the transaction usable. The
	 * lease is confirmed (and the export's row locked) before the pack's object is
	 * committed to storage, so a process that lost its lease never replaces a recorded
	 * pack.
	 */
	private void record(GeneratedPack generated, String owner) throws IOException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		Savepoint savepoint = null;
		try {
			savepoint = connection.setSavepoint();
			this.exports.recordPack(generated.pack(), owner, this.leaseDuration, generated.upload());
			this.auditTrail.packCompleted(this.export, generated.pack());
			connection.releaseSavepoint(savepoint);
		}
		catch (SQLException ex) {
			rollbackTo(connection, savepoint, ex);
			RuntimeException translated = translator.translate("export pack", null, ex);
			throw (translated != null) ? translated : new IllegalStateException("Export pack failed", ex);
		}
		catch (IOException | RuntimeException ex) {
			rollbackTo(connection, savepoint, ex);
			throw ex;
		}
	}

	/**
	 * Write a pack's CSV into a new, uncommitted storage object, reading its tokens on a
	 * connection of its own.
	 */
	private GeneratedPack generate(PackSlice slice) throws IOException, SQLException {
		String key = Export.packStorageKey(slice.exportId(), slice.packNumber());
		PackStorage.Upload upload = this.storage.create(key);
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setReadOnly(true);
			DigestingOutputStream bytes = new DigestingOutputStream(upload.stream());
			Writer text = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 64 * 1024);
			CSVPrinter csv = PackCsv.printer(text, PackCsv.HEADER);
			writeRows(connection, slice, csv);
			csv.flush();
			return new GeneratedPack(slice, upload, new ExportPack(slice.exportId(), slice.packNumber(),
					slice.firstTokenId(), slice.rows(), bytes.count(), bytes.sha256(), key, null));
		}
		catch (IOException | SQLException | RuntimeException ex) {
			try {
				upload.close();
			}
			catch (IOException suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw ex;
		}
	}

	/**
	 * Start generating the packs after {@code slice} in the background (up to
	 * {@code packsAhead} of them, so that both cores print CSV while this pack is forced
	 * to disk and recorded). They stay uncommitted objects (never visible under their
	 * keys) until their own turn commits them; packs are still committed and recorded
	 * strictly one after another.
	 */
	private void prepareNext(PackSlice slice) {
		Pending first = this.ahead.peekFirst();
		if (first != null && first.slice().packNumber() != slice.packNumber() + 1) {
			discardAhead();
		}
		int last = (this.ahead.isEmpty()) ? slice.packNumber() : this.ahead.peekLast().slice().packNumber();
		int until = Math.min(this.export.packCount(), slice.packNumber() + this.properties.packsAhead());
		for (int number = last + 1; number <= until; number++) {
			long offset = (long) (number - 1) * this.export.packSize();
			PackSlice following = new PackSlice(slice.exportId(), number, this.batchFirstTokenId + offset,
					Math.toIntExact(Math.min(this.export.packSize(), this.batchQuantity - offset)));
			this.ahead.addLast(new Pending(following, this.background.submit(() -> generate(following))));
		}
	}

	private GeneratedPack takeNext(PackSlice slice) throws InterruptedException {
		Pending pending = this.ahead.peekFirst();
		if (pending == null || pending.slice().packNumber() != slice.packNumber()
				|| pending.slice().firstTokenId() != slice.firstTokenId()) {
			return null;
		}
		this.ahead.pollFirst();
		try {
			return pending.pack().get();
		}
		catch (ExecutionException ex) {
			// Generated again in the foreground, where a failure fails the pack.
			return null;
		}
	}

	private void discardAhead() {
		Pending pending;
		while ((pending = this.ahead.pollFirst()) != null) {
			// Not interrupted: an interrupt would close its pooled connection mid-query.
			pending.pack().cancel(false);
			try {
				closeQuietly(pending.pack().get());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException | CancellationException ex) {
				// Nothing was kept.
			}
		}
	}

	private static void closeQuietly(GeneratedPack generated) {
		try {
			generated.upload().close();
		}
		catch (IOException ex) {
			// A temporary file left behind is never served: only committed keys are.
		}
	}

	private record GeneratedPack(PackSlice slice, PackStorage.Upload upload, ExportPack pack) {

	}

	private record Pending(PackSlice slice, Future<GeneratedPack> pack) {

	}

	private void writeRows(Connection connection, PackSlice slice, CSVPrinter csv) throws SQLException, IOException {
		byte[] ascii = new byte[slice.rows() * IdentifierScheme.LENGTH];
		this.identifiers.encodeRange(slice.firstTokenId(), slice.rows(), ascii, 0);
		String pack = Integer.toString(slice.packNumber());
		long lastMicros = 0;
		String createdAt = null;
		int row = 0;
		try (PreparedStatement statement = connection.prepareStatement(TOKENS_SQL)) {
			statement.setFetchSize(this.properties.fetchSize());
			statement.setLong(1, slice.firstTokenId());
			statement.setLong(2, slice.firstTokenId() + slice.rows());
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					long id = rs.getLong(1);
					if (id != slice.firstTokenId() + row) {
						throw missing(slice, slice.firstTokenId() + row);
					}
					long lotId = rs.getLong(2);
					// Tokens minted together share their time: format it once per run.
					long micros = rs.getLong(4);
					if (micros != lastMicros || createdAt == null) {
						lastMicros = micros;
						createdAt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
					}
					String identifier = new String(ascii, row * IdentifierScheme.LENGTH, IdentifierScheme.LENGTH,
							StandardCharsets.ISO_8859_1);
					row++;
					// Field by field: printRecord(Object...) streams its arguments, which
					// costs more than the printing itself at a million rows.
					csv.print(pack);
					csv.print(Integer.toString(row));
					csv.print(this.gs1 ? "" : identifier);
					csv.print(this.gtin);
					csv.print(this.lotNumbers.getOrDefault(lotId, ""));
					csv.print(this.gs1 ? identifier : "");
					csv.print(this.links.get(lotId).url(identifier));
					csv.print(TokenStatus.ofCode(rs.getInt(3)).label());
					csv.print(this.activationMode);
					csv.print(createdAt);
					csv.println();
				}
			}
		}
		if (row != slice.rows()) {
			throw missing(slice, slice.firstTokenId() + row);
		}
	}

	private IllegalStateException missing(PackSlice slice, long tokenNumber) {
		return new IllegalStateException("Export " + slice.exportId() + " pack " + slice.packNumber() + ": token "
				+ tokenNumber + " of batch " + this.export.batchId() + " is missing from the token table");
	}

	private void pause() throws InterruptedException {
		if (!this.properties.packDelay().isZero()) {
			Thread.sleep(this.properties.packDelay());
		}
	}

	private static void rollbackTo(Connection connection, Savepoint savepoint, Exception cause) {
		if (savepoint == null) {
			return;
		}
		try {
			connection.rollback(savepoint);
		}
		catch (SQLException ex) {
			cause.addSuppressed(ex);
		}
	}

}
