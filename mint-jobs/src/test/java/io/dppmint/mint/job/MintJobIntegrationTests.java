package io.dppmint.mint.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.kpi.JdbcBrandCounters.BrandKpis;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.jobs.runner.LeasedJobRunner;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.core.fixtures.Fixtures.aLotRequest;
import static io.dppmint.core.fixtures.Fixtures.aMintRequest;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "dpp.mint.launcher.enabled=false", "dpp.mint.partition-size=40000", "server.port=0" })
class MintJobIntegrationTests {

	@Autowired
	MintIntake intake;

	@Autowired
	LeasedJobRunner<BatchLease> runner;

	@Autowired
	JdbcMintBatchRepository batches;

	@Autowired
	JdbcBrandCounters counters;

	@Autowired
	JdbcConnectionDetails database;

	/** The database as the test sees it: the owner's, which also reads tokens. */
	private final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	@Autowired
	JdbcBrandRepository brands;

	@Autowired
	JdbcProductRepository products;

	Fixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = Fixtures.onTestPostgres();
	}

	@Test
	void mintsASerialBatchAsActiveTokensInItsOwnRangeWithCountersInStep() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.intake
			.submit(aMintRequest(product).quantity(90_001).activationMode(ActivationMode.ACTIVE).build(), "test")
			.batch();

		MintBatch minted = run(batch);

		assertThat(minted.status()).isEqualTo(MintBatchStatus.MINTED);
		assertThat(minted.mintedCount()).isEqualTo(90_001);
		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 90_001)).isEqualTo(90_001);
		assertThat(this.jdbc.sql("""
				select count(*) from tokens
				where id >= :first and id < :end and batch_id = :batchId and status = :status and lot_id is null""")
			.param("status", TokenStatus.ACTIVE.code())
			.param("first", batch.firstTokenId())
			.param("end", batch.firstTokenId() + 90_001)
			.param("batchId", batch.id())
			.query(Long.class)
			.single()).isEqualTo(90_001);
		assertThat(this.counters.totals(List.of(product.brandId()))).isEqualTo(new BrandKpis(90_001, 90_001, 1, 0));
		// 90,001 units in partitions of 40,000: three partitions, five chunks of at most
		// 20,000.
		assertThat(stepExecutions(minted, "mintTokensStep:%")).isEqualTo(3);
		assertThat(this.jdbc
			.sql("""
					select sum(commit_count) from batch_step_execution s
					join batch_job_execution_params p on p.job_execution_id = s.job_execution_id
					where p.parameter_name = 'batchId' and p.parameter_value = :batchId and s.step_name like 'mintTokensStep:%'""")
			.param("batchId", Long.toString(batch.id()))
			.query(Long.class)
			.single()).isEqualTo(5);
		// Every step recorded the process that ran it, for the console's job timeline.
		assertThat(this.jdbc.sql("""
				select coalesce(p.process, 'none') from batch_step_execution s
				join batch_job_execution_params j on j.job_execution_id = s.job_execution_id
				left join job_step_processes p on p.step_execution_id = s.step_execution_id
				where j.parameter_name = 'batchId' and j.parameter_value = :batchId""")
			.param("batchId", Long.toString(batch.id()))
			.query(String.class)
			.list()).hasSize(6)
			.allSatisfy((process) -> assertThat(process).startsWith("mint-jobs@")
				.endsWith(":" + ProcessHandle.current().pid()));
	}

	@Test
	void mintsLotTokensInsideTheirLotsAwaitingFirstScan() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.intake
			.submit(aLotRequest(product, new LotRequest("LOT-A", 30_000), new LotRequest("LOT/B", 15_000),
					new LotRequest("C1", 1))
				.activationMode(ActivationMode.FIRST_SCAN)
				.build(), "test")
			.batch();

		MintBatch minted = run(batch);

		assertThat(minted.status()).isEqualTo(MintBatchStatus.MINTED);
		for (Lot lot : this.batches.lots(batch.id())) {
			assertThat(this.jdbc.sql("""
					select count(*) from tokens
					where id >= :first and id < :end and lot_id = :lotId and status = :status""")
				.param("status", TokenStatus.MINTED.code())
				.param("first", lot.firstTokenId())
				.param("end", lot.firstTokenId() + lot.quantity())
				.param("lotId", lot.id())
				.query(Long.class)
				.single()).as(lot.lotNumber()).isEqualTo(lot.quantity());
		}
		assertThat(this.counters.totals(List.of(product.brandId()))).isEqualTo(new BrandKpis(45_001, 0, 1, 0));
	}

	@Test
	void retriesAChunkAfterATransientDatabaseErrorAndSucceeds() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.intake
			.submit(aMintRequest(product).quantity(60_000).activationMode(ActivationMode.ACTIVE).build(), "test")
			.batch();

		try (FaultInjection faults = FaultInjection.failCopies(this.jdbc, batch.id(), 1, 2)) {
			MintBatch minted = run(batch);

			assertThat(minted.status()).isEqualTo(MintBatchStatus.MINTED);
			assertThat(faults.calls()).as("3 chunks + 2 failed attempts").isEqualTo(5);
		}
		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 60_000)).isEqualTo(60_000);
	}

	@Test
	void failsTheBatchAfterThreeRetriesKeepingCommittedTokensAndCompletesOnRestart() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.intake
			.submit(aMintRequest(product).quantity(100_000).activationMode(ActivationMode.ACTIVE).build(), "test")
			.batch();

		try (FaultInjection faults = FaultInjection.failCopies(this.jdbc, batch.id(), 2, 1_000_000)) {
			MintBatch failed = run(batch);

			assertThat(failed.status()).isEqualTo(MintBatchStatus.FAILED);
			assertThat(failed.error()).contains("injected fault");
			assertThat(failed.mintedCount()).isEqualTo(40_000);
			assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 100_000)).isEqualTo(40_000);
			// Two calls passed; every failing chunk was then tried once and retried three
			// times.
			long failedAttempts = faults.calls() - 2;
			assertThat(failedAttempts).isPositive();
			assertThat(failedAttempts % 4).isZero();

			faults.heal();
			assertThat(this.batches.requestRestart(batch.id())).isTrue();
			MintBatch restarted = run(batch);

			assertThat(restarted.status()).isEqualTo(MintBatchStatus.MINTED);
			assertThat(restarted.mintedCount()).isEqualTo(100_000);
		}
		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 100_000)).isEqualTo(100_000);
		assertThat(this.counters.totals(List.of(product.brandId())).tokensMinted()).isEqualTo(100_000);
	}

	@Test
	void runsOverlappingJobsWithoutSharingANumber() throws Exception {
		Product product = this.fixtures.aProduct().create();
		List<MintBatch> submitted = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			submitted.add(this.intake
				.submit(aMintRequest(product).quantity(70_000 + i).activationMode(ActivationMode.FIRST_SCAN).build(),
						"test")
				.batch());
		}

		List<MintBatch> minted = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<MintBatch>> running = new ArrayList<>();
			for (MintBatch batch : submitted) {
				running.add(executor.submit(() -> run(batch)));
			}
			for (Future<MintBatch> job : running) {
				minted.add(job.get());
			}
		}

		assertThat(minted).extracting(MintBatch::status).containsOnly(MintBatchStatus.MINTED);
		for (MintBatch batch : submitted) {
			assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), batch.quantity())).isEqualTo(batch.quantity());
			assertThat(this.jdbc
				.sql("select count(*) from tokens where batch_id = :batchId and id >= :first and id < :end")
				.param("batchId", batch.id())
				.param("first", batch.firstTokenId())
				.param("end", batch.firstTokenId() + batch.quantity())
				.query(Long.class)
				.single()).isEqualTo(batch.quantity());
		}
		assertThat(this.counters.totals(List.of(product.brandId())).tokensMinted()).isEqualTo(210_003);
	}

	private MintBatch run(MintBatch batch) throws Exception {
		assertThat(this.runner.run(batch.id())).as("ran under its lease").isTrue();
		return this.batches.find(batch.id()).orElseThrow();
	}

	private long stepExecutions(MintBatch batch, String stepNamePattern) {
		return this.jdbc.sql("""
				select count(distinct s.step_name) from batch_step_execution s
				join batch_job_execution_params p on p.job_execution_id = s.job_execution_id
				where p.parameter_name = 'batchId' and p.parameter_value = :batchId and s.step_name like :pattern""")
			.param("batchId", Long.toString(batch.id()))
			.param("pattern", stepNamePattern)
			.query(Long.class)
			.single();
	}

}
