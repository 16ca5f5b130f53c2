package io.dppmint.mint.launcher;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.mint.MintFixtures;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the mint-jobs process (SIGKILL) in the middle of a job, starts a new one, and
 * leaves the rest to it: the batch must end minted with exactly its quantity, nobody
 * touching it.
 */
class MintProcessKillIntegrationTests {

	private final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	private final JdbcBrandCounters counters = new JdbcBrandCounters(this.jdbc);

	private final JdbcMintBatchRepository batches = new JdbcMintBatchRepository(this.jdbc, this.counters);

	private final JdbcBrandRepository brands = new JdbcBrandRepository(this.jdbc);

	private final JdbcProductRepository products = new JdbcProductRepository(this.jdbc);

	private final MintIntake intake = new MintIntake(
			new TransactionTemplate(new DataSourceTransactionManager(TestPostgres.get().dataSource())), this.brands,
			this.products, new JdbcProductionRunRepository(this.jdbc), this.batches, this.counters,
			new AuditLog(this.jdbc));

	private final MintFixtures fixtures = new MintFixtures(this.brands, this.products, this.jdbc);

	@Test
	void resumesAKilledJobToExactlyItsQuantityWithoutAnyoneTouchingIt() throws Exception {
		Product product = this.fixtures.aReadyProduct();
		MintBatch batch = this.intake
			.submit(MintFixtures.aSerialRequest(product, 1_000_000, ActivationMode.FIRST_SCAN), "test")
			.batch();

		Process first = AppProcess
			.start(AppProcess.packagedJar("mint-jobs"), "kill-test-first", "--dpp.mint.partition-threads=1")
			.process();
		MintBatch beforeKill;
		try {
			beforeKill = awaitBatch(batch.id(), Duration.ofSeconds(90), (current) -> current.mintedCount() >= 100_000);
		}
		finally {
			first.destroyForcibly();
			first.waitFor(30, TimeUnit.SECONDS);
		}
		MintBatch killed = this.batches.find(batch.id()).orElseThrow();
		assertThat(beforeKill.status()).isEqualTo(MintBatchStatus.PROCESSING);
		assertThat(killed.status()).isEqualTo(MintBatchStatus.PROCESSING);
		assertThat(killed.mintedCount()).isBetween(100_000L, 999_999L);
		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 1_000_000)).isEqualTo(killed.mintedCount());

		Process second = AppProcess.start(AppProcess.packagedJar("mint-jobs"), "kill-test-second").process();
		MintBatch minted;
		try {
			minted = awaitBatch(batch.id(), Duration.ofSeconds(120),
					(current) -> current.status() != MintBatchStatus.PROCESSING
							&& current.status() != MintBatchStatus.QUEUED);
		}
		finally {
			second.destroy();
			second.waitFor(30, TimeUnit.SECONDS);
		}

		assertThat(minted.status()).as(AppProcess.output("kill-test-second")).isEqualTo(MintBatchStatus.MINTED);
		assertThat(minted.mintedCount()).isEqualTo(1_000_000);
		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 1_000_000)).isEqualTo(1_000_000);
		assertThat(this.jdbc.sql("""
				select count(*) from tokens where id >= :first and id < :end and batch_id = :batchId and status = 0""")
			.param("first", batch.firstTokenId())
			.param("end", batch.firstTokenId() + 1_000_000)
			.param("batchId", batch.id())
			.query(Long.class)
			.single()).isEqualTo(1_000_000);
		assertThat(this.counters.totals(java.util.List.of(product.brandId())).tokensMinted()).isEqualTo(1_000_000);
		assertThat(this.jdbc.sql("""
				select action from audit_events where entity_type = 'batch' and entity_id = :batchId order by id""")
			.param("batchId", Long.toString(batch.id()))
			.query(String.class)
			.list()).containsSubsequence("created", "status_changed", "recovered", "restarted", "status_changed");
	}

	private MintBatch awaitBatch(long batchId, Duration timeout, java.util.function.Predicate<MintBatch> condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			MintBatch current = this.batches.find(batchId).orElseThrow();
			if (condition.test(current)) {
				return current;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("Batch " + batchId + " did not get there in " + timeout + ": "
				+ this.batches.find(batchId).orElseThrow());
	}

}
