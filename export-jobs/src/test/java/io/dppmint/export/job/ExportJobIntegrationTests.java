package io.dppmint.export.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.ExportSubmission;
import io.dppmint.core.export.ExportSubmission.Outcome;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.digsig.Jwks;
import io.dppmint.core.digsig.SignatureVerifier;
import io.dppmint.core.digsig.SignedCode;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.export.ExportPacks;
import io.dppmint.jobs.runner.LeasedJobRunner;
import io.dppmint.testsupport.TestPostgres;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(
		properties = { "dpp.export.launcher.enabled=false", "dpp.export.storage-root=target/packs", "server.port=0" })
class ExportJobIntegrationTests {

	@Autowired
	ExportIntake intake;

	@Autowired
	LeasedJobRunner<ExportLease> runner;

	@Autowired
	JdbcExportRepository exports;

	@Autowired
	JdbcMintBatchRepository batches;

	@Autowired
	PackStorage storage;

	@Autowired
	IdentifierScheme identifiers;

	/** The database as the test sees it: the owner's (fixtures write the catalogue). */
	private final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	private final DataSource dataSource = TestPostgres.get().dataSource();

	Fixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = Fixtures.on(this.dataSource);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 9_999, 10_000, 10_001, 25_000 })
	void cutsABatchIntoPacksOfAtMostTenThousandUnitsInTokenOrder(int quantity) throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(quantity).create();

		Export export = export(batch);

		int expectedPacks = (quantity + 9_999) / 10_000;
		assertThat(export.status()).isEqualTo(ExportStatus.COMPLETED);
		assertThat(export.packCount()).isEqualTo(expectedPacks);
		List<ExportPack> packs = this.exports.packs(export.id());
		assertThat(packs).extracting(ExportPack::packNumber)
			.containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, expectedPacks).boxed().toList());
		long nextToken = batch.firstTokenId();
		for (ExportPack pack : packs) {
			byte[] bytes = ExportPacks.bytes(this.storage, pack.storageKey());
			assertThat(pack.byteSize()).isEqualTo(bytes.length);
			assertThat(pack.sha256()).isEqualTo(ExportPacks.sha256(bytes));
			assertThat(pack.firstTokenId()).isEqualTo(nextToken);
			List<CSVRecord> rows = ExportPacks.records(bytes);
			int expectedRows = (int) Math.min(10_000, quantity - (long) (pack.packNumber() - 1) * 10_000);
			assertThat(rows).hasSize(expectedRows);
			assertThat(pack.rowCount()).isEqualTo(expectedRows);
			for (int i = 0; i < rows.size(); i++) {
				CSVRecord row = rows.get(i);
				assertThat(row.get("pack")).isEqualTo(Integer.toString(pack.packNumber()));
				assertThat(row.get("row")).isEqualTo(Integer.toString(i + 1));
				assertThat(this.identifiers.decode(row.get("public_id"))).isEqualTo(nextToken++);
			}
		}
		assertThat(nextToken).isEqualTo(batch.firstTokenId() + quantity);
	}

	@Test
	void writesExactlyWhatTheTokenTableHoldsForAGs1LotBatch() throws Exception {
		Product product = this.fixtures.aGs1Product().create();
		// The operator and commodity identifiers ride on every row (ESPR Annex III (d),
		// (g)).
		this.fixtures.brands().updateOperatorGln(product.brandId(), "9506000000015");
		this.fixtures.products().updateCommodityCode(product.id(), "6109.10.00");
		MintBatch batch = this.fixtures.aMintedBatch(product)
			.lots(new LotRequest("LOT7", 12_000), new LotRequest("B2", 3_500))
			.firstScan()
			.create();
		this.fixtures.mixStatuses(batch);

		Export export = export(batch);

		Map<Long, String> lotNumbers = new HashMap<>();
		for (Lot lot : this.batches.lots(batch.id())) {
			lotNumbers.put(lot.id(), lot.lotNumber());
		}
		List<Map<String, String>> expected = this.jdbc
			.sql("select id, lot_id, status, created_at from tokens where batch_id = :batchId order by id")
			.param("batchId", batch.id())
			.query((rs, n) -> {
				long id = rs.getLong("id");
				String serial = this.identifiers.encode(id);
				String lot = lotNumbers.get(rs.getLong("lot_id"));
				Map<String, String> row = new HashMap<>();
				row.put("pack", Integer.toString(n / 10_000 + 1));
				row.put("row", Integer.toString(n % 10_000 + 1));
				row.put("public_id", "");
				row.put("gtin", product.gtin().value());
				row.put("lot", lot);
				row.put("serial", serial);
				row.put("resolver_url",
						"https://id.example.com/01/" + product.gtin().value() + "/10/" + lot + "/21/" + serial);
				row.put("status", switch (rs.getInt("status")) {
					case 0 -> "minted";
					case 1 -> "active";
					default -> "revoked";
				});
				row.put("activation_mode", "first_scan");
				row.put("created_at", rs.getTimestamp("created_at").toInstant().toString());
				row.put("gs1_digital_signature", "");
				row.put("operator_gln", "9506000000015");
				row.put("facility_gln", "");
				row.put("commodity_code", "61091000");
				return row;
			})
			.list();
		List<Map<String, String>> exported = new ArrayList<>();
		List<ExportPack> packs = this.exports.packs(export.id());
		assertThat(packs).hasSize(2);
		for (ExportPack pack : packs) {
			byte[] bytes = ExportPacks.bytes(this.storage, pack.storageKey());
			assertThat(ExportPacks.header(bytes)).containsExactly("pack", "row", "public_id", "gtin", "lot", "serial",
					"resolver_url", "status", "activation_mode", "created_at", "gs1_digital_signature", "operator_gln",
					"facility_gln", "commodity_code");
			assertThat(new String(bytes, 0, 160, java.nio.charset.StandardCharsets.UTF_8))
				.startsWith("pack,row,public_id,gtin,lot,serial,resolver_url,status,activation_mode,created_at,"
						+ "gs1_digital_signature,operator_gln,facility_gln,commodity_code\r\n");
			for (CSVRecord record : ExportPacks.records(bytes)) {
				exported.add(record.toMap());
			}
		}
		assertThat(expected).hasSize(15_500);
		assertThat(expected.stream().map((row) -> row.get("status")).distinct()).contains("minted", "active",
				"revoked");
		assertThat(exported).isEqualTo(expected);
		assertThat(Instant.parse(exported.get(0).get("created_at"))).isBefore(Instant.now());
	}

	@Test
	void writesEachSignedUnitsSignatureInItsColumnAndItsResolverUrl() throws Exception {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch batch = this.fixtures.sign(this.fixtures.aMintedBatch(product)
			.lots(new LotRequest("LOT7", 10_500), new LotRequest("L,2", 500))
			.create(), this.identifiers);
		Map<Long, String> lotNumbers = new HashMap<>();
		for (Lot lot : this.batches.lots(batch.id())) {
			for (long token = lot.firstTokenId(); token < lot.firstTokenId() + lot.quantity(); token++) {
				lotNumbers.put(token, lot.lotNumber());
			}
		}
		Jwks keys = this.fixtures.brandKeys().jwks();

		Export export = export(batch);

		List<ExportPack> packs = this.exports.packs(export.id());
		assertThat(packs).hasSize(2);
		int rows = 0;
		for (ExportPack pack : packs) {
			for (CSVRecord record : ExportPacks.records(ExportPacks.bytes(this.storage, pack.storageKey()))) {
				String signature = record.get("gs1_digital_signature");
				assertThat(signature).hasSize(87);
				assertThat(record.get("resolver_url")).endsWith("/21/" + record.get("serial") + "?8030=" + signature);
				SignedCode code = SignedCode.parse(record.get("resolver_url"));
				assertThat(code.elementString().lot())
					.isEqualTo(lotNumbers.get(this.identifiers.decode(record.get("serial"))));
				assertThat(SignatureVerifier.verify(code, keys).outcome()).as(record.get("resolver_url"))
					.isEqualTo(SignatureVerifier.Verification.Outcome.VALID);
				rows++;
			}
		}
		assertThat(rows).isEqualTo(11_000);
	}

	@Test
	void writesLotNumbersThatASpreadsheetWouldRunAsFormulasAsText() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product)
			.lots(new LotRequest("=1+2", 2), new LotRequest("+SUM(A1)", 2), new LotRequest("-3", 2),
					new LotRequest("'QUOTED", 2), new LotRequest("PLAIN=1", 2))
			.create();

		Export export = export(batch);

		List<ExportPack> packs = this.exports.packs(export.id());
		assertThat(packs).hasSize(1);
		List<CSVRecord> rows = ExportPacks.records(ExportPacks.bytes(this.storage, packs.get(0).storageKey()));
		assertThat(rows.stream().map((row) -> row.get("lot")).distinct()).containsExactly("'=1+2", "'+SUM(A1)", "'-3",
				"''QUOTED", "PLAIN=1");
		assertThat(rows.get(0).get("resolver_url")).startsWith("https://id.example.com/t/");
		assertThat(rows.stream()
			.map((row) -> row.get("lot"))
			.map((lot) -> lot.startsWith("'") ? lot.substring(1) : lot)
			.distinct()).containsExactly("=1+2", "+SUM(A1)", "-3", "'QUOTED", "PLAIN=1");
	}

	@Test
	void storesAManifestWithEveryPacksChecksumAndCountsTheCompletedExport() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(21_000).create();

		Export export = export(batch);

		byte[] manifest = ExportPacks.bytes(this.storage, export.manifestStorageKey());
		assertThat(export.manifestSha256()).isEqualTo(ExportPacks.sha256(manifest));
		assertThat(export.manifestByteSize()).isEqualTo(manifest.length);
		List<CSVRecord> lines = ExportPacks.records(manifest);
		List<ExportPack> packs = this.exports.packs(export.id());
		assertThat(lines).hasSize(3);
		for (int i = 0; i < 3; i++) {
			assertThat(lines.get(i).get("pack")).isEqualTo(Integer.toString(packs.get(i).packNumber()));
			assertThat(lines.get(i).get("rows")).isEqualTo(Integer.toString(packs.get(i).rowCount()));
			assertThat(lines.get(i).get("sha256")).isEqualTo(packs.get(i).sha256());
			assertThat(lines.get(i).get("file")).isEqualTo(ExportFiles.packFileName(export.id(), i + 1));
		}
		assertThat(this.fixtures.counters().totals(List.of(product.brandId())).exportsCompleted()).isEqualTo(1);
		assertThat(auditActions(export)).containsExactly("requested", "started", "pack_completed", "pack_completed",
				"pack_completed", "completed");
		assertThat(this.jdbc.sql("""
				select coalesce(p.process, 'none') from batch_step_execution s
				join batch_job_execution_params j on j.job_execution_id = s.job_execution_id
				left join job_step_processes p on p.step_execution_id = s.step_execution_id
				where j.parameter_name = 'exportId' and j.parameter_value = :exportId""")
			.param("exportId", Long.toString(export.id()))
			.query(String.class)
			.list()).hasSize(3)
			.containsOnly("export-jobs@" + java.net.InetAddress.getLocalHost().getHostName() + ":"
					+ ProcessHandle.current().pid());
	}

	@Test
	void returnsTheExistingPacksWhenACompletedExportIsRequestedAgain() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(10_001).create();
		Export export = export(batch);
		List<ExportPack> packs = this.exports.packs(export.id());
		List<String> audit = auditActions(export);

		ExportSubmission again = this.intake.request(batch.id(), product.brandId(), "test");

		assertThat(again.outcome()).isEqualTo(Outcome.COMPLETED);
		assertThat(again.export().id()).isEqualTo(export.id());
		assertThat(again.packs()).isEqualTo(packs);
		assertThat(this.runner.run(export.id())).isFalse();
		assertThat(this.exports.packs(export.id())).isEqualTo(packs);
		assertThat(auditActions(export)).isEqualTo(audit);
		assertThat(this.fixtures.counters().totals(List.of(product.brandId())).exportsCompleted()).isEqualTo(1);
	}

	@Test
	void resumesAFailedExportAtItsFirstIncompletePackLeavingCompletedPacksAsTheyAre() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(45_000).create();
		// Pack 3's tokens go missing, so the job fails after packs 1 and 2.
		List<Map<String, Object>> removed = this.jdbc
			.sql("select id, batch_id, status from tokens where id >= :from and id < :to order by id")
			.param("from", batch.firstTokenId() + 20_000)
			.param("to", batch.firstTokenId() + 30_000)
			.query()
			.listOfRows();
		this.jdbc.sql("delete from tokens where id >= :from and id < :to")
			.param("from", batch.firstTokenId() + 20_000)
			.param("to", batch.firstTokenId() + 30_000)
			.update();
		long exportId = this.intake.request(batch.id(), null, "test").export().id();

		Export failed = runToEnd(exportId);

		assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
		assertThat(failed.error()).contains("missing from the token table");
		List<ExportPack> before = this.exports.packs(exportId);
		assertThat(before).extracting(ExportPack::packNumber).containsExactly(1, 2);
		List<byte[]> filesBefore = new ArrayList<>();
		for (ExportPack pack : before) {
			filesBefore.add(ExportPacks.bytes(this.storage, pack.storageKey()));
		}

		this.jdbc.sql("""
				insert into tokens (id, batch_id, status)
				select g, :batchId, 1 from generate_series(cast(:from as bigint), cast(:to as bigint) - 1) g""")
			.param("batchId", batch.id())
			.param("from", batch.firstTokenId() + 20_000)
			.param("to", batch.firstTokenId() + 30_000)
			.update();
		assertThat(removed).hasSize(10_000);
		// Completed packs would now read differently, were they regenerated.
		this.jdbc.sql("update tokens set status = :revoked where id >= :from and id < :to")
			.param("revoked", TokenStatus.REVOKED.code())
			.param("from", batch.firstTokenId())
			.param("to", batch.firstTokenId() + 20_000)
			.update();
		ExportSubmission resumed = this.intake.request(batch.id(), product.brandId(), "test");
		assertThat(resumed.outcome()).isEqualTo(Outcome.RESUMED);
		assertThat(resumed.packs()).isEqualTo(before);

		Export completed = runToEnd(exportId);

		assertThat(completed.status()).isEqualTo(ExportStatus.COMPLETED);
		List<ExportPack> after = this.exports.packs(exportId);
		assertThat(after).hasSize(5);
		assertThat(after.subList(0, 2)).isEqualTo(before);
		for (int i = 0; i < 2; i++) {
			byte[] now = ExportPacks.bytes(this.storage, after.get(i).storageKey());
			assertThat(now).isEqualTo(filesBefore.get(i));
			assertThat(ExportPacks.sha256(now)).isEqualTo(before.get(i).sha256());
		}
		assertThat(ExportPacks.records(ExportPacks.bytes(this.storage, after.get(2).storageKey()))).hasSize(10_000)
			.allSatisfy((row) -> assertThat(row.get("status")).isEqualTo("active"));
		assertThat(auditActions(completed)).containsSubsequence("requested", "started", "pack_completed",
				"pack_completed", "failed", "resume_requested", "resumed", "pack_completed", "pack_completed",
				"pack_completed", "completed");
	}

	private Export export(MintBatch batch) {
		ExportSubmission submission = this.intake.request(batch.id(), batch.brandId(), "test");
		assertThat(submission.outcome()).isEqualTo(Outcome.CREATED);
		Export export = runToEnd(submission.export().id());
		assertThat(export.status()).as(String.valueOf(export.error())).isEqualTo(ExportStatus.COMPLETED);
		return export;
	}

	private List<String> auditActions(Export export) {
		return this.jdbc
			.sql("select action from audit_events where entity_type = 'export' and entity_id = :id order by id")
			.param("id", Long.toString(export.id()))
			.query(String.class)
			.list();
	}

	private Export runToEnd(long exportId) {
		assertThat(this.runner.run(exportId)).as("ran under its lease").isTrue();
		return this.exports.find(exportId).orElseThrow();
	}

}
