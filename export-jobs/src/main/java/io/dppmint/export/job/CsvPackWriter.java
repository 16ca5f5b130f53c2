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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.export.ResolverLinks;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.token.TokenStatus;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Writes one pack per item, inside the chunk's transaction (the step's chunk size is 1,
 * so one pack is one transaction):
 * <ol>
 * <li>streams the pack's tokens by primary-key range on the transaction's connection
 * ({@code fetchSize} rows at a time; never the whole batch in memory) and writes them as
 * CSV into a new storage object, computing SHA-256 and size of exactly the bytes
 * written;</li>
 * <li>commits the object (atomic rename), then records the pack (checksum, size, key) and
 * its audit event, and renews the lease, in the transaction; recording fails unless this
 * process still holds the export's lease.</li>
 * </ol>
 * The step then commits this transaction together with its own progress. So a pack is
 * either recorded with the checksum of the file under its key, or not recorded at all and
 * written again on resume; a file left by a crash between rename and commit is never
 * served (downloads go through {@code export_packs}) and is replaced whole. Recorded
 * packs are never handed to this writer again ({@link PackReader}), so their bytes never
 * change.
 * <p>
 * Spring Batch 6 retries a failed write inside the same chunk transaction, which
 * PostgreSQL has aborted after an error; each pack therefore runs under a savepoint and
 * rolls back to it before rethrowing.
 */
class CsvPackWriter implements ItemWriter<PackSlice> {

	private static final String TOKENS_SQL = """
			select id, coalesce(lot_id, 0), status, cast(extract(epoch from created_at) * 1000000 as bigint) from tokens
			where id >= ? and id < ? order by id""";

	private static final String[] STATUS_LABELS = { TokenStatus.MINTED.label(), TokenStatus.ACTIVE.label(),
			TokenStatus.REVOKED.label() };

	private static final SQLExceptionTranslator translator = new SQLStateSQLExceptionTranslator();

	private final DataSource dataSource;

	private final JdbcExportRepository exports;

	private final PackStorage storage;

	private final IdentifierScheme identifiers;

	private final ActiveLeases leases;

	private final ExportAuditTrail auditTrail;

	private final Export export;

	private final ExportJobProperties properties;

	private final Duration leaseDuration;

	private final boolean gs1;

	private final String gtin;

	private final String activationMode;

	private final Map<Long, String> lotNumbers = new HashMap<>();

	private final Map<Long, ResolverLinks> links = new HashMap<>();

	CsvPackWriter(DataSource dataSource, JdbcExportRepository exports, PackStorage storage,
			IdentifierScheme identifiers, ActiveLeases leases, ExportAuditTrail auditTrail, Export export,
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
		this.gs1 = brand.gtinRequired() && product.gtin() != null;
		this.gtin = this.gs1 ? product.gtin().value() : "";
		this.activationMode = batch.activationMode().value();
		this.links.put(0L, this.gs1 ? ResolverLinks.digitalLinks(brand.resolverBaseUrl(), product.gtin(), null)
				: ResolverLinks.publicIds(brand.resolverBaseUrl()));
		this.lotNumbers.put(0L, "");
		for (Lot lot : lots) {
			this.lotNumbers.put(lot.id(), lot.lotNumber());
			this.links.put(lot.id(),
					this.gs1 ? ResolverLinks.digitalLinks(brand.resolverBaseUrl(), product.gtin(), lot.lotNumber())
							: this.links.get(0L));
		}
	}

	@Override
	public void write(Chunk<? extends PackSlice> chunk) throws Exception {
		for (PackSlice slice : chunk) {
			pause();
			writePack(slice);
		}
	}

	private void writePack(PackSlice slice) {
		String owner = this.leases.require(slice.exportId());
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		Savepoint savepoint = null;
		try {
			savepoint = connection.setSavepoint();
			String key = Export.packStorageKey(slice.exportId(), slice.packNumber());
			ExportPack pack;
			try (PackStorage.Upload upload = this.storage.create(key)) {
				DigestingOutputStream bytes = new DigestingOutputStream(upload.stream());
				Writer text = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 64 * 1024);
				CSVPrinter csv = PackCsv.printer(text, PackCsv.HEADER);
				writeRows(connection, slice, csv);
				csv.flush();
				upload.commit();
				pack = new ExportPack(slice.exportId(), slice.packNumber(), slice.firstTokenId(), slice.rows(),
						bytes.count(), bytes.sha256(), key, null);
			}
			this.exports.recordPack(pack, owner, this.leaseDuration);
			this.auditTrail.packCompleted(this.export, pack);
			connection.releaseSavepoint(savepoint);
		}
		catch (SQLException ex) {
			rollbackTo(connection, savepoint, ex);
			RuntimeException translated = translator.translate("export pack", null, ex);
			throw (translated != null) ? translated : new IllegalStateException("Export pack failed", ex);
		}
		catch (IOException ex) {
			rollbackTo(connection, savepoint, ex);
			throw new UncheckedIOException("Could not store pack " + slice.packNumber(), ex);
		}
		catch (RuntimeException ex) {
			rollbackTo(connection, savepoint, ex);
			throw ex;
		}
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
					csv.printRecord(pack, Integer.toString(row), this.gs1 ? "" : identifier, this.gtin,
							this.lotNumbers.getOrDefault(lotId, ""), this.gs1 ? identifier : "",
							this.links.get(lotId).of(identifier), STATUS_LABELS[rs.getInt(3)], this.activationMode,
							createdAt);
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
