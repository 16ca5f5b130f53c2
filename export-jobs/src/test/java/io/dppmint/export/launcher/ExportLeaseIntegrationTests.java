package io.dppmint.export.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportLockedException;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.ExportSubmission;
import io.dppmint.core.export.ExportSubmission.Outcome;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.export.job.ExportLease;
import io.dppmint.jobs.runner.LeasedJobRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The soft lock: one process runs an export at a time under a 10-minute lease; a second
 * request meets a conflict naming when the lease ends; a lease left by a dead process is
 * taken over once it has expired.
 */
@SpringBootTest(
		properties = { "dpp.export.launcher.enabled=false", "dpp.export.storage-root=target/packs", "server.port=0" })
class ExportLeaseIntegrationTests {

	@Autowired
	ExportIntake intake;

	@Autowired
	LeasedJobRunner<ExportLease> runner;

	@Autowired
	JdbcExportRepository exports;

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
	void refusesASecondExportWhileTheLeaseIsLiveNamingWhenItEnds() {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(12_000).create();
		long exportId = this.intake.request(batch.id(), product.brandId(), "test").export().id();
		Export running = this.exports.acquireLease(exportId, "host:4242/other", Duration.ofMinutes(10)).orElseThrow();
		List<String> audit = auditActions(exportId);

		assertThat(running.leaseExpiresAt()).isCloseTo(Instant.now().plus(Duration.ofMinutes(10)),
				within(Duration.ofSeconds(30)));
		assertThatExceptionOfType(ExportLockedException.class)
			.isThrownBy(() -> this.intake.request(batch.id(), product.brandId(), "test"))
			.withMessageContaining("is already running")
			.withMessageContaining("its lease ends at " + running.leaseExpiresAt())
			.satisfies((ex) -> assertThat(ex.leaseExpiresAt()).isEqualTo(running.leaseExpiresAt()));
		assertThat(this.runner.run(exportId)).isFalse();

		Export after = this.exports.find(exportId).orElseThrow();
		assertThat(after.leaseOwner()).isEqualTo("host:4242/other");
		assertThat(after.leaseExpiresAt()).isEqualTo(running.leaseExpiresAt());
		assertThat(after.status()).isEqualTo(ExportStatus.RUNNING);
		assertThat(this.exports.packs(exportId)).isEmpty();
		assertThat(auditActions(exportId)).isEqualTo(audit);
	}

	@Test
	void takesOverALeaseLeftByADeadProcessOnceItHasExpired() {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(12_000).create();
		long exportId = this.intake.request(batch.id(), product.brandId(), "test").export().id();
		this.exports.acquireLease(exportId, "host:4242/dead", Duration.ofMinutes(10)).orElseThrow();
		expireLease(exportId);

		Export completed = runToEnd(exportId);

		assertThat(completed.status()).isEqualTo(ExportStatus.COMPLETED);
		assertThat(completed.leaseOwner()).isNull();
		assertThat(this.exports.packs(exportId)).hasSize(2);
		assertThat(auditActions(exportId)).containsSubsequence("requested", "lease_taken_over", "started", "completed");
	}

	@Test
	void requeuesAnExportWhoseLeaseExpiredWhenItIsRequestedAgain() {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(5).create();
		long exportId = this.intake.request(batch.id(), product.brandId(), "test").export().id();
		this.exports.acquireLease(exportId, "host:4242/dead", Duration.ofMinutes(10)).orElseThrow();
		expireLease(exportId);

		ExportSubmission again = this.intake.request(batch.id(), product.brandId(), "test");

		assertThat(again.outcome()).isEqualTo(Outcome.RESUMED);
		assertThat(again.export().status()).isEqualTo(ExportStatus.PENDING);
		assertThat(again.export().leaseOwner()).isNull();
		assertThat(runToEnd(exportId).status()).isEqualTo(ExportStatus.COMPLETED);
	}

	@Test
	void aProcessThatLostItsLeaseCannotRecordAnything() {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(5).create();
		long exportId = this.intake.request(batch.id(), product.brandId(), "test").export().id();
		this.exports.acquireLease(exportId, "host:1/first", Duration.ofMinutes(10)).orElseThrow();
		expireLease(exportId);
		this.exports.acquireLease(exportId, "host:2/second", Duration.ofMinutes(10)).orElseThrow();

		assertThat(this.exports.renewLease(exportId, "host:1/first", Duration.ofMinutes(10))).isFalse();
		assertThat(this.exports.markCompleted(exportId, "host:1/first", "exports/1/manifest.csv", 1, "0".repeat(64)))
			.isFalse();
		assertThat(this.exports.find(exportId).orElseThrow().leaseOwner()).isEqualTo("host:2/second");
	}

	private void expireLease(long exportId) {
		this.jdbc.sql("update exports set lease_expires_at = now() - interval '1 second' where id = :id")
			.param("id", exportId)
			.update();
	}

	private List<String> auditActions(long exportId) {
		return this.jdbc
			.sql("select action from audit_events where entity_type = 'export' and entity_id = :id order by id")
			.param("id", Long.toString(exportId))
			.query(String.class)
			.list();
	}

	private Export runToEnd(long exportId) {
		assertThat(this.runner.run(exportId)).as("ran under its lease").isTrue();
		return this.exports.find(exportId).orElseThrow();
	}

}
