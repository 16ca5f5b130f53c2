package io.dppmint.export.backup;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import io.dppmint.core.identifier.IdentifierScheme;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a brand's backup archive (docs/backup.md): a ZIP of NDJSON entries
 * ({@link BackupEntries}) and a {@link BackupManifest}, plus {@code <archive>.sha256}
 * beside it in {@code sha256sum} format. Everything is read in one read-only
 * repeatable-read transaction, so the archive is one consistent snapshot, and streamed
 * row by row through a cursor into the ZIP: memory does not grow with the brand. The
 * archive appears under its name only once complete (written to a {@code .part} file,
 * then moved).
 */
final class BrandBackup {

	static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final int FETCH_SIZE = 2_000;

	private final DataSource dataSource;

	private final IdentifierScheme identifiers;

	private final Clock clock;

	BrandBackup(DataSource dataSource, IdentifierScheme identifiers, Clock clock) {
		this.dataSource = dataSource;
		this.identifiers = identifiers;
		this.clock = clock;
	}

	/**
	 * Write the backup of one brand.
	 * @param brandCode the brand's code
	 * @param archive where to write it (replaced if it exists)
	 * @param withGrants whether to include the access grants (their hashes)
	 * @return the manifest written and the archive's checksum
	 * @throws BackupRefusedException if there is no such brand
	 */
	Written write(String brandCode, Path archive, boolean withGrants) throws BackupRefusedException, IOException {
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		transaction.setReadOnly(true);
		transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.setFetchSize(FETCH_SIZE);
		Path part = archive.resolveSibling(archive.getFileName() + ".part");
		try {
			Written written = transaction.execute((status) -> {
				List<Long> brandIds = jdbc.queryForList("select id from brands where code = ?", Long.class, brandCode);
				if (brandIds.isEmpty()) {
					return null;
				}
				try {
					return writeArchive(jdbc, brandIds.getFirst(), brandCode, part, withGrants);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			if (written == null) {
				throw BackupRefusedException.badInput("There is no brand '" + brandCode + "'");
			}
			Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			Files.writeString(checksumFile(archive), written.sha256() + "  " + archive.getFileName() + "\n",
					StandardCharsets.UTF_8);
			return written;
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	static Path checksumFile(Path archive) {
		return archive.resolveSibling(archive.getFileName() + ".sha256");
	}

	private Written writeArchive(JdbcTemplate jdbc, long brandId, String brandCode, Path file, boolean withGrants)
			throws IOException {
		String installation = jdbc.queryForObject("select id::text from installation", String.class);
		String schemaVersion = jdbc.queryForObject("""
				select version from flyway_schema_history where success and version is not null
				order by installed_rank desc limit 1""", String.class);
		MessageDigest archiveDigest = sha256();
		List<BackupManifest.Entry> entries = new ArrayList<>();
		long tokens = 0;
		try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), archiveDigest);
				ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16))) {
			for (BackupEntries.Query query : BackupEntries.queries(withGrants)) {
				zip.putNextEntry(new ZipEntry(query.name()));
				EntryStream entry = new EntryStream(zip);
				boolean ranges = query.name().equals(BackupEntries.TOKEN_RANGES);
				jdbc.query(query.sql(), (rs) -> {
					String line = rs.getString(1);
					entry.line(line);
					if (ranges) {
						entry.tokens += json.readTree(line).get("count").asLong();
					}
				}, brandId);
				entry.finish();
				zip.closeEntry();
				entries.add(new BackupManifest.Entry(query.name(), entry.rows, entry.bytes, entry.sha256()));
				tokens += entry.tokens;
			}
			BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, installation, schemaVersion, brandCode,
					this.clock.instant(), this.identifiers.keyFingerprint(), withGrants, tokens, entries);
			byte[] manifestBytes = json.writeValueAsBytes(manifest);
			zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY_NAME));
			zip.write(manifestBytes);
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry(BackupManifest.CHECKSUM_ENTRY_NAME));
			zip.write(
					(HexFormat.of().formatHex(sha256().digest(manifestBytes)) + "  " + BackupManifest.ENTRY_NAME + "\n")
						.getBytes(StandardCharsets.US_ASCII));
			zip.closeEntry();
			zip.finish();
			zip.flush();
			return new Written(manifest, HexFormat.of().formatHex(archiveDigest.digest()));
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A backup written.
	 *
	 * @param manifest its manifest
	 * @param sha256 the archive's SHA-256, lowercase hex
	 */
	record Written(BackupManifest manifest, String sha256) {
	}

	/** One entry's lines, counted and digested on their way into the ZIP. */
	private static final class EntryStream {

		private final MessageDigest digest = BrandBackup.sha256();

		private final OutputStream out;

		long rows;

		long bytes;

		long tokens;

		EntryStream(OutputStream zip) {
			this.out = new BufferedOutputStream(new DigestOutputStream(new Unclosable(zip), this.digest), 1 << 16);
		}

		void line(String line) {
			byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
			try {
				this.out.write(bytes);
				this.out.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.rows++;
			this.bytes += bytes.length + 1;
		}

		void finish() throws IOException {
			this.out.flush();
		}

		String sha256() {
			return HexFormat.of().formatHex(this.digest.digest());
		}

	}

	/** An entry's stream, which must not close the ZIP it writes to. */
	private static final class Unclosable extends FilterOutputStream {

		Unclosable(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
		}

		@Override
		public void close() {
		}

	}

}
