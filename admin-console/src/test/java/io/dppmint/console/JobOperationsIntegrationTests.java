package io.dppmint.console;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportJob;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintJob;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Job operations on the shared job repository. Executions are created here as a mint-jobs
 * process would leave them (running, crashed, failed); a live owner is simulated by
 * holding the batch's advisory lock on a connection of its own.
 */
class JobOperationsIntegrationTests extends ApiTestSupport {

	private static final String PASSWORD = "operator-password";

	/**
	 * The job repository as the job apps write it (the console's own role only reads and
	 * updates executions).
	 */
	private final JobRepository jobRepository = jobRepository();

	private Tenant tenant;

	private Http operator;

	@BeforeEach
	void operator() {
		this.tenant = tenant();
		this.operator = login(operator(PASSWORD), PASSWORD);
	}

	private MintBatch batch() {
		return this.intake
			.submit(new MintRequest(this.tenant.brandId(), this.tenant.ready().id(), null, IdentityMode.SERIAL,
					ActivationMode.ACTIVE, 10, List.of(), null), "tests")
			.batch();
	}

	private JobExecution execution(MintBatch batch, BatchStatus status) {
		return execution(MintJob.JOB_NAME, MintJob.BATCH_ID, batch.id(), status);
	}

	private JobExecution execution(String jobName, String idParameter, long id, BatchStatus status) {
		JobParameters parameters = new JobParametersBuilder().addLong(idParameter, id).toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance(jobName, parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(status);
		this.jobRepository.update(execution);
		StepExecution partition = this.jobRepository.createStepExecution("mintPartitionStep:partition0", execution);
		partition.setStatus(status);
		partition.setWriteCount(5);
		this.jobRepository.update(partition);
		return execution;
	}

	private String status(JobExecution execution) {
		return this.jdbc.sql("select status from batch_job_execution where job_execution_id = ?")
			.param(1, execution.getId())
			.query(String.class)
			.single();
	}

	@Test
	void listsExecutionsWithStepsProgressAndTheActionsTheirStateAllows() {
		MintBatch batch = batch();
		JobExecution crashed = execution(batch, BatchStatus.STARTED);

		Response page = this.operator.get("/api/v1/jobs/executions?jobName=mintJob&limit=1");
		Response detail = this.operator.get("/api/v1/jobs/executions/" + crashed.getId());

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().path("items").get(0).path("id").asLong()).isEqualTo(crashed.getId());
		assertThat(detail.json().path("batchId").asLong()).isEqualTo(batch.id());
		assertThat(detail.json().path("unitsTotal").asLong()).isEqualTo(10);
		assertThat(detail.json().path("actions").valueStream().map((action) -> action.asString()))
			.containsExactly("stop", "recover");
		assertThat(detail.json().path("steps").get(0).path("partition").asBoolean()).isTrue();
		assertThat(detail.json().path("steps").get(0).path("writeCount").asLong()).isEqualTo(5);
		assertThat(this.operator.get("/api/v1/jobs/executions/999999999").status()).isEqualTo(404);
	}

	@Test
	void showsAnExecutionsStepsOnItsTimelineWithTheProcessOfEachPagedByStepId() {
		MintBatch batch = batch();
		JobExecution failed = execution(batch, BatchStatus.FAILED);
		StepExecution first = this.jobRepository.createStepExecution("mintPartitionStep:partition1", failed);
		first.setStartTime(LocalDateTime.now().minusSeconds(5));
		first.setEndTime(LocalDateTime.now().minusSeconds(2));
		first.setStatus(BatchStatus.COMPLETED);
		first.setCommitCount(4);
		this.jobRepository.update(first);
		StepExecution broken = this.jobRepository.createStepExecution("mintPartitionStep:partition2", failed);
		broken.setStartTime(LocalDateTime.now().minusSeconds(4));
		broken.setStatus(BatchStatus.FAILED);
		broken.setRollbackCount(3);
		broken.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED
			.addExitDescription("org.postgresql.util.PSQLException: disk full"));
		broken.setEndTime(LocalDateTime.now().minusSeconds(1));
		this.jobRepository.update(broken);
		// As the job apps record themselves before each step (dpp-jobs'
		// StepProcessRecorder).
		for (StepExecution step : List.of(first, broken)) {
			this.jdbc
				.sql("insert into job_step_processes (step_execution_id, job_execution_id, process) values (?, ?, ?)")
				.param(step.getId())
				.param(failed.getId())
				.param("mint-jobs@worker-" + step.getId() + ":4711")
				.update();
		}

		Response firstPage = this.operator.get("/api/v1/jobs/executions/" + failed.getId() + "/timeline?limit=2");
		Response secondPage = this.operator.get("/api/v1/jobs/executions/" + failed.getId()
				+ "/timeline?limit=2&cursor=" + firstPage.json().path("next").asString());
		Response page = this.operator.page("/jobs/" + failed.getId());
		Response running = this.operator.page("/jobs/" + execution(batch(), BatchStatus.STARTED).getId());

		assertThat(firstPage.status()).isEqualTo(200);
		assertThat(firstPage.json().path("items").valueStream().map((step) -> step.path("name").asString()))
			.containsExactly("mintPartitionStep:partition0", "mintPartitionStep:partition1");
		assertThat(firstPage.json().path("items").path(1).path("process").asString())
			.isEqualTo("mint-jobs@worker-" + first.getId() + ":4711");
		assertThat(firstPage.json().path("items").path(1).path("commitCount").asLong()).isEqualTo(4);
		assertThat(secondPage.json().path("items").size()).isEqualTo(1);
		assertThat(secondPage.json().path("items").path(0).path("rollbackCount").asLong()).isEqualTo(3);
		assertThat(secondPage.json().path("next").isNull()).isTrue();
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("mint-jobs@worker-" + broken.getId() + ":4711")
			.contains("process not recorded")
			.contains("3 rolled back (retried)")
			.contains("disk full")
			.doesNotContain("every 2s");
		assertThat(running.body()).contains("hx-trigger=\"every 2s\"");
		assertThat(this.operator.get("/api/v1/jobs/executions/999999999/timeline").status()).isEqualTo(404);
		assertThat(login(this.tenant.owner(), this.tenant.password()).page("/jobs/" + failed.getId()).status())
			.isEqualTo(403);
	}

	@Test
	void recoversACrashedExecutionAndAuditsIt() {
		JobExecution crashed = execution(batch(), BatchStatus.STARTED);

		Response recovered = this.operator.post("/api/v1/jobs/executions/" + crashed.getId() + "/recover", Map.of());

		assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
		assertThat(status(crashed)).isEqualTo("FAILED");
		assertThat(count("select count(*) from audit_events where entity_type = 'job_execution' and entity_id = ?",
				Long.toString(crashed.getId())))
			.isEqualTo(1);
	}

	@Test
	void neverRecoversAnExecutionWhoseProcessIsAliveButCanStopIt() throws Exception {
		MintBatch batch = batch();
		JobExecution running = execution(batch, BatchStatus.STARTED);
		TestPostgres postgres = TestPostgres.get();
		try (Connection owner = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password()); PreparedStatement lock = owner.prepareStatement("select pg_advisory_lock(?)")) {
			lock.setLong(1, MintJob.leaseKey(batch.id()));
			lock.execute();

			Response detail = this.operator.get("/api/v1/jobs/executions/" + running.getId());
			Response recover = this.operator.post("/api/v1/jobs/executions/" + running.getId() + "/recover", Map.of());
			assertThat(detail.json().path("actions").valueStream().map((action) -> action.asString()))
				.containsExactly("stop");
			assertThat(recover.status()).isEqualTo(409);
			assertThat(recover.isProblem()).isTrue();
			assertThat(status(running)).isEqualTo("STARTED");

			Response stop = this.operator.post("/api/v1/jobs/executions/" + running.getId() + "/stop", Map.of());
			assertThat(stop.status()).as(stop.toString()).isEqualTo(200);
			// Spring Batch 6 records the stop as STOPPED at once; the owner's steps read
			// it
			// at their next chunk boundary and end there.
			assertThat(status(running)).isEqualTo("STOPPED");
			// The owner still finishes its chunk: nothing may be abandoned or restarted
			// under it.
			Response afterStop = this.operator.get("/api/v1/jobs/executions/" + running.getId());
			assertThat(afterStop.json().path("actions").size()).isZero();
		}
	}

	@Test
	void recoversAnExportExecutionOnlyOnceItsLeaseHasExpired() {
		long exportId = this.exportIntake.request(mintedBatch(this.tenant, 20).id(), null, "tests").export().id();
		assertThat(this.exports.acquireLease(exportId, "another-process/1", java.time.Duration.ofMinutes(10)))
			.isPresent();
		JobExecution running = execution(ExportJob.JOB_NAME, ExportJob.EXPORT_ID, exportId, BatchStatus.STARTED);

		Response whileLeased = this.operator.get("/api/v1/jobs/executions/" + running.getId());
		Response refused = this.operator.post("/api/v1/jobs/executions/" + running.getId() + "/recover", Map.of());

		assertThat(whileLeased.json().path("actions").valueStream().map((action) -> action.asString()))
			.containsExactly("stop");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(status(running)).isEqualTo("STARTED");

		// The owner died: its lease runs out.
		this.jdbc.sql("update exports set lease_expires_at = now() - interval '1 second' where id = ?")
			.param(1, exportId)
			.update();
		Response recovered = this.operator.post("/api/v1/jobs/executions/" + running.getId() + "/recover", Map.of());

		assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
		assertThat(status(running)).isEqualTo("FAILED");
	}

	@Test
	void restartsAFailedMintExecutionByRequeuingItsBatchThenAbandonsOnlyWhatIsNotRunning() {
		MintBatch batch = batch();
		this.batches().markFailed(batch.id(), "boom", this.batches().advanceLeaseFence(batch.id()));
		JobExecution failed = execution(batch, BatchStatus.FAILED);
		JobExecution running = execution(batch(), BatchStatus.STARTED);

		Response restart = this.operator.post("/api/v1/jobs/executions/" + failed.getId() + "/restart", Map.of());
		Response again = this.operator.post("/api/v1/jobs/executions/" + failed.getId() + "/restart", Map.of());
		Response abandonRunning = this.operator.post("/api/v1/jobs/executions/" + running.getId() + "/abandon",
				Map.of());
		Response abandon = this.operator.post("/api/v1/jobs/executions/" + failed.getId() + "/abandon", Map.of());

		assertThat(restart.status()).as(restart.toString()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(409);
		assertThat(this.jdbc.sql("select status from mint_batches where id = ?")
			.param(1, batch.id())
			.query(String.class)
			.single()).isEqualTo("queued");
		assertThat(abandonRunning.status()).isEqualTo(409);
		assertThat(status(running)).isEqualTo("STARTED");
		assertThat(abandon.status()).isEqualTo(200);
		assertThat(status(failed)).isEqualTo("ABANDONED");
	}

	@Test
	void refusesJobOperationsToEveryoneButOperators() {
		JobExecution crashed = execution(batch(), BatchStatus.STARTED);
		for (Http caller : List.of(api(this.tenant), login(this.tenant.owner(), this.tenant.password()),
				login(this.tenant.viewer(), this.tenant.password()))) {
			assertThat(caller.get("/api/v1/jobs/executions").status()).isEqualTo(403);
			assertThat(caller.post("/api/v1/jobs/executions/" + crashed.getId() + "/recover", Map.of()).status())
				.isEqualTo(403);
		}
		assertThat(status(crashed)).isEqualTo("STARTED");
	}

	private JdbcMintBatchRepository batches() {
		return this.batchRepository;
	}

	/** What mint-jobs does to a batch (its lease's fence). */
	private final JdbcMintBatchRepository batchRepository = new JdbcMintBatchRepository(this.jdbc,
			new JdbcBrandCounters(this.jdbc));

	@Autowired
	ExportIntake exportIntake;

	/** What export-jobs does to an export (its lease). */
	private final JdbcExportRepository exports = new JdbcExportRepository(this.jdbc);

	private static JobRepository jobRepository() {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(TestPostgres.get().dataSource());
		factory.setTransactionManager(new DataSourceTransactionManager(TestPostgres.get().dataSource()));
		try {
			factory.afterPropertiesSet();
			return factory.getObject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
