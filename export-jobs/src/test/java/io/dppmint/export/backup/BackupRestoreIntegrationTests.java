package io.dppmint.export.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.ErpProductionRun;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Backup and restore on PostgreSQL (docs/backup.md): a brand with schema versions,
 * passport versions at product, batch and unit level, serial, lot and signed batches,
 * scan activations, revocations, a successor, a resolver link and a grant, backed up from
 * the shared test database and restored into a fresh schema, arrives row for row; every
 * refusal (a changed byte, another identifier key, a newer schema, data that is there
 * already) writes nothing.
 */
class BackupRestoreIntegrationTests {

	private static final IdentifierScheme identifiers = new IdentifierScheme(
			Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final Fixtures fixtures = Fixtures.onTestPostgres();

	private static final JdbcClient source = fixtures.jdbc();

	private static Brand brand;

	/** A fresh database that refusals and dry runs leave as it is. */
	private static TestPostgres.Schema untouched;

	@TempDir
	Path directory;

	@BeforeAll
	static void sourceBrand() {
		untouched = TestPostgres.get().freshSchema();
		brand = fixtures.aGs1Brand().requiredFields(List.of()).create();
		JdbcPassports passports = fixtures.passports();
		passports.publishSchema(brand.id(), demo("textile-passport-schema.json"), "alice");
		passports.publishSchema(brand.id(), demo("battery-passport-schema.json"), "alice");
		Product battery = fixtures.aProductOf(brand).passport(Map.of()).create();
		ObjectNode data = (ObjectNode) demo("battery-passport-data.json");
		passports.submit(battery.id(), JdbcPassports.Change.replace(PassportValues.of(data)), null, "alice");
		passports.submit(battery.id(), JdbcPassports.Change.replace(PassportValues.of(data.put("warranty_period", 36))),
				1, "bob");
		passports.submit(battery.id(), JdbcPassports.Change.replace(PassportValues.of(data.put("warranty_period", 48))),
				2, "carol");
		Product refurbished = fixtures.aProductOf(brand).passport(Map.of()).create();
		passports.submit(refurbished.id(), JdbcPassports.Change.replace(PassportValues.of(data)), null, "alice");
		ProductionRun run = fixtures.productionRuns()
			.sync(new ErpProductionRun(brand.id(), battery.id(), "PR-" + brand.code(), 10_000, null));

		MintBatch serial = fixtures.aMintedBatch(battery).quantity(300).productionRunId(run.id()).create();
		MintBatch firstScan = fixtures.aMintedBatch(battery).quantity(200).firstScan().create();
		MintBatch lots = fixtures.aMintedBatch(refurbished)
			.lots(new LotRequest("LOT-A", 40), new LotRequest("LOT-B", 60))
			.create();
		fixtures.sign(fixtures.aMintedBatch(battery).quantity(50).create(), identifiers);
		fixtures.mixStatuses(serial);
		source.sql("""
				update tokens set status = 1, activated_at = now() - (id % 13) * interval '1 hour'
				where id between ? and ? and id % 3 = 0""")
			.params(firstScan.firstTokenId(), firstScan.firstTokenId() + 199)
			.update();
		for (long token : List.of(firstScan.firstTokenId() + 1, lots.firstTokenId() + 7)) {
			source.sql("update tokens set status = 2 where id = ?").param(token).update();
			source.sql("insert into token_revocations (token_id, reason, revoked_by) values (?, 'stolen', 'alice')")
				.param(token)
				.update();
		}
		passports.submit(JdbcPassports.Subject.BATCH, serial.id(),
				JdbcPassports.Change.replace(PassportValues.parse("{\"manufacturing_date\": \"2026-03\"}")), 0,
				"alice");
		passports.submit(JdbcPassports.Subject.TOKEN, serial.firstTokenId(),
				JdbcPassports.Change.replace(PassportValues.parse("{\"state_of_health\": 97.5}")), null, "bob");
		source
			.sql("""
					insert into passport_lineage (brand_id, successor_product_id, relation, predecessor_product_id, created_by)
					values (?, ?, 'remanufactured_from', ?, 'alice')""")
			.params(brand.id(), refurbished.id(), battery.id())
			.update();
		source.sql("""
				insert into resolver_links (brand_id, product_id, link_type, href, title, hreflang)
				values (?, ?, 'instructions', 'https://example.com/manual.pdf', 'Manual', 'en')""")
			.params(brand.id(), battery.id())
			.update();
		byte[] hash = new byte[32];
		new SecureRandom().nextBytes(hash);
		source
			.sql("""
					insert into access_grants (brand_id, level, holder_name, holder_kind, token_prefix, token_sha256,
						created_by, expires_at)
					values (?, 'legitimate_interest', 'Fix-It Repairs', 'repairer', ?, ?, 'alice', now() + interval '1 year')""")
			.params(brand.id(), HexFormat.of().formatHex(hash, 0, 6), hash)
			.update();
		byte[] linkHash = new byte[32];
		new SecureRandom().nextBytes(linkHash);
		source.sql("""
				insert into access_grants (brand_id, level, holder_name, holder_kind, token_prefix, token_sha256,
					created_by, expires_at, product_id)
				values (?, 'authority', 'Customs on site', 'other', ?, ?, 'alice', now() + interval '1 day', ?)""")
			.params(brand.id(), HexFormat.of().formatHex(linkHash, 0, 6), linkHash, battery.id())
			.update();
		source
			.sql("""
					insert into registry_registrations (batch_id, brand_id, state, registration_identifier, submission_sha256,
						recorded_by)
					values (?, ?, 'registered', 'EU-REG-0001', sha256('submission'::bytea), 'alice')""")
			.params(serial.id(), brand.id())
			.update();
	}

	@Test
	void restoresTheBrandRowForRowIntoAFreshDatabase() throws Exception {
		Path archive = backup(true);
		TestPostgres.Schema fresh = TestPostgres.get().freshSchema();

		BrandRestore.Restored restored = new BrandRestore(fresh.dataSource(), identifiers).restore(archive, false,
				"test");

		JdbcClient target = JdbcClient.create(fresh.dataSource());
		assertThat(restored.tokens()).isEqualTo(300 + 200 + 100 + 50);
		for (Map.Entry<String, String> query : comparisons().entrySet()) {
			assertThat(rows(target, query.getValue(), restored.brandId())).as(query.getKey())
				.isNotEmpty()
				.isEqualTo(rows(source, query.getValue(), brand.id()));
		}
		assertThat(target.sql("""
				select tokens_minted = 650 and active_tokens = (select count(*) from tokens where status = 1)
					and batches_created = 4 and exports_completed = 0
				from brand_counters where brand_id = ?""").param(restored.brandId()).query(Boolean.class).single())
			.isTrue();
		assertThat(target.sql("select state from brand_keys where brand_id = ?")
			.param(restored.brandId())
			.query(String.class)
			.list()).containsOnly("retired");
		assertThat(target.sql("""
				select details ->> 'archive_sha256' from audit_events
				where brand_id = ? and entity_type = 'brand' and action = 'restored'""")
			.param(restored.brandId())
			.query(String.class)
			.list()).containsExactly(restored.archiveSha256());
		assertThat(target.sql("select restored_from ->> 'installation' from brands where id = ?")
			.param(restored.brandId())
			.query(String.class)
			.single()).isEqualTo(source.sql("select id::text from installation").query(String.class).single());
		// The next batch minted here takes a block after the restored ones.
		long lastBlock = target.sql("select max(first_token_id) from mint_batches").query(Long.class).single();
		assertThat(target.sql("select nextval('token_block_seq')").query(Long.class).single()).isGreaterThan(lastBlock);
	}

	@Test
	void leavesTheGrantsOutWhenAsked() throws Exception {
		Path archive = backup(false);
		TestPostgres.Schema fresh = TestPostgres.get().freshSchema();

		BrandRestore.Restored restored = new BrandRestore(fresh.dataSource(), identifiers).restore(archive, false,
				"test");

		assertThat(restored.manifest().withGrants()).isFalse();
		assertThat(JdbcClient.create(fresh.dataSource())
			.sql("select count(*) from access_grants")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aDryRunVerifiesAndCountsButWritesNothing() throws Exception {
		Path archive = backup(true);
		TestPostgres.Schema fresh = untouched;
		Map<String, Long> before = counts(fresh.dataSource());

		BrandRestore.Restored restored = new BrandRestore(fresh.dataSource(), identifiers).restore(archive, true,
				"test");

		assertThat(restored.dryRun()).isTrue();
		assertThat(restored.tokens()).isEqualTo(650);
		assertThat(restored.rows()).containsEntry(BackupEntries.MINT_BATCHES, 4L);
		assertThat(counts(fresh.dataSource())).isEqualTo(before);
	}

	@Test
	void refusesAChangedByteAndWritesNothing() throws Exception {
		Path archive = backup(true);
		TestPostgres.Schema fresh = untouched;
		Map<String, Long> before = counts(fresh.dataSource());
		byte[] bytes = Files.readAllBytes(archive);
		bytes[bytes.length / 3] ^= 0x01;
		Files.write(archive, bytes);

		assertThatExceptionOfType(BackupRefusedException.class)
			.isThrownBy(() -> new BrandRestore(fresh.dataSource(), identifiers).restore(archive, false, "test"))
			.satisfies((ex) -> assertThat(ex.badInput()).isFalse())
			.withMessageContaining("SHA-256");
		// Without the checksum file, the entries' own checksums catch it.
		Files.delete(BrandBackup.checksumFile(archive));
		assertThatExceptionOfType(BackupRefusedException.class)
			.isThrownBy(() -> new BrandRestore(fresh.dataSource(), identifiers).restore(archive, false, "test"));
		assertThat(counts(fresh.dataSource())).isEqualTo(before);
	}

	@Test
	void refusesAnEntryThatDoesNotMatchTheManifest() throws Exception {
		Path archive = backup(true);
		Path changed = rewrite(archive, BackupEntries.TOKEN_DEVIATIONS,
				(line) -> line.replace("\"status\": 2", "\"status\": 1"));
		TestPostgres.Schema fresh = untouched;
		Map<String, Long> before = counts(fresh.dataSource());

		assertThatExceptionOfType(BackupRefusedException.class)
			.isThrownBy(() -> new BrandRestore(fresh.dataSource(), identifiers).restore(changed, false, "test"))
			.withMessageContaining(BackupEntries.TOKEN_DEVIATIONS);
		assertThat(counts(fresh.dataSource())).isEqualTo(before);
	}

	@Test
	void refusesAnotherIdentifierKeyAndWritesNothing() throws Exception {
		Path archive = backup(true);
		TestPostgres.Schema fresh = untouched;
		Map<String, Long> before = counts(fresh.dataSource());
		byte[] otherKey = new byte[32];
		new SecureRandom().nextBytes(otherKey);

		assertThatExceptionOfType(BackupRefusedException.class)
			.isThrownBy(() -> new BrandRestore(fresh.dataSource(), new IdentifierScheme(otherKey)).restore(archive,
					false, "test"))
			.withMessageContaining("identifier key");
		assertThat(counts(fresh.dataSource())).isEqualTo(before);
	}

	@Test
	void refusesANewerSchemaAndAnUnknownFormat() throws Exception {
		Path archive = backup(true);
		TestPostgres.Schema fresh = untouched;
		Map<String, Long> before = counts(fresh.dataSource());

		Path newer = rewrite(archive, BackupManifest.ENTRY_NAME, (manifest) -> manifest
			.replaceFirst("\"schemaVersion\"\\s*:\\s*\"[^\"]+\"", "\"schemaVersion\": \"999\""));
		assertThatExceptionOfType(BackupRefusedException.class)
			.isThrownBy(() -> new BrandRestore(fresh.dataSource(), identifiers).restore(newer, false, "test"))
			.satisfies((ex) -> assertThat(ex.badInput()).isFalse())
			.withMessageContaining("newer");
		Path unsummed = rewrite(newer, BackupManifest.CHECKSUM_ENTRY_NAME, (line) -> "x" + line.substring(1));
		assertThatExceptionOfType(BackupRefusedException.class)
			.isThrownBy(() -> new BrandRestore(fresh.dataSource(), identifiers).restore(unsummed, false, "test"))
			.withMessageContaining("manifest.json has SHA-256");
		Path unknown = rewrite(archive, BackupManifest.ENTRY_NAME,
				(manifest) -> manifest.replace(BackupManifest.FORMAT, "dppmint.backup/2"));
		assertThatExceptionOfType(BackupRefusedException.class)
			.isThrownBy(() -> new BrandRestore(fresh.dataSource(), identifiers).restore(unknown, false, "test"))
			.satisfies((ex) -> assertThat(ex.badInput()).isTrue())
			.withMessageContaining("Unknown archive format");
		assertThat(counts(fresh.dataSource())).isEqualTo(before);
	}

	@Test
	void refusesDataThatIsThereAlreadyAndWritesNothing() throws Exception {
		Path archive = backup(true);
		DataSource database = TestPostgres.get().dataSource();
		Map<String, Long> before = counts(database);

		// Into the source itself: the brand code, company prefix, GTINs, token ranges and
		// grant are all there.
		assertThatExceptionOfType(BackupRefusedException.class)
			.isThrownBy(() -> new BrandRestore(database, identifiers).restore(archive, false, "test"))
			.satisfies((ex) -> assertThat(ex.reasons()).anyMatch((reason) -> reason.contains("code '" + brand.code()))
				.anyMatch((reason) -> reason.startsWith("GTIN"))
				.anyMatch((reason) -> reason.contains("overlaps batch"))
				.anyMatch((reason) -> reason.contains("access grant")));
		assertThat(counts(database)).isEqualTo(before);
	}

	@Test
	void restoresAMillionTokensInSeconds() throws Exception {
		Brand big = fixtures.aBrand().create();
		Product product = fixtures.aProductOf(big).create();
		MintBatch batch = fixtures.aMintedBatch(product).quantity(1_000_000).firstScan().create();
		source.sql("update tokens set status = 1, activated_at = now() where id between ? and ? and id % 10 = 0")
			.params(batch.firstTokenId(), batch.firstTokenId() + 999_999)
			.update();
		Path archive = this.directory.resolve("big.zip");
		long started = System.nanoTime();
		new BrandBackup(TestPostgres.get().dataSource(), identifiers, Clock.systemUTC()).write(big.code(), archive,
				true);
		long backupMillis = (System.nanoTime() - started) / 1_000_000;
		TestPostgres.Schema fresh = TestPostgres.get().freshSchema();

		started = System.nanoTime();
		BrandRestore.Restored restored = new BrandRestore(fresh.dataSource(), identifiers).restore(archive, false,
				"test");
		long restoreMillis = (System.nanoTime() - started) / 1_000_000;

		System.out.printf("1,000,000 tokens (100,000 activated): backup %d ms, %d bytes; restore %d ms%n", backupMillis,
				Files.size(archive), restoreMillis);
		assertThat(restored.tokens()).isEqualTo(1_000_000);
		assertThat(JdbcClient.create(fresh.dataSource())
			.sql("select count(*) filter (where status = 1) from tokens")
			.query(Long.class)
			.single()).isEqualTo(100_000);
		assertThat(restoreMillis).isLessThan(60_000);
	}

	private Path backup(boolean withGrants) throws Exception {
		Path archive = this.directory.resolve("backup-" + System.nanoTime() + ".zip");
		BrandBackup.Written written = new BrandBackup(TestPostgres.get().dataSource(), identifiers, Clock.systemUTC())
			.write(brand.code(), archive, withGrants);
		assertThat(Files.readString(BrandBackup.checksumFile(archive)))
			.isEqualTo(written.sha256() + "  " + archive.getFileName() + "\n");
		assertThat(written.manifest().identifierKeyFingerprint()).isEqualTo(identifiers.keyFingerprint());
		return archive;
	}

	/**
	 * The archive with one entry's lines changed and no checksum file beside it; the
	 * manifest's own checksum entry follows the manifest (a changed manifest is one a
	 * tool wrote, not damage), the entries' checksums in the manifest are left as they
	 * were.
	 */
	private Path rewrite(Path archive, String entryName, UnaryOperator<String> change) throws IOException {
		Path rewritten = this.directory.resolve("rewritten-" + System.nanoTime() + ".zip");
		byte[] manifest = null;
		try (ZipFile zip = new ZipFile(archive.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
			for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
				ZipEntry entry = entries.nextElement();
				out.putNextEntry(new ZipEntry(entry.getName()));
				try (InputStream in = zip.getInputStream(entry)) {
					byte[] bytes = in.readAllBytes();
					if (entry.getName().equals(entryName)) {
						String text = new String(bytes, StandardCharsets.UTF_8);
						String changed = String.join("\n", text.lines().map(change).toList()) + "\n";
						assertThat(changed).isNotEqualTo(text);
						bytes = changed.getBytes(StandardCharsets.UTF_8);
					}
					if (entry.getName().equals(BackupManifest.ENTRY_NAME)) {
						manifest = bytes;
					}
					if (entry.getName().equals(BackupManifest.CHECKSUM_ENTRY_NAME)
							&& !entryName.equals(BackupManifest.CHECKSUM_ENTRY_NAME)) {
						bytes = (HexFormat.of().formatHex(BrandBackup.sha256().digest(manifest)) + "  manifest.json\n")
							.getBytes(StandardCharsets.US_ASCII);
					}
					out.write(bytes);
				}
				out.closeEntry();
			}
		}
		return rewritten;
	}

	/**
	 * What must arrive unchanged, each as rows without the ids a restore renumbers (a
	 * product by its SKU, a batch by its first token number).
	 */
	private static Map<String, String> comparisons() {
		Map<String, String> queries = new LinkedHashMap<>();
		queries.put("brand", "select to_jsonb(b) - 'id' - 'restored_from' from brands b where id = ?");
		queries.put("schemas", """
				select to_jsonb(s) - 'id' - 'brand_id' from passport_schemas s where brand_id = ? order by version""");
		queries.put("products",
				"select to_jsonb(p) - 'id' - 'brand_id' from products p where brand_id = ? order by sku");
		queries.put("production runs", """
				select to_jsonb(r) - 'id' - 'brand_id' - 'product_id', p.sku from production_runs r
				join products p on p.id = r.product_id where r.brand_id = ? order by r.erp_reference""");
		queries.put("batches",
				"""
						select to_jsonb(b) - 'id' - 'brand_id' - 'product_id' - 'production_run_id' - 'signing_key_id', p.sku,
							b.production_run_id is null, b.signing_key_id is null
						from mint_batches b join products p on p.id = b.product_id where b.brand_id = ? order by first_token_id""");
		queries.put("lots", """
				select to_jsonb(l) - 'id' - 'batch_id' - 'product_id', b.first_token_id from lots l
				join mint_batches b on b.id = l.batch_id where b.brand_id = ? order by l.first_token_id""");
		queries.put("tokens", """
				select t.id, t.status, t.created_at, t.activated_at, l.lot_number, b.first_token_id
				from mint_batches b join tokens t on t.id between b.first_token_id and b.first_token_id + b.quantity - 1
				left join lots l on l.id = t.lot_id where b.brand_id = ? order by t.id""");
		queries.put("revocations", """
				select r.* from mint_batches b join token_revocations r
				on r.token_id between b.first_token_id and b.first_token_id + b.quantity - 1
				where b.brand_id = ? order by r.token_id""");
		queries.put("signatures", """
				select s.* from mint_batches b join token_signatures s
				on s.token_id between b.first_token_id and b.first_token_id + b.quantity - 1
				where b.brand_id = ? order by s.token_id""");
		queries.put("public keys", """
				select key_number, algorithm, public_key, created_at, activates_at from brand_keys where brand_id = ?
				order by key_number""");
		queries.put("passport versions", """
				select v.subject_kind, coalesce(p.sku, b.first_token_id::text, v.subject_id::text), v.version,
					v.schema_version, v.data, v.changes, v.sha256, v.previous_sha256, v.actor, v.created_at
				from passport_versions v
				left join products p on v.subject_kind = 'product' and p.id = v.subject_id
				left join mint_batches b on v.subject_kind = 'batch' and b.id = v.subject_id
				where v.brand_id = ? order by v.subject_kind, 2, v.version""");
		queries.put("passport heads", """
				select h.subject_kind, coalesce(b.first_token_id, h.subject_id), h.data, h.version, h.updated_at
				from passport_heads h left join mint_batches b on h.subject_kind = 'batch' and b.id = h.subject_id
				where h.brand_id = ? order by 1, 2""");
		queries.put("lineage", """
				select s.sku, p.sku, l.predecessor_uri, l.relation, l.created_by, l.created_at from passport_lineage l
				join products s on s.id = l.successor_product_id left join products p on p.id = l.predecessor_product_id
				where l.brand_id = ? order by s.sku""");
		queries.put("links", """
				select to_jsonb(l) - 'id' - 'brand_id' - 'product_id', p.sku from resolver_links l
				left join products p on p.id = l.product_id where l.brand_id = ? order by l.href""");
		queries.put("grants", """
				select to_jsonb(g) - 'id' - 'brand_id' - 'product_id', p.sku from access_grants g
				left join products p on p.id = g.product_id where g.brand_id = ? order by token_prefix""");
		queries.put("registrations", """
				select to_jsonb(r) - 'batch_id' - 'brand_id', b.first_token_id from registry_registrations r
				join mint_batches b on b.id = r.batch_id where r.brand_id = ? order by b.first_token_id""");
		return queries;
	}

	private static List<String> rows(JdbcClient jdbc, String sql, long brandId) {
		return jdbc.sql(sql).param(brandId).query((rs, row) -> {
			StringBuilder line = new StringBuilder();
			for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
				Object value = rs.getObject(i);
				line.append((value instanceof byte[] bytes) ? HexFormat.of().formatHex(bytes) : String.valueOf(value))
					.append(" | ");
			}
			return line.toString();
		}).list();
	}

	private static Map<String, Long> counts(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : List.of("brands", "products", "production_runs", "mint_batches", "lots", "tokens",
				"token_revocations", "token_signatures", "brand_keys", "passport_schemas", "passport_versions",
				"passport_heads", "passport_lineage", "resolver_links", "access_grants", "registry_registrations",
				"brand_counters", "audit_events")) {
			counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		return counts;
	}

	private static JsonNode demo(String name) {
		try (InputStream in = BackupRestoreIntegrationTests.class
			.getResourceAsStream("/io/dppmint/core/demo/" + name)) {
			return json.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
