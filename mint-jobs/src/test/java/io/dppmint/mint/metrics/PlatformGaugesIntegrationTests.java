package io.dppmint.mint.metrics;

import java.util.Base64;
import java.util.Map;

import io.dppmint.core.audit.AuditChainKey;
import io.dppmint.core.audit.AuditChainSealer;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.testsupport.TestSecrets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database gauges against the test PostgreSQL: they hold what the last refresh read
 * (batches by status, the audit chain's backlog and lag), and nothing moves between
 * refreshes, so a scrape never queries the database.
 */
class PlatformGaugesIntegrationTests {

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final PlatformGauges gauges = new PlatformGauges(this.fixtures.batches(), this.fixtures.auditLog(),
			this.meters);

	@Test
	void countsBatchesByStatusAsOfTheLastRefresh() {
		this.gauges.refresh();
		double minted = batches("minted");
		assertThat(minted).isEqualTo(this.fixtures.batches().countByStatus().get(MintBatchStatus.MINTED).doubleValue());
		assertThat(this.meters.find("dpp.mint.batches").gauges()).extracting((gauge) -> gauge.getId().getTag("status"))
			.containsExactlyInAnyOrder("queued", "processing", "minted", "failed");
		Product product = this.fixtures.aProduct().create();

		this.fixtures.aMintedBatch(product).quantity(5).create();
		this.fixtures.aMintedBatch(product).quantity(5).create();
		assertThat(batches("minted")).as("before the next refresh").isEqualTo(minted);
		this.gauges.refresh();

		// Minted batches stay minted, whatever else runs on the test database meanwhile.
		assertThat(batches("minted")).isGreaterThanOrEqualTo(minted + 2);
		assertThat(this.meters.get("dpp.metrics.refresh.age").gauge().value()).isBetween(0.0, 5.0);
	}

	@Test
	void reportsTheAuditChainsLagUntilTheSealerCatchesUp() {
		AuditChainSealer sealer = new AuditChainSealer(this.fixtures.jdbc(), this.fixtures.transactions(),
				new AuditChainKey(Base64.getDecoder().decode(TestSecrets.AUDIT_KEY)));
		// Other apps' sealers on the test database are held off while the event waits.
		this.fixtures.transactions().executeWithoutResult((holding) -> {
			this.fixtures.jdbc()
				.sql("select pg_advisory_xact_lock(:key)")
				.param("key", AuditChainSealer.LOCK_KEY)
				.query()
				.singleRow();
			Thread waiter = Thread.ofVirtual().start(() -> {
				this.fixtures.auditLog()
					.record(new AuditEvent(null, "test", "lag", "waited", "tests",
							Map.of("what", "an unsealed event")));
				sleep(300);
				this.gauges.refresh();
			});
			join(waiter);
		});

		assertThat(this.meters.get("dpp.audit.unsealed.events").gauge().value()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("dpp.audit.unsealed.age").gauge().value()).isGreaterThanOrEqualTo(0.3);

		sealer.sealAll();
		this.gauges.refresh();

		assertThat(this.meters.get("dpp.audit.unsealed.events").gauge().value()).isZero();
		assertThat(this.meters.get("dpp.audit.unsealed.age").gauge().value()).isZero();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private double batches(String status) {
		return this.meters.get("dpp.mint.batches").tag("status", status).gauge().value();
	}

}
