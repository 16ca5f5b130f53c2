package io.dppmint.export.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.identifier.IdentifierScheme;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Restores a brand from a backup archive ({@link BrandBackup}) into this installation, in
 * one transaction, or refuses and writes nothing (docs/backup.md, "Restore").
 * <p>
 * First, before any database work: the archive's checksum against its {@code .sha256}
 * file (when there is one), the manifest's format, every entry's checksum and line count,
 * and the identifier-key fingerprint (a serial is its token number under the key: another
 * key would resolve every printed code to nothing, or to another token). Then, in the
 * transaction: the schema version, and conflicts with this installation's data (the brand
 * code, its GS1 company prefix, a GTIN, a token range overlapping an existing batch's, a
 * grant's token prefix), all reported at once.
 * <p>
 * Token numbers are kept, since the printed serials are their encryption; every other id
 * is new (this installation's own rows have the same ids) and the foreign keys are
 * rewritten. Entries are streamed into temporary tables with {@code COPY} and inserted
 * with set-based SQL; the tokens are rebuilt from their ranges with
 * {@code generate_series}, with the deviations (activations, revocations) joined in, so a
 * 1,000,000-unit batch takes seconds. {@code token_block_seq} is moved past the restored
 * blocks, the brand's counters are computed, and one audit event ({@code brand restored},
 * with the archive's SHA-256) is recorded. A dry run does all of it and rolls back.
 */
final class BrandRestore {

	/**
	 * Batch statuses a restore cannot continue: the batch becomes failed (restartable).
	 */
	private static final String UNFINISHED = "('queued', 'processing')";

	private final DataSource dataSource;

	private final IdentifierScheme identifiers;

	BrandRestore(DataSource dataSource, IdentifierScheme identifiers) {
		this.dataSource = dataSource;
		this.identifiers = identifiers;
	}

	/**
	 * Verify and restore an archive.
	 * @param archive the archive
	 * @param dryRun verify and insert, then roll back
	 * @param actor who restores, for the audit event
	 * @return what was (or, in a dry run, would be) restored
	 * @throws BackupRefusedException if the archive or this installation refuses it;
	 * nothing was written
	 */
	Restored restore(Path archive, boolean dryRun, String actor) throws BackupRefusedException, IOException {
		String sha256 = verifyArchiveChecksum(archive);
		try (ZipFile zip = open(archive)) {
			BackupManifest manifest = manifest(zip);
			verifyEntries(zip, manifest);
			if (!this.identifiers.keyFingerprint().equals(manifest.identifierKeyFingerprint())) {
				throw BackupRefusedException
					.failedCheck("The archive was made under another identifier key (fingerprint "
							+ manifest.identifierKeyFingerprint() + ", this installation's is "
							+ this.identifiers.keyFingerprint()
							+ "): its serials would not resolve here. Configure the source's identifier key "
							+ "(DPP_SECRETS_IDENTIFIER_KEY), which travels apart from the archive");
			}
			TransactionTemplate transaction = new TransactionTemplate(
					new DataSourceTransactionManager(this.dataSource));
			try {
				return transaction.execute((status) -> {
					try {
						Restored restored = new Run(zip, manifest, sha256, actor).restore(dryRun);
						if (dryRun) {
							status.setRollbackOnly();
						}
						return restored;
					}
					catch (BackupRefusedException ex) {
						status.setRollbackOnly();
						throw new Refusal(ex);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					catch (SQLException ex) {
						throw new IllegalStateException("Restore failed: " + ex.getMessage(), ex);
					}
				});
			}
			catch (Refusal ex) {
				throw ex.refusal;
			}
			catch (UncheckedIOException ex) {
				throw ex.getCause();
			}
		}
	}

	private static String verifyArchiveChecksum(Path archive) throws BackupRefusedException, IOException {
		if (!Files.isRegularFile(archive)) {
			throw BackupRefusedException.badInput("No archive " + archive);
		}
		MessageDigest digest = BrandBackup.sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(archive), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		String actual = HexFormat.of().formatHex(digest.digest());
		Path checksumFile = BrandBackup.checksumFile(archive);
		try {
			String expected = Files.readString(checksumFile, StandardCharsets.UTF_8).strip().split("\\s+")[0];
			if (!expected.equalsIgnoreCase(actual)) {
				throw BackupRefusedException.failedCheck("The archive's SHA-256 is " + actual + ", " + checksumFile
						+ " says " + expected + ": it was changed or damaged");
			}
		}
		catch (NoSuchFileException ex) {
			// The entries' checksums in the manifest are still verified.
		}
		return actual;
	}

	private static ZipFile open(Path archive) throws BackupRefusedException, IOException {
		try {
			return new ZipFile(archive.toFile(), StandardCharsets.UTF_8);
		}
		catch (ZipException ex) {
			throw BackupRefusedException.badInput(archive + " is not a backup archive (not a ZIP file)");
		}
	}

	private static BackupManifest manifest(ZipFile zip) throws BackupRefusedException, IOException {
		ZipEntry entry = zip.getEntry(BackupManifest.ENTRY_NAME);
		if (entry == null) {
			throw BackupRefusedException.badInput("The archive has no " + BackupManifest.ENTRY_NAME);
		}
		ZipEntry checksum = zip.getEntry(BackupManifest.CHECKSUM_ENTRY_NAME);
		if (checksum == null) {
			throw BackupRefusedException.badInput("The archive has no " + BackupManifest.CHECKSUM_ENTRY_NAME);
		}
		BackupManifest manifest;
		try (InputStream in = zip.getInputStream(entry); InputStream sum = zip.getInputStream(checksum)) {
			byte[] bytes = in.readAllBytes();
			String expected = new String(sum.readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+")[0];
			String actual = HexFormat.of().formatHex(BrandBackup.sha256().digest(bytes));
			if (!actual.equalsIgnoreCase(expected)) {
				throw BackupRefusedException
					.failedCheck("The archive's " + BackupManifest.ENTRY_NAME + " has SHA-256 " + actual + ", "
							+ BackupManifest.CHECKSUM_ENTRY_NAME + " says " + expected + ": it was changed or damaged");
			}
			manifest = BrandBackup.json.readValue(bytes, BackupManifest.class);
		}
		catch (JacksonException ex) {
			throw BackupRefusedException
				.badInput("The archive's " + BackupManifest.ENTRY_NAME + " cannot be read: " + ex.getOriginalMessage());
		}
		catch (ZipException ex) {
			throw BackupRefusedException.failedCheck("The archive is damaged: " + ex.getMessage());
		}
		if (!BackupManifest.FORMAT.equals(manifest.format())) {
			throw BackupRefusedException.badInput("Unknown archive format '" + manifest.format()
					+ "': this installation reads " + BackupManifest.FORMAT);
		}
		if (manifest.entries() == null || manifest.brand() == null || manifest.schemaVersion() == null
				|| manifest.identifierKeyFingerprint() == null) {
			throw BackupRefusedException.badInput("The archive's manifest is incomplete");
		}
		try {
			MigrationVersion.fromVersion(manifest.schemaVersion());
		}
		catch (RuntimeException ex) {
			throw BackupRefusedException
				.badInput("The archive's schema version '" + manifest.schemaVersion() + "' is not a version");
		}
		return manifest;
	}

	private static void verifyEntries(ZipFile zip, BackupManifest manifest) throws BackupRefusedException, IOException {
		Set<String> listed = manifest.entries()
			.stream()
			.map(BackupManifest.Entry::name)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		Set<String> present = new LinkedHashSet<>();
		for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
			String name = entries.nextElement().getName();
			if (!name.equals(BackupManifest.ENTRY_NAME) && !name.equals(BackupManifest.CHECKSUM_ENTRY_NAME)) {
				present.add(name);
			}
		}
		if (!present.equals(listed) || listed.size() != manifest.entries().size()) {
			throw BackupRefusedException
				.failedCheck("The archive's entries " + present + " are not the ones its manifest lists " + listed);
		}
		Set<String> known = new LinkedHashSet<>(BackupEntries.required());
		Set<String> missing = new LinkedHashSet<>(known);
		missing.removeAll(listed);
		known.add(BackupEntries.ACCESS_GRANTS);
		Set<String> unknown = new LinkedHashSet<>(listed);
		unknown.removeAll(known);
		if (!missing.isEmpty() || !unknown.isEmpty()) {
			throw BackupRefusedException.badInput("The archive lacks the entries " + missing + " or has unknown ones "
					+ unknown + ": it is not a " + BackupManifest.FORMAT + " archive");
		}
		List<String> bad = new ArrayList<>();
		for (BackupManifest.Entry entry : manifest.entries()) {
			MessageDigest digest = BrandBackup.sha256();
			long lines = 0;
			long bytes = 0;
			try (InputStream in = zip.getInputStream(zip.getEntry(entry.name()))) {
				byte[] buffer = new byte[1 << 16];
				for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
					digest.update(buffer, 0, read);
					bytes += read;
					for (int i = 0; i < read; i++) {
						if (buffer[i] == '\n') {
							lines++;
						}
					}
				}
			}
			catch (ZipException ex) {
				bad.add(entry.name() + " is damaged (" + ex.getMessage() + ")");
				continue;
			}
			String sha256 = HexFormat.of().formatHex(digest.digest());
			if (!sha256.equals(entry.sha256()) || lines != entry.rows() || bytes != entry.bytes()) {
				bad.add(entry.name() + " has SHA-256 " + sha256 + ", " + lines + " lines, " + bytes
						+ " bytes; the manifest says " + entry.sha256() + ", " + entry.rows() + ", " + entry.bytes());
			}
		}
		if (!bad.isEmpty()) {
			throw new BackupRefusedException(false, bad);
		}
	}

	/**
	 * What a restore wrote (or a dry run would write).
	 *
	 * @param manifest the archive's manifest
	 * @param archiveSha256 the archive's SHA-256
	 * @param brandId the brand's id here
	 * @param rows rows inserted per entry
	 * @param tokens tokens inserted
	 * @param dryRun whether it was rolled back
	 */
	record Restored(BackupManifest manifest, String archiveSha256, long brandId, Map<String, Long> rows, long tokens,
			boolean dryRun) {
	}

	/** Carries a refusal out of the transaction callback (which rolls back). */
	private static final class Refusal extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient BackupRefusedException refusal;

		Refusal(BackupRefusedException refusal) {
			super(refusal.getMessage(), null, false, false);
			this.refusal = refusal;
		}

	}

	/** One restore, inside its transaction. */
	private final class Run {

		private final ZipFile zip;

		private final BackupManifest manifest;

		private final String sha256;

		private final String actor;

		private final JdbcTemplate jdbc = new JdbcTemplate(BrandRestore.this.dataSource);

		private final Map<String, Long> rows = new LinkedHashMap<>();

		Run(ZipFile zip, BackupManifest manifest, String sha256, String actor) {
			this.zip = zip;
			this.manifest = manifest;
			this.sha256 = sha256;
			this.actor = actor;
		}

		Restored restore(boolean dryRun) throws BackupRefusedException, IOException, SQLException {
			checkSchemaVersion();
			for (BackupManifest.Entry entry : this.manifest.entries()) {
				if (!entry.name().equals(BackupEntries.AUDIT_EVENTS)) {
					load(entry.name());
				}
			}
			if (rows(BackupEntries.BRAND) != 1) {
				throw BackupRefusedException.badInput("The archive holds no brand");
			}
			checkConflicts();
			long brandId = insertBrand();
			map("products", BackupEntries.PRODUCTS);
			map("production_runs", BackupEntries.PRODUCTION_RUNS);
			map("brand_keys", BackupEntries.BRAND_KEYS);
			map("mint_batches", BackupEntries.MINT_BATCHES);
			map("lots", BackupEntries.LOTS);
			String brand = Long.toString(brandId);
			insert("passport_schemas", BackupEntries.PASSPORT_SCHEMAS, Map.of("id", "", "brand_id", brand), "");
			insert("products", BackupEntries.PRODUCTS, Map.of("id", "m.new_id", "brand_id", brand),
					"join map_products m on m.old_id = r.id");
			insert("production_runs", BackupEntries.PRODUCTION_RUNS,
					Map.of("id", "m.new_id", "brand_id", brand, "product_id", "p.new_id"), """
							join map_production_runs m on m.old_id = r.id
							join map_products p on p.old_id = r.product_id""");
			// Public keys only: they stay published (retired), so that codes signed at
			// the
			// source verify here, and never sign again (the private key is not in the
			// archive).
			insert("brand_keys", BackupEntries.BRAND_KEYS,
					Map.of("id", "m.new_id", "brand_id", brand, "wrapped_key", "'\\x'::bytea", "kek_version", "",
							"state", "case when r.state in ('pending', 'active') then 'retired' else r.state end",
							"retired_at",
							"case when r.state in ('pending', 'active') then now() else r.retired_at end"),
					"join map_brand_keys m on m.old_id = r.id");
			insert("mint_batches", BackupEntries.MINT_BATCHES,
					Map.of("id", "m.new_id", "brand_id", brand, "product_id", "p.new_id", "production_run_id",
							"pr.new_id", "signing_key_id", "k.new_id", "status",
							"case when r.status in " + UNFINISHED + " then 'failed' else r.status end", "error",
							"case when r.status in " + UNFINISHED + " then 'restored from a backup taken while it was '"
									+ " || r.status else r.error end",
							"finished_at",
							"case when r.status in " + UNFINISHED + " then now() else r.finished_at end"),
					"""
							join map_mint_batches m on m.old_id = r.id
							join map_products p on p.old_id = r.product_id
							left join map_production_runs pr on pr.old_id = r.production_run_id
							left join map_brand_keys k on k.old_id = r.signing_key_id""");
			insert("lots", BackupEntries.LOTS,
					Map.of("id", "m.new_id", "batch_id", "b.new_id", "product_id", "p.new_id"), """
							join map_lots m on m.old_id = r.id
							join map_mint_batches b on b.old_id = r.batch_id
							join map_products p on p.old_id = r.product_id""");
			long tokens = insertTokens();
			insert("token_signatures", BackupEntries.TOKEN_SIGNATURES, Map.of(), "");
			String subject = """
					case r.subject_kind when 'product' then p.new_id when 'batch' then b.new_id else r.subject_id end""";
			String subjects = """
					left join map_products p on r.subject_kind = 'product' and p.old_id = r.subject_id
					left join map_mint_batches b on r.subject_kind = 'batch' and b.old_id = r.subject_id""";
			insert("passport_versions", BackupEntries.PASSPORT_VERSIONS,
					Map.of("id", "", "brand_id", brand, "subject_id", subject), subjects);
			insert("passport_heads", BackupEntries.PASSPORT_HEADS, Map.of("brand_id", brand, "subject_id", subject),
					subjects);
			insert("passport_lineage", BackupEntries.PASSPORT_LINEAGE, Map.of("id", "", "brand_id", brand,
					"successor_product_id", "sp.new_id", "predecessor_product_id", "p.new_id"), """
							join map_products sp on sp.old_id = r.successor_product_id
							left join map_products p on p.old_id = r.predecessor_product_id""");
			insert("resolver_links", BackupEntries.RESOLVER_LINKS,
					Map.of("id", "", "brand_id", brand, "product_id", "p.new_id"),
					"left join map_products p on p.old_id = r.product_id");
			insert("registry_registrations", BackupEntries.REGISTRY_REGISTRATIONS,
					Map.of("batch_id", "b.new_id", "brand_id", brand),
					"join map_mint_batches b on b.old_id = r.batch_id");
			// An access link opens one product's passport: its product has a new id here.
			insert("access_grants", BackupEntries.ACCESS_GRANTS,
					Map.of("id", "", "brand_id", brand, "product_id", "p.new_id"),
					"left join map_products p on p.old_id = r.product_id");
			this.jdbc.update(
					"""
							insert into brand_counters (brand_id, tokens_minted, active_tokens, batches_created, exports_completed)
							select ?, count(*), count(*) filter (where t.status = 1), (select count(*) from mint_batches where brand_id = ?), 0
							from mint_batches b
							join tokens t on t.id between b.first_token_id and b.first_token_id + b.quantity - 1
							where b.brand_id = ?""",
					brandId, brandId, brandId);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("archive_sha256", this.sha256);
			details.put("source_installation", String.valueOf(this.manifest.installationId()));
			details.put("backup_created_at", String.valueOf(this.manifest.createdAt()));
			details.put("tokens", tokens);
			details.put("rows", Map.copyOf(this.rows));
			new AuditLog(JdbcClient.create(BrandRestore.this.dataSource))
				.record(new AuditEvent(brandId, "brand", this.manifest.brand(), "restored", this.actor, details));
			if (!dryRun && rows(BackupEntries.MINT_BATCHES) > 0) {
				// Last: a sequence does not roll back.
				this.jdbc.queryForObject(
						"""
								select setval('token_block_seq', greatest(s.last_value, (select max(first_token_id) from mint_batches)))
								from token_block_seq s""",
						Long.class);
			}
			return new Restored(this.manifest, this.sha256, brandId, Collections.unmodifiableMap(this.rows), tokens,
					dryRun);
		}

		private void checkSchemaVersion() throws BackupRefusedException {
			String here = this.jdbc.queryForObject("""
					select version from flyway_schema_history where success and version is not null
					order by installed_rank desc limit 1""", String.class);
			if (MigrationVersion.fromVersion(this.manifest.schemaVersion())
				.compareTo(MigrationVersion.fromVersion(here)) > 0) {
				throw BackupRefusedException
					.failedCheck("The archive comes from schema version " + this.manifest.schemaVersion()
							+ ", newer than this installation's " + here + ": upgrade this installation first");
			}
		}

		private void checkConflicts() throws BackupRefusedException {
			List<String> conflicts = new ArrayList<>();
			conflicts.addAll(this.jdbc.query("""
					select b.code from brands b, restore_brand s where b.code = s.line ->> 'code'""",
					(rs, row) -> "A brand with code '" + rs.getString(1) + "' exists here"));
			conflicts.addAll(this.jdbc.query("""
					select b.code, b.gs1_company_prefix from brands b, restore_brand s
					where b.gs1_company_prefix = s.line ->> 'gs1_company_prefix'""",
					(rs, row) -> "Brand '" + rs.getString(1) + "' here has the GS1 company prefix " + rs.getString(2)));
			conflicts.addAll(this.jdbc.query("""
					select p.gtin, b.code from restore_products s
					join products p on p.gtin = s.line ->> 'gtin' join brands b on b.id = p.brand_id
					order by p.gtin limit 20""",
					(rs, row) -> "GTIN " + rs.getString(1) + " is a product of brand '" + rs.getString(2) + "' here"));
			conflicts.addAll(this.jdbc.query("""
					select b.id, b.first_token_id, b.quantity, (s.line ->> 'id')::bigint as archived
					from restore_mint_batches s
					join mint_batches b on int8range(b.first_token_id, b.first_token_id + b.quantity)
						&& int8range((s.line ->> 'first_token_id')::bigint,
							(s.line ->> 'first_token_id')::bigint + (s.line ->> 'quantity')::bigint)
					order by b.id limit 20""",
					(rs, row) -> "The token range of archived batch " + rs.getLong(4) + " overlaps batch "
							+ rs.getLong(1) + " here (tokens " + rs.getLong(2) + " to "
							+ (rs.getLong(2) + rs.getLong(3) - 1) + ")"));
			if (exists("restore_access_grants")) {
				conflicts.addAll(this.jdbc.query("""
						select g.token_prefix from restore_access_grants s
						join access_grants g on g.token_prefix = s.line ->> 'token_prefix' limit 20""",
						(rs, row) -> "An access grant with prefix " + rs.getString(1) + " exists here"));
			}
			if (!conflicts.isEmpty()) {
				throw new BackupRefusedException(false, conflicts);
			}
			long outside = this.jdbc.queryForObject("""
					select count(*) from restore_token_ranges s
					left join restore_mint_batches b on b.line -> 'id' = s.line -> 'batch_id'
					where b.line is null
					or (s.line ->> 'first_token_id')::bigint < (b.line ->> 'first_token_id')::bigint
					or (s.line ->> 'first_token_id')::bigint + (s.line ->> 'count')::bigint
						> (b.line ->> 'first_token_id')::bigint + (b.line ->> 'quantity')::bigint""", Long.class);
			if (outside > 0) {
				throw BackupRefusedException.failedCheck(
						outside + " of the archive's token ranges lie outside their batches: it is inconsistent");
			}
		}

		private long insertBrand() throws BackupRefusedException {
			long brandId = this.jdbc.queryForObject("select nextval(pg_get_serial_sequence('brands', 'id'))",
					Long.class);
			insert("brands", BackupEntries.BRAND, Map.of("id", Long.toString(brandId)), "");
			Map<String, Object> from = new LinkedHashMap<>();
			from.put("installation", this.manifest.installationId());
			from.put("archive_sha256", this.sha256);
			from.put("created_at", String.valueOf(this.manifest.createdAt()));
			from.put("restored_at", Instant.now().toString());
			this.jdbc.update("update brands set restored_from = cast(? as jsonb) where id = ?",
					BrandBackup.json.writeValueAsString(from), brandId);
			return brandId;
		}

		/** Stream one entry into a temporary table {@code restore_<name>(line jsonb)}. */
		private void load(String entryName) throws IOException, SQLException {
			String table = table(entryName);
			this.jdbc.execute("create temporary table " + table + " (line jsonb not null) on commit drop");
			Connection connection = DataSourceUtils.getConnection(BrandRestore.this.dataSource);
			CopyIn copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy " + table + " (line) from stdin");
			long lines = 0;
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(
					this.zip.getInputStream(this.zip.getEntry(entryName)), StandardCharsets.UTF_8), 1 << 16)) {
				byte[] buffer = new byte[1 << 16];
				int length = 0;
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					byte[] escaped = escapeForCopy(line);
					if (length + escaped.length + 1 > buffer.length) {
						copy.writeToCopy(buffer, 0, length);
						length = 0;
						if (escaped.length + 1 > buffer.length) {
							buffer = new byte[escaped.length + 1];
						}
					}
					System.arraycopy(escaped, 0, buffer, length, escaped.length);
					length += escaped.length;
					buffer[length++] = '\n';
					lines++;
				}
				if (length > 0) {
					copy.writeToCopy(buffer, 0, length);
				}
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
			this.jdbc.execute("analyze " + table);
			this.rows.put(entryName, lines);
		}

		private long rows(String entryName) {
			return this.rows.getOrDefault(entryName, 0L);
		}

		private boolean exists(String table) {
			return Boolean.TRUE.equals(
					this.jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, "pg_temp." + table));
		}

		/** New ids for an entry's rows, in the order of their old ones. */
		private void map(String target, String entryName) {
			String source = table(entryName);
			this.jdbc.execute("create temporary table map_" + target
					+ " (old_id bigint primary key, new_id bigint not null) on commit drop");
			this.jdbc.update("insert into map_" + target
					+ " (old_id, new_id) select old_id, nextval(pg_get_serial_sequence('" + target
					+ "', 'id')) from (select (line ->> 'id')::bigint as old_id from " + source + " order by 1) s");
			this.jdbc.execute("analyze map_" + target);
		}

		/**
		 * Insert an entry's rows into {@code target}: every column the archive and this
		 * schema both have, each as archived unless {@code expressions} says otherwise
		 * (an empty expression leaves the column to its default, e.g. a new identity);
		 * columns the archive lacks (an older schema) take their defaults. Every archived
		 * row must arrive: a row that a join drops means a damaged archive.
		 */
		private void insert(String target, String entryName, Map<String, String> expressions, String joins)
				throws BackupRefusedException {
			if (!this.rows.containsKey(entryName) || rows(entryName) == 0) {
				return;
			}
			String source = table(entryName);
			List<String> archived = this.jdbc.queryForList(
					"select jsonb_object_keys(line) from (select line from " + source + " limit 1) s", String.class);
			List<String> columns = new ArrayList<>();
			List<String> values = new ArrayList<>();
			for (String column : this.jdbc.queryForList("""
					select attname from pg_attribute where attrelid = to_regclass(?) and attnum > 0
					and not attisdropped order by attnum""", String.class, target)) {
				String expression = expressions.get(column);
				if (expression == null && archived.contains(column)) {
					expression = "r." + column;
				}
				if (expression != null && !expression.isEmpty()) {
					columns.add(column);
					values.add(expression);
				}
			}
			String order = archived.contains("id") ? " order by r.id" : "";
			int inserted = this.jdbc.update("insert into " + target + " (" + String.join(", ", columns)
					+ ") overriding system value select " + String.join(", ", values) + " from " + source
					+ " s cross join lateral jsonb_populate_record(null::" + target + ", s.line) r " + joins + order);
			if (inserted != rows(entryName)) {
				throw BackupRefusedException.failedCheck("Only " + inserted + " of the " + rows(entryName) + " rows of "
						+ entryName + " refer to rows of the archive: it is inconsistent");
			}
		}

		/**
		 * The tokens from their ranges, each in the state its batch gives it at mint
		 * unless a deviation says otherwise, streamed through {@code COPY} (several times
		 * faster than an {@code INSERT ... SELECT} from {@code generate_series}): both
		 * entries are in token order, so one pass merges them. Then the revocations.
		 * Revoked tokens are announced as a revocation is ({@code dpp_token_revoked}), so
		 * that running resolvers never answer them from memory as active.
		 */
		private long insertTokens() throws BackupRefusedException, IOException, SQLException {
			if (rows(BackupEntries.TOKEN_RANGES) == 0) {
				return 0;
			}
			Map<Long, Long> batches = ids("select old_id, new_id from map_mint_batches");
			Map<Long, Long> lots = ids("select old_id, new_id from map_lots");
			Map<Long, Long> initialStatus = ids("""
					select m.old_id, case b.activation_mode when 'active' then 1 else 0 end
					from map_mint_batches m join mint_batches b on b.id = m.new_id""");
			Connection connection = DataSourceUtils.getConnection(BrandRestore.this.dataSource);
			CopyIn copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy tokens (id, batch_id, lot_id, status, created_at, activated_at) from stdin");
			long tokens = 0;
			long applied = 0;
			try (BufferedReader ranges = reader(BackupEntries.TOKEN_RANGES);
					BufferedReader deviations = reader(BackupEntries.TOKEN_DEVIATIONS)) {
				CopyBuffer rows = new CopyBuffer(copy);
				JsonNode deviation = next(deviations);
				for (JsonNode range = next(ranges); range != null; range = next(ranges)) {
					Long batch = batches.get(range.path("batch_id").asLong());
					Long lot = range.path("lot_id").isNull() ? null : lots.get(range.path("lot_id").asLong());
					long first = range.path("first_token_id").asLong();
					long count = range.path("count").asLong();
					if (batch == null || (lot == null && !range.path("lot_id").isNull()) || first < 1 || count < 1) {
						throw BackupRefusedException
							.failedCheck("The archive's token range " + range + " names no batch or lot of it");
					}
					String status = Long.toString(initialStatus.get(range.path("batch_id").asLong()));
					String columns = "\t" + batch + "\t" + ((lot != null) ? lot : "\\N") + "\t";
					String createdAt = "\t" + range.path("created_at").asString() + "\t";
					for (long id = first; id < first + count; id++) {
						rows.append(Long.toString(id)).append(columns);
						if (deviation != null && deviation.path("token_id").asLong() == id) {
							JsonNode activatedAt = deviation.path("activated_at");
							rows.append(Integer.toString(deviation.path("status").asInt()))
								.append(createdAt)
								.append(activatedAt.isNull() ? "\\N" : activatedAt.asString());
							deviation = next(deviations);
							applied++;
						}
						else {
							rows.append(status).append(createdAt).append("\\N");
						}
						rows.endRow();
					}
					tokens += count;
				}
				rows.flush();
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
			if (applied != rows(BackupEntries.TOKEN_DEVIATIONS)) {
				throw BackupRefusedException
					.failedCheck("Only " + applied + " of the archive's " + rows(BackupEntries.TOKEN_DEVIATIONS)
							+ " token deviations fall in its token ranges, in order: it is inconsistent");
			}
			this.jdbc.update("""
					insert into token_revocations (token_id, reason, revoked_by, revoked_at)
					select (s.line ->> 'token_id')::bigint, r.reason, r.revoked_by, r.revoked_at
					from restore_token_deviations s
					cross join lateral jsonb_populate_record(null::token_revocations, s.line -> 'revocation') r
					where jsonb_typeof(s.line -> 'revocation') = 'object'""");
			this.jdbc.queryForObject("""
					select count(pg_notify('dpp_token_revoked', line ->> 'token_id')) from restore_token_deviations
					where (line ->> 'status')::int = 2""", Long.class);
			this.rows.put("tokens", tokens);
			return tokens;
		}

		private Map<Long, Long> ids(String sql) {
			Map<Long, Long> ids = new HashMap<>();
			this.jdbc.query(sql, (RowCallbackHandler) (rs) -> ids.put(rs.getLong(1), rs.getLong(2)));
			return ids;
		}

		private BufferedReader reader(String entryName) throws IOException {
			return new BufferedReader(new InputStreamReader(this.zip.getInputStream(this.zip.getEntry(entryName)),
					StandardCharsets.UTF_8), 1 << 16);
		}

		private static JsonNode next(BufferedReader lines) throws IOException {
			String line = lines.readLine();
			return (line != null) ? BrandBackup.json.readTree(line) : null;
		}

		private static String table(String entryName) {
			return "restore_" + entryName.substring(0, entryName.indexOf('.'));
		}

		private static byte[] escapeForCopy(String line) {
			StringBuilder escaped = null;
			for (int i = 0; i < line.length(); i++) {
				char c = line.charAt(i);
				if (c == '\\' || c == '\t' || c == '\r') {
					if (escaped == null) {
						escaped = new StringBuilder(line.length() + 16).append(line, 0, i);
					}
					escaped.append(switch (c) {
						case '\\' -> "\\\\";
						case '\t' -> "\\t";
						default -> "\\r";
					});
				}
				else if (escaped != null) {
					escaped.append(c);
				}
			}
			return ((escaped != null) ? escaped.toString() : line).getBytes(StandardCharsets.UTF_8);
		}

	}

	/** Rows of {@code COPY} text, sent in blocks of about 256 KB. */
	private static final class CopyBuffer {

		private final CopyIn copy;

		private final StringBuilder rows = new StringBuilder(1 << 18);

		CopyBuffer(CopyIn copy) {
			this.copy = copy;
		}

		CopyBuffer append(String text) {
			this.rows.append(text);
			return this;
		}

		void endRow() throws SQLException {
			this.rows.append('\n');
			if (this.rows.length() >= (1 << 18) - 256) {
				flush();
			}
		}

		void flush() throws SQLException {
			byte[] bytes = this.rows.toString().getBytes(StandardCharsets.UTF_8);
			this.copy.writeToCopy(bytes, 0, bytes.length);
			this.rows.setLength(0);
		}

	}

}
