package io.dppmint.export.job;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportRejectedException;
import io.dppmint.core.export.ExportRejectedException.Reason;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.MintBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Bad export requests: each gets its own specific error, and nothing is written. */
@SpringBootTest(
		properties = { "dpp.export.launcher.enabled=false", "dpp.export.storage-root=target/packs", "server.port=0" })
class ExportRequestIntegrationTests {

	@Autowired
	ExportIntake intake;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	Fixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = Fixtures.on(this.dataSource);
	}

	@Test
	void rejectsAnUnknownBatch() {
		long before = writes();

		assertThatExceptionOfType(ExportRejectedException.class)
			.isThrownBy(() -> this.intake.request(987_654_321L, null, "test"))
			.withMessage("There is no batch 987654321")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNKNOWN_BATCH));
		assertThat(writes()).isEqualTo(before);
	}

	@Test
	void rejectsABatchThatIsNotMintedYet() {
		Product product = this.fixtures.aProduct().create();
		MintBatch queued = this.fixtures.aQueuedBatch(Fixtures.aMintRequest(product).quantity(100).build());
		long before = writes();

		assertThatExceptionOfType(ExportRejectedException.class)
			.isThrownBy(() -> this.intake.request(queued.id(), product.brandId(), "test"))
			.withMessage("Batch " + queued.id() + " is queued: only a minted batch can be exported")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.BATCH_NOT_MINTED));
		assertThat(writes()).isEqualTo(before);
	}

	@Test
	void rejectsAnotherBrandsBatch() {
		Product mine = this.fixtures.aProduct().create();
		Product theirs = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(theirs).quantity(10).create();
		long before = writes();

		assertThatExceptionOfType(ExportRejectedException.class)
			.isThrownBy(() -> this.intake.request(batch.id(), mine.brandId(), "test"))
			.withMessageContaining("belongs to another brand")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.FOREIGN_BATCH));
		assertThat(writes()).isEqualTo(before);
	}

	/** Rows in every table an export request or run could write. */
	private long writes() {
		return this.jdbc.sql("""
				select (select count(*) from exports) + (select count(*) from export_packs)
					+ (select count(*) from audit_events where entity_type = 'export')
					+ (select coalesce(sum(exports_completed), 0) from brand_counters)""").query(Long.class).single();
	}

}
