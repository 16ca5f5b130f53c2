package io.dppmint.mint.launcher;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintJob;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.ProcessPause;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.core.fixtures.Fixtures.aMintRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the mint-jobs process (SIGKILL) in the middle of a job, starts a new one, and
 * leaves the rest to it: the batch must end minted with exactly its quantity, nobody
 * touching it. And the fencing test: a process paused (SIGSTOP) while its lease's session
 * ends and another process completes the batch wakes up and neither writes a token nor
 * fails the batch.
 */
class MintProcessKillIntegrationTests {

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	private final JdbcBrandCounters counters = this.fixtures.counters();

	private final JdbcMintBatchRepository batches = this.fixtures.batches();

	private final MintIntake intake = this.fixtures.intake();

	@Test
	void resumesAKilledJobToExactlyItsQuantityWithoutAnyoneTouchingIt() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.intake
			.submit(aMintRequest(product).quantity(1_000_000).activationMode(ActivationMode.FIRST_SCAN).build(), "test")
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
		assertThat(this.jdbc
			.sql("""
					select count(*) from tokens where id >= :first and id < :end and batch_id = :batchId and status = :status""")
			.param("status", TokenStatus.MINTED.code())
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

	@Test
	void aProcessPausedPastItsLeaseNeitherWritesNorFailsTheBatchWhenItWakes() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.intake
			.submit(aMintRequest(product).quantity(1_000_000).activationMode(ActivationMode.FIRST_SCAN).build(), "test")
			.batch();
		Process stalled = AppProcess
			.start(AppProcess.packagedJar("mint-jobs"), "fence-test-stalled", "--dpp.mint.partition-threads=1")
			.process();
		Process takeover = null;
		try {
			awaitBatch(batch.id(), Duration.ofSeconds(90), (current) -> current.mintedCount() >= 100_000);
			ProcessPause.pauseOutsideTransactions(stalled, this.jdbc, Duration.ofSeconds(30));
			// Its session ends while it is paused (a network cut, or a pause longer than
			// the
			// server's keepalive): the batch's lease is free, though the process believes
			// it
			// holds it.
			assertThat(this.jdbc.sql("""
					select count(pg_terminate_backend(pid)) from pg_locks where locktype = 'advisory' and granted
						and classid = :high::bigint::oid and objid = :low::bigint::oid""")
				.param("high", MintJob.leaseKey(batch.id()) >>> 32)
				.param("low", MintJob.leaseKey(batch.id()) & 0xFFFF_FFFFL)
				.query(Integer.class)
				.single()).isEqualTo(1);
			long stalledAt = this.batches.find(batch.id()).orElseThrow().mintedCount();
			long stalledFence = leaseFence(batch);

			takeover = AppProcess
				.start(AppProcess.packagedJar("mint-jobs"), "fence-test-takeover", "--dpp.mint.partition-threads=1")
				.process();
			awaitBatch(batch.id(), Duration.ofSeconds(90),
					(current) -> leaseFence(batch) > stalledFence && current.mintedCount() > stalledAt);
			// It wakes up while the other process mints, believing it still runs the
			// batch:
			// its next chunk must not count, and its failure must not fail the batch.
			ProcessPause.resume(stalled);
			MintBatch minted = awaitBatch(batch.id(), Duration.ofSeconds(120),
					(current) -> current.status() != MintBatchStatus.PROCESSING
							&& current.status() != MintBatchStatus.QUEUED);
			assertThat(minted.status()).as(AppProcess.output("fence-test-takeover")).isEqualTo(MintBatchStatus.MINTED);
			// Its job ended refused (by the fence, or by the job repository whose
			// executions
			// the other process recovered), without completing.
			String ended = awaitLog("fence-test-stalled", "Batch " + batch.id() + ": job execution",
					Duration.ofSeconds(60));
			assertThat(ended).doesNotContain("COMPLETED");

			MintBatch after = this.batches.find(batch.id()).orElseThrow();
			assertThat(after.status()).isEqualTo(MintBatchStatus.MINTED);
			assertThat(after.mintedCount()).isEqualTo(1_000_000);
			assertThat(after.error()).isNull();
			assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 1_000_000)).isEqualTo(1_000_000);
			assertThat(this.counters.totals(java.util.List.of(product.brandId())).tokensMinted()).isEqualTo(1_000_000);
			assertThat(this.jdbc.sql("""
					select count(*) from audit_events
					where entity_type = 'batch' and entity_id = :batchId and action = 'failed'""")
				.param("batchId", Long.toString(batch.id()))
				.query(Long.class)
				.single()).isZero();
		}
		finally {
			ProcessPause.resume(stalled);
			stalled.destroyForcibly();
			stalled.waitFor(30, TimeUnit.SECONDS);
			if (takeover != null) {
				takeover.destroy();
				takeover.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	private long leaseFence(MintBatch batch) {
		return this.jdbc.sql("select lease_fence from mint_batches where id = ?")
			.param(batch.id())
			.query(Long.class)
			.single();
	}

	/** The first line of the log that contains {@code text}, once there is one. */
	private static String awaitLog(String logName, String text, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			java.util.Optional<String> line = AppProcess.output(logName)
				.lines()
				.filter((candidate) -> candidate.contains(text))
				.findFirst();
			if (line.isPresent()) {
				return line.get();
			}
			Thread.sleep(100);
		}
		throw new AssertionError(logName + " never logged '" + text + "': " + AppProcess.output(logName));
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
