package io.dppmint.export.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.jobs.metrics.CommittedCounter;
import io.dppmint.jobs.runner.HeldLeases;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Writes one pack per item, a chunk's packs in one transaction:
 * <ol>
 * <li>streams the pack's tokens by primary-key range ({@code fetchSize} rows at a time;
 * never the whole batch in memory), builds the pack's CSV in memory
 * ({@link PackCsv.Rows}: a pack is about 1.4 MB) and writes it into a new, uncommitted
 * storage object, computing SHA-256 and size of exactly the bytes written;</li>
 * <li>in the chunk's transaction: confirms and renews this process's lease (which locks
 * the export's row until the transaction ends, so nobody takes the export over
 * meanwhile), commits the chunk's objects (each forced to disk beforehand in the
 * background, renamed atomically into place, their folder forced once), and records the
 * packs (checksum, size, key) and their audit events; a process that lost its lease stops
 * before touching storage.</li>
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
 * <p>
 * For an NFC batch each pack has an encrypted key pack beside it ({@link NfcKeyPack}),
 * written, committed and recorded together with its pack.
 */
class CsvPackWriter implements ItemStreamWriter<PackSlice> {

	private static final String TOKENS_SQL = """
			select id, coalesce(lot_id, 0), status, cast(extract(epoch from created_at) * 1000000 as bigint) from tokens
			where id >= ? and id < ? order by id""";

	private static final String SIGNATURES_SQL = """
			select token_id, signature from token_signatures where token_id >= ? and token_id < ? order by token_id""";

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

	private final PackCsv.Rows rows;

	private final long batchFirstTokenId;

	private final int batchQuantity;

	private final ExecutorService background = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("export-next-pack-", 0).factory());

	private final Deque<Pending> ahead = new ArrayDeque<>();

	private final CommittedCounter packsWritten;

	/** The key number of a signed batch, or {@code null}. */
	private final Integer signingKeyNumber;

	/** The key packs of an NFC batch, or {@code null}. */
	private final NfcKeyPack keyPack;

	CsvPackWriter(DataSource dataSource, JdbcExportRepository exports, PackStorage storage,
			IdentifierScheme identifiers, HeldLeases<ExportLease> leases, ExportAuditTrail auditTrail, Export export,
			MintBatch batch, List<Lot> lots, Brand brand, Product product, ExportJobProperties properties,
			Duration leaseDuration, CommittedCounter packsWritten, Integer signingKeyNumber,
			X509Certificate tagProgrammer, BrandNfcKey nfcMasterKey, String facilityGln) {
		this.signingKeyNumber = signingKeyNumber;
		this.dataSource = dataSource;
		this.packsWritten = packsWritten;
		this.exports = exports;
		this.storage = storage;
		this.identifiers = identifiers;
		this.leases = leases;
		this.auditTrail = auditTrail;
		this.export = export;
		this.properties = properties;
		this.leaseDuration = leaseDuration;
		boolean gs1 = ResolverUrls.usesDigitalLinks(brand.gtinRequired(), product.gtin());
		Map<Long, String> lotNumbers = new HashMap<>();
		Map<Long, ResolverUrls> urls = new HashMap<>();
		lotNumbers.put(0L, "");
		urls.put(0L, ResolverUrls.forTokens(brand.resolverBaseUrl(), brand.gtinRequired(), product.gtin(), null));
		for (Lot lot : lots) {
			lotNumbers.put(lot.id(), lot.lotNumber());
			urls.put(lot.id(), ResolverUrls.forTokens(brand.resolverBaseUrl(), brand.gtinRequired(), product.gtin(),
					lot.lotNumber()));
		}
		this.rows = new PackCsv.Rows(gs1, gs1 ? product.gtin().value() : "", batch.activationMode().value(), lotNumbers,
				urls, signingKeyNumber != null,
				new PackCsv.Identifiers(brand.operatorGln(), facilityGln, product.commodityCode()));
		this.batchFirstTokenId = batch.firstTokenId();
		this.batchQuantity = batch.quantity();
		this.keyPack = (nfcMasterKey != null) ? new NfcKeyPack(tagProgrammer, nfcMasterKey, urls) : null;
	}

	@Override
	public void write(Chunk<? extends PackSlice> chunk) throws Exception {
		List<GeneratedPack> generated = new ArrayList<>(chunk.size());
		try {
			for (PackSlice slice : chunk) {
				pause();
				GeneratedPack pack = takeNext(slice);
				if (pack == null) {
					pack = generate(slice);
				}
				generated.add(pack);
				prepareNext(slice);
			}
			if (!generated.isEmpty()) {
				record(generated, this.leases.require(this.export.id()).fence());
				this.packsWritten.add(generated.size());
			}
		}
		catch (SQLException ex) {
			RuntimeException translated = translator.translate("export packs", null, ex);
			throw (translated != null) ? translated : new IllegalStateException("Export pack failed", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store packs of export " + this.export.id(), ex);
		}
		finally {
			generated.forEach(CsvPackWriter::closeQuietly);
		}
	}

	@Override
	public void close() {
		discardAhead();
		this.background.shutdownNow();
	}

	/**
	 * Put a chunk's generated packs in place and record them in the chunk's transaction,
	 * under the lease, under a savepoint, so that a retried write finds the transaction
	 * usable. The lease is confirmed (and the export's row locked) before the packs'
	 * objects are committed to storage, so a process that lost its lease never replaces a
	 * recorded pack; the storage commits them together (one folder sync).
	 */
	private void record(List<GeneratedPack> generated, String owner) throws IOException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		Savepoint savepoint = null;
		try {
			savepoint = connection.setSavepoint();
			List<ExportPack> packs = generated.stream().map(GeneratedPack::pack).toList();
			List<PackStorage.Upload> uploads = new ArrayList<>();
			for (GeneratedPack pack : generated) {
				uploads.add(pack.upload());
				if (pack.keyPack() != null) {
					uploads.add(pack.keyPack().upload());
				}
			}
			this.exports.recordPacks(packs, owner, this.leaseDuration, () -> this.storage.commitAll(uploads));
			for (GeneratedPack pack : generated) {
				if (pack.keyPack() != null) {
					this.exports.recordKeyPack(pack.slice().exportId(), pack.slice().packNumber(),
							pack.keyPack().byteSize(), pack.keyPack().sha256());
				}
			}
			for (ExportPack pack : packs) {
				this.auditTrail.packCompleted(this.export, pack);
			}
			connection.releaseSavepoint(savepoint);
		}
		catch (SQLException ex) {
			rollbackTo(connection, savepoint, ex);
			RuntimeException translated = translator.translate("export packs", null, ex);
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
		PackStorage.Upload keyUpload = null;
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setReadOnly(true);
			PackCsv.Rows.Pack rows = this.rows.pack(slice.packNumber());
			long[] lotIds = (this.keyPack != null) ? new long[slice.rows()] : null;
			byte[] identifiers = writeRows(connection, slice, rows, lotIds);
			DigestingOutputStream bytes = new DigestingOutputStream(upload.stream());
			rows.writeTo(bytes);
			bytes.flush();
			// Forced to disk here, off the path where packs are committed one by one.
			upload.persist();
			KeyPackFile keyPackFile = null;
			if (this.keyPack != null) {
				keyUpload = this.storage.create(Export.keyPackStorageKey(slice.exportId(), slice.packNumber()));
				DigestingOutputStream encrypted = new DigestingOutputStream(keyUpload.stream());
				this.keyPack.write(slice.packNumber(), slice.firstTokenId(), identifiers, lotIds, encrypted);
				encrypted.flush();
				keyUpload.persist();
				keyPackFile = new KeyPackFile(keyUpload, encrypted.count(), encrypted.sha256());
			}
			return new GeneratedPack(slice, upload, new ExportPack(slice.exportId(), slice.packNumber(),
					slice.firstTokenId(), slice.rows(), bytes.count(), bytes.sha256(), key, null), keyPackFile);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			for (PackStorage.Upload discarded : new PackStorage.Upload[] { upload, keyUpload }) {
				try {
					if (discarded != null) {
						discarded.close();
					}
				}
				catch (IOException suppressed) {
					ex.addSuppressed(suppressed);
				}
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
			if (generated.keyPack() != null) {
				generated.keyPack().upload().close();
			}
		}
		catch (IOException ex) {
			// A temporary file left behind is never served: only committed keys are.
		}
	}

	/** A pack's CSV and, for an NFC batch, its encrypted key pack. */
	private record GeneratedPack(PackSlice slice, PackStorage.Upload upload, ExportPack pack, KeyPackFile keyPack) {

	}

	/** An encrypted key pack written, not yet committed. */
	private record KeyPackFile(PackStorage.Upload upload, long byteSize, String sha256) {

	}

	private record Pending(PackSlice slice, Future<GeneratedPack> pack) {

	}

	/**
	 * Write a pack's rows, and the rows' lot ids into {@code lotIds} when given.
	 * @return the rows' identifiers
	 */
	private byte[] writeRows(Connection connection, PackSlice slice, PackCsv.Rows.Pack rows, long[] lotIds)
			throws SQLException {
		byte[] identifiers = new byte[slice.rows() * IdentifierScheme.LENGTH];
		this.identifiers.encodeRange(slice.firstTokenId(), slice.rows(), identifiers, 0);
		byte[] signatures = (this.signingKeyNumber != null) ? signatures(connection, slice) : null;
		int row = 0;
		try (PreparedStatement statement = connection.prepareStatement(TOKENS_SQL)) {
			statement.setFetchSize(this.properties.fetchSize());
			statement.setLong(1, slice.firstTokenId());
			statement.setLong(2, slice.firstTokenId() + slice.rows());
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					if (rs.getLong(1) != slice.firstTokenId() + row) {
						throw missing(slice, slice.firstTokenId() + row);
					}
					rows.row(row + 1, identifiers, row * IdentifierScheme.LENGTH, rs.getLong(2), rs.getInt(3),
							rs.getLong(4), signatures, row * PackCsv.SIGNATURE_LENGTH);
					if (lotIds != null) {
						lotIds[row] = rs.getLong(2);
					}
					row++;
				}
			}
		}
		if (row != slice.rows()) {
			throw missing(slice, slice.firstTokenId() + row);
		}
		return identifiers;
	}

	/**
	 * The pack's AI 8030 values as ASCII, {@link PackCsv#SIGNATURE_LENGTH} bytes per row:
	 * the signatures of its token range, read in token order beside the tokens (a pack's
	 * worth, 10,000 rows, is under 1 MB).
	 */
	private byte[] signatures(Connection connection, PackSlice slice) throws SQLException {
		byte[] values = new byte[slice.rows() * PackCsv.SIGNATURE_LENGTH];
		int row = 0;
		try (PreparedStatement statement = connection.prepareStatement(SIGNATURES_SQL)) {
			statement.setFetchSize(this.properties.fetchSize());
			statement.setLong(1, slice.firstTokenId());
			statement.setLong(2, slice.firstTokenId() + slice.rows());
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					if (rs.getLong(1) != slice.firstTokenId() + row) {
						throw unsigned(slice, slice.firstTokenId() + row);
					}
					String value = DigitalSignature8030.encode(this.signingKeyNumber, rs.getBytes(2), 0);
					System.arraycopy(value.getBytes(StandardCharsets.US_ASCII), 0, values,
							row * PackCsv.SIGNATURE_LENGTH, PackCsv.SIGNATURE_LENGTH);
					row++;
				}
			}
		}
		if (row != slice.rows()) {
			throw unsigned(slice, slice.firstTokenId() + row);
		}
		return values;
	}

	private IllegalStateException unsigned(PackSlice slice, long tokenNumber) {
		return new IllegalStateException("Export " + slice.exportId() + " pack " + slice.packNumber() + ": token "
				+ tokenNumber + " of signed batch " + this.export.batchId() + " has no signature");
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
