package io.dppmint.mint.partition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.PrometheusScrape;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.core.fixtures.Fixtures.aMintRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One manager and two workers, each a separate JVM on the test database. A worker is
 * killed (SIGKILL) in the middle of a partition, after it committed at least one chunk of
 * it: the manager must notice, the other worker must resume that partition after its last
 * committed chunk, and the batch must end minted with exactly its quantity, nobody
 * touching it.
 */
class RemotePartitioningProcessIntegrationTests {

	private static final Pattern RUNNING = Pattern
		.compile("Running (mintTokensStep:partition\\d+) \\(step execution (\\d+)\\)");

	private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	private final JdbcBrandCounters counters = this.fixtures.counters();

	private final JdbcMintBatchRepository batches = this.fixtures.batches();

	private final MintIntake intake = this.fixtures.intake();

	@Test
	void handsAKilledWorkersPartitionToTheOtherWorkerAndMintsExactlyTheQuantity() throws Exception {
		Product product = this.fixtures.aProduct().create();
		Process doomed = AppProcess.start(AppProcess.packagedJar("mint-jobs"), "remote-worker-doomed", worker())
			.process();
		Process survivor = AppProcess.start(AppProcess.packagedJar("mint-jobs"), "remote-worker-survivor", worker())
			.process();
		Process manager = null;
		try {
			awaitLog("remote-worker-doomed", "Started MintJobsApplication", Duration.ofSeconds(90));
			awaitLog("remote-worker-survivor", "Started MintJobsApplication", Duration.ofSeconds(90));
			MintBatch batch = this.intake
				.submit(aMintRequest(product).quantity(1_000_000).activationMode(ActivationMode.ACTIVE).build(), "test")
				.batch();
			manager = AppProcess.start(AppProcess.packagedJar("mint-jobs"), "remote-manager", "--dpp.mint.role=manager")
				.process();

			// Kill the doomed worker once a partition of this batch it runs has committed
			// a chunk and is still running.
			long[] victim = new long[1];
			String[] victimName = new String[1];
			await(() -> {
				Matcher running = RUNNING.matcher(output("remote-worker-doomed"));
				while (running.find()) {
					long id = Long.parseLong(running.group(2));
					Map<String, Object> step = stepExecution(id);
					if ("STARTED".equals(step.get("status")) && ((Number) step.get("write_count")).longValue() > 0) {
						victim[0] = id;
						victimName[0] = running.group(1);
						return true;
					}
				}
				return false;
			}, Duration.ofSeconds(120), "a partition of the doomed worker with a committed chunk");
			doomed.destroyForcibly();
			doomed.waitFor(30, TimeUnit.SECONDS);
			long writtenBeforeKill = ((Number) stepExecution(victim[0]).get("write_count")).longValue();
			assertThat(stepExecution(victim[0])).containsEntry("status", "STARTED");

			await(() -> {
				MintBatchStatus status = this.batches.find(batch.id()).orElseThrow().status();
				return status == MintBatchStatus.MINTED || status == MintBatchStatus.FAILED;
			}, Duration.ofSeconds(180), "batch " + batch.id() + " to finish");

			MintBatch minted = this.batches.find(batch.id()).orElseThrow();
			assertThat(minted.status()).as(output("remote-manager")).isEqualTo(MintBatchStatus.MINTED);
			assertThat(minted.mintedCount()).isEqualTo(1_000_000);
			assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 1_000_000)).isEqualTo(1_000_000);
			assertThat(this.jdbc.sql("select count(*) from tokens where batch_id = :batchId")
				.param("batchId", batch.id())
				.query(Long.class)
				.single()).isEqualTo(1_000_000);
			assertThat(this.counters.totals(List.of(product.brandId())).tokensMinted()).isEqualTo(1_000_000);

			// The killed partition was finished by the survivor, as the same step
			// execution, resuming after its committed chunks rather than from the start.
			Map<String, Object> handedOver = stepExecution(victim[0]);
			assertThat(handedOver).containsEntry("status", "COMPLETED");
			assertThat(output("remote-manager")).contains("is gone; handing it to another worker");
			assertThat(output("remote-worker-survivor")).contains(
					"Running " + victimName[0] + " (step execution " + victim[0] + ", resuming after a lost worker)");
			assertThat(writtenBeforeKill).isPositive();
			// No partition ran anywhere else: every partition step execution of the job
			// completed, one per 100,000 units.
			assertThat(this.jdbc.sql("""
					select s.status, count(*) from batch_step_execution s
					join batch_job_execution_params p on p.job_execution_id = s.job_execution_id
					where p.parameter_name = 'batchId' and p.parameter_value = :batchId
						and s.step_name like 'mintTokensStep:%'
					group by s.status""")
				.param("batchId", Long.toString(batch.id()))
				.query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2))
				.list()).containsExactly("COMPLETED=10");
			// Each step names the process that ran it (the console's job timeline shows
			// it): the manager's steps the manager, each partition a worker, the handed
			// over one both workers in turn.
			Map<String, String> processes = this.jdbc.sql("""
					select s.step_name, p.process from batch_step_execution s
					join job_step_processes p on p.step_execution_id = s.step_execution_id
					join batch_job_execution_params j on j.job_execution_id = s.job_execution_id
					where j.parameter_name = 'batchId' and j.parameter_value = :batchId""")
				.param("batchId", Long.toString(batch.id()))
				.query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
				.list()
				.stream()
				.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			String doomedName = ":" + doomed.pid();
			String survivorName = ":" + survivor.pid();
			assertThat(processes).hasSize(13);
			assertThat(processes.get("mintStartStep")).startsWith("mint-jobs@").endsWith(":" + manager.pid());
			assertThat(processes.get("mintPartitionStep")).endsWith(":" + manager.pid());
			assertThat(processes.get(victimName[0]))
				.matches("mint-jobs@.*" + doomedName + " → mint-jobs@.*" + survivorName);
			assertThat(processes).allSatisfy((step, process) -> {
				if (step.startsWith("mintTokensStep:") && !step.equals(victimName[0])) {
					assertThat(process).matches("mint-jobs@.*(" + doomedName + "|" + survivorName + ")");
				}
			});
		}
		finally {
			doomed.destroyForcibly();
			stop(survivor);
			if (manager != null) {
				stop(manager);
			}
		}
	}

	@Test
	void aNewManagerRecoversAndFinishesTheJobOfAKilledManager() throws Exception {
		Product product = this.fixtures.aProduct().create();
		Process first = AppProcess.start(AppProcess.packagedJar("mint-jobs"), "remote-worker-first", worker())
			.process();
		Process second = AppProcess.start(AppProcess.packagedJar("mint-jobs"), "remote-worker-second", worker())
			.process();
		Process killedManager = null;
		Process nextManager = null;
		try {
			awaitLog("remote-worker-first", "Started MintJobsApplication", Duration.ofSeconds(90));
			awaitLog("remote-worker-second", "Started MintJobsApplication", Duration.ofSeconds(90));
			MintBatch batch = this.intake
				.submit(aMintRequest(product).quantity(1_000_000).activationMode(ActivationMode.FIRST_SCAN).build(),
						"test")
				.batch();
			killedManager = AppProcess
				.start(AppProcess.packagedJar("mint-jobs"), "remote-manager-killed", "--dpp.mint.role=manager")
				.process();
			await(() -> this.batches.find(batch.id()).orElseThrow().mintedCount() >= 200_000, Duration.ofSeconds(120),
					"200,000 units of batch " + batch.id());
			killedManager.destroyForcibly();
			killedManager.waitFor(30, TimeUnit.SECONDS);
			MintBatch orphaned = this.batches.find(batch.id()).orElseThrow();
			assertThat(orphaned.status()).isEqualTo(MintBatchStatus.PROCESSING);

			nextManager = AppProcess
				.start(AppProcess.packagedJar("mint-jobs"), "remote-manager-next", "--dpp.mint.role=manager")
				.process();
			await(() -> {
				MintBatchStatus status = this.batches.find(batch.id()).orElseThrow().status();
				return status == MintBatchStatus.MINTED || status == MintBatchStatus.FAILED;
			}, Duration.ofSeconds(180), "batch " + batch.id() + " to finish");

			MintBatch minted = this.batches.find(batch.id()).orElseThrow();
			assertThat(minted.status()).as(output("remote-manager-next")).isEqualTo(MintBatchStatus.MINTED);
			assertThat(minted.mintedCount()).isEqualTo(1_000_000);
			assertThat(this.jdbc
				.sql("""
						select count(*) from tokens where id >= :first and id < :end and batch_id = :batchId and status = :status""")
				.param("status", TokenStatus.MINTED.code())
				.param("first", batch.firstTokenId())
				.param("end", batch.firstTokenId() + 1_000_000)
				.param("batchId", batch.id())
				.query(Long.class)
				.single()).isEqualTo(1_000_000);
			assertThat(this.counters.totals(List.of(product.brandId())).tokensMinted()).isEqualTo(1_000_000);
			assertThat(this.jdbc.sql("""
					select action from audit_events where entity_type = 'batch' and entity_id = :batchId order by id""")
				.param("batchId", Long.toString(batch.id()))
				.query(String.class)
				.list()).containsSubsequence("created", "status_changed", "recovered", "restarted", "status_changed");

			// Over HTTP: the new manager counts its takeover and ran the job; the workers
			// report the partitions they wrote (Spring Batch's step and chunk metrics,
			// and
			// the units) and none of the manager's database gauges.
			String manager = scrape("remote-manager-next");
			assertThat(PrometheusScrape.sum(manager, "dpp_jobs_lease_takeovers_total", "job=\"mintJob\"")).isEqualTo(1);
			assertThat(manager).contains("spring_batch_job_seconds_count{")
				.contains("spring_batch_job_name=\"mintJob\"");
			assertThat(manager).contains("dpp_mint_batches{");
			double workerUnits = 0;
			for (String worker : List.of("remote-worker-first", "remote-worker-second")) {
				String scraped = scrape(worker);
				assertThat(scraped).as(worker)
					.contains("spring_batch_step_name=\"mintTokensStep:partition")
					.contains("spring_batch_chunk_write_seconds_count{")
					.doesNotContain("dpp_mint_batches{");
				workerUnits += PrometheusScrape.sum(scraped, "dpp_mint_units_total", "");
			}
			// The killed manager's process counted nothing here; the units its workers
			// wrote
			// before and after the takeover all count, once.
			assertThat(workerUnits).isEqualTo(1_000_000);
		}
		finally {
			for (Process process : new Process[] { killedManager, nextManager, first, second }) {
				if (process != null) {
					stop(process);
				}
			}
		}
	}

	private static String[] worker() {
		return new String[] { "--dpp.mint.role=worker", "--dpp.db.migrate=false",
				"--dpp.mint.remote.worker-threads=1" };
	}

	private Map<String, Object> stepExecution(long id) {
		return this.jdbc.sql("select status, write_count from batch_step_execution where step_execution_id = :id")
			.param("id", id)
			.query()
			.singleRow();
	}

	private static String output(String logName) {
		try {
			return AppProcess.output(logName);
		}
		catch (java.io.UncheckedIOException ex) {
			return "";
		}
	}

	/**
	 * The {@code /actuator/prometheus} of a process started here, on the port it logged.
	 */
	private static String scrape(String logName) throws Exception {
		Matcher port = TOMCAT_PORT.matcher(output(logName));
		assertThat(port.find()).as(logName + " logs its HTTP port").isTrue();
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(logName).isEqualTo(200);
			return response.body();
		}
	}

	private static void awaitLog(String logName, String text, Duration timeout) throws InterruptedException {
		await(() -> output(logName).contains(text), timeout, logName + " to log '" + text + "'");
	}

	private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("Waited " + timeout + " for " + what);
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

}
