package io.dppmint.export.launcher;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.MintBatch;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export-jobs service's launcher: an accepted request starts on its NOTIFY, and an
 * export whose process died is taken over by the sweep once its lease has expired.
 */
@SpringBootTest(properties = { "dpp.export.launcher.sweep-interval=1s", "dpp.export.storage-root=target/packs",
		"server.port=0" })
@DirtiesContext
class ExportLauncherIntegrationTests {

	@Autowired
	ExportIntake intake;

	@Autowired
	JdbcExportRepository exports;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void runsARequestedExportAsSoonAsItIsAccepted() throws Exception {
		Fixtures fixtures = Fixtures.on(this.dataSource);
		Product product = fixtures.aProduct().create();
		MintBatch batch = fixtures.aMintedBatch(product).quantity(10_001).create();

		long exportId = this.intake.request(batch.id(), product.brandId(), "test").export().id();

		Export export = awaitCompleted(exportId, Duration.ofSeconds(60));
		assertThat(this.exports.packs(export.id())).hasSize(2);
	}

	@Test
	void takesOverAnExportWhoseProcessDiedOnceItsLeaseExpires() throws Exception {
		Fixtures fixtures = Fixtures.on(this.dataSource);
		Product product = fixtures.aProduct().create();
		MintBatch batch = fixtures.aMintedBatch(product).quantity(3).create();
		// A request from a moment when no launcher listened, taken by a process that then
		// died.
		this.jdbc
			.sql("""
					insert into exports (batch_id, brand_id, pack_count, requested_by, status, lease_owner, lease_expires_at)
					values (:batchId, :brandId, 1, 'test', 'running', 'host:1/dead', now() + interval '2 seconds')""")
			.param("batchId", batch.id())
			.param("brandId", product.brandId())
			.update();
		long exportId = this.exports.findByBatch(batch.id()).orElseThrow().id();

		Export export = awaitCompleted(exportId, Duration.ofSeconds(60));

		assertThat(this.exports.packs(export.id())).hasSize(1);
		assertThat(this.jdbc
			.sql("select action from audit_events where entity_type = 'export' and entity_id = :id order by id")
			.param("id", Long.toString(exportId))
			.query(String.class)
			.list()).isEqualTo(List.of("lease_taken_over", "started", "pack_completed", "completed"));
	}

	private Export awaitCompleted(long exportId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Export export = this.exports.find(exportId).orElseThrow();
			if (export.status() == ExportStatus.COMPLETED || export.status() == ExportStatus.FAILED) {
				assertThat(export.status()).as(String.valueOf(export.error())).isEqualTo(ExportStatus.COMPLETED);
				return export;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("Export " + exportId + " did not complete in " + timeout);
	}

}
