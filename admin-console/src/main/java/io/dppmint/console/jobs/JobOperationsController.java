package io.dppmint.console.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.Cursors;
import io.dppmint.console.api.Page;
import io.dppmint.console.jobs.JdbcJobExecutions.ExecutionRow;
import io.dppmint.console.jobs.JdbcJobExecutions.StepRow;
import io.dppmint.console.jobs.JdbcJobExecutions.TimelineStep;
import io.dppmint.console.security.Caller;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.export.ExportJob;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintJob;
import io.dppmint.core.tenancy.BrandScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Job operations for operators: mint and export executions with their step and partition
 * executions, progress, timings and errors, and the operations their state allows, each
 * audited.
 * <p>
 * <b>Why it works across processes.</b> The console never runs a job. Operations split by
 * what is safe from another process:
 * <ul>
 * <li><b>stop</b>, <b>abandon</b> and <b>recover</b> act on the shared JDBC job
 * repository through {@link JobOperator}: stop records the execution stopped (Spring
 * Batch 6 writes {@code STOPPED} at once), which the owning process's steps read at their
 * next chunk boundary and end there; abandon and restart are offered only once no live
 * process owns the execution; recover marks an execution left {@code STARTED} by a dead
 * process {@code FAILED}, and is offered only when no live process owns it (a mint
 * execution's owner holds the batch's lease, see {@link MintJob}; an export execution's
 * owner holds the export's live lease, see {@link ExportJob}; for other jobs, the
 * execution has not been updated for {@code dpp.console.jobs.stale-after}).</li>
 * <li><b>restart</b> and <b>launch</b> need the job's code and threads, so the console
 * records the operator's intent in PostgreSQL and the owning service executes it: a mint
 * restart re-queues the failed batch ({@link JdbcMintBatchRepository#requestRestart}),
 * whose NOTIFY wakes a mint-jobs launcher that resumes the job from its last committed
 * chunks; a launch is a mint request ({@code POST /api/v1/mint-requests}).</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/jobs/executions")
@Tag(name = "Job operations", description = "Operators: job executions and their operations")
class JobOperationsController {

	private final JdbcJobExecutions executions;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final JdbcMintBatchRepository batches;

	private final JdbcExportRepository exports;

	private final AuditLog auditLog;

	private final Duration staleAfter;

	JobOperationsController(JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository,
			JdbcMintBatchRepository batches, JdbcExportRepository exports, AuditLog auditLog,
			@Value("${dpp.console.jobs.stale-after:10m}") Duration staleAfter) {
		this.executions = new JdbcJobExecutions(jdbc);
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.batches = batches;
		this.exports = exports;
		this.auditLog = auditLog;
		this.staleAfter = staleAfter;
	}

	@GetMapping
	@Operation(summary = "Job executions, newest first (keyset pagination), optionally by job and status")
	Page<ExecutionView> list(@RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_.-]{1,100}") String jobName,
			@RequestParam(required = false) @Pattern(
					regexp = "STARTING|STARTED|STOPPING|STOPPED|FAILED|COMPLETED|ABANDONED|UNKNOWN") String status,
			@RequestParam(required = false) @Size(max = 20) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
		Long before = Cursors.key(cursor);
		List<ExecutionRow> rows = this.executions.page(jobName, status, (before != null) ? before : Long.MAX_VALUE,
				limit + 1);
		List<ExecutionView> items = rows.stream().limit(limit).map((row) -> view(row, null)).toList();
		return new Page<>(items, (rows.size() > limit) ? Cursors.of(rows.get(limit - 1).id()) : null);
	}

	@GetMapping("/{id}")
	@Operation(summary = "A job execution with its step and partition executions")
	ExecutionView execution(@PathVariable long id) {
		ExecutionRow row = row(id);
		return view(row, this.executions.steps(id));
	}

	@GetMapping("/{id}/timeline")
	@Operation(operationId = "jobTimeline",
			summary = "An execution's steps and partitions in start order, with the process that ran each (keyset pagination on the step execution id)")
	Page<TimelineStep> timeline(@PathVariable long id, @RequestParam(required = false) @Size(max = 20) String cursor,
			@RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
		row(id);
		Long after = Cursors.key(cursor);
		List<TimelineStep> steps = this.executions.timeline(id, (after != null) ? after : 0, limit + 1);
		return new Page<>(steps.stream().limit(limit).toList(),
				(steps.size() > limit) ? Cursors.of(steps.get(limit - 1).id()) : null);
	}

	/** An execution without its steps (the timeline pages them). */
	ExecutionView summary(long id) {
		return view(row(id), null);
	}

	@PostMapping("/{id}/stop")
	@Operation(summary = "Ask a running execution to stop at its next chunk boundary")
	ExecutionView stop(Caller caller, @PathVariable long id) {
		ExecutionRow row = allowed(id, Action.STOP);
		try {
			this.jobOperator.stop(jobExecution(id));
		}
		catch (JobExecutionNotRunningException ex) {
			throw ApiException.conflict("NOT_ALLOWED", "Execution " + id + " is not running");
		}
		audit(caller, row, "stop_requested");
		return execution(id);
	}

	@PostMapping("/{id}/abandon")
	@Operation(summary = "Abandon a stopped or failed execution: it will never be restarted")
	ExecutionView abandon(Caller caller, @PathVariable long id) {
		ExecutionRow row = allowed(id, Action.ABANDON);
		try {
			this.jobOperator.abandon(jobExecution(id));
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw ApiException.conflict("NOT_ALLOWED", "Execution " + id + " is running: stop it first");
		}
		audit(caller, row, "abandoned");
		return execution(id);
	}

	@PostMapping("/{id}/recover")
	@Operation(summary = "Mark an execution left running by a crashed process failed, so it can be restarted",
			description = "A mint batch whose execution is recovered is resumed by the mint-jobs launcher on its next sweep.")
	ExecutionView recover(Caller caller, @PathVariable long id) {
		ExecutionRow row = allowed(id, Action.RECOVER);
		this.jobOperator.recover(jobExecution(id));
		audit(caller, row, "recovered");
		return execution(id);
	}

	@PostMapping("/{id}/restart")
	@Operation(summary = "Restart a failed or stopped execution from its last committed chunks",
			description = "The console records the request (a mint batch is queued again); the job's own service runs it.")
	ExecutionView restart(Caller caller, @PathVariable long id) {
		ExecutionRow row = allowed(id, Action.RESTART);
		if (!this.batches.requestRestart(row.batchId())) {
			throw ApiException.conflict("NOT_ALLOWED",
					"Batch " + row.batchId() + " is not failed, so there is nothing to restart");
		}
		audit(caller, row, "restart_requested");
		return execution(id);
	}

	private ExecutionRow row(long id) {
		return this.executions.find(id).orElseThrow(() -> ApiException.notFound("There is no job execution " + id));
	}

	private ExecutionRow allowed(long id, Action action) {
		ExecutionRow row = row(id);
		List<Action> actions = actions(row);
		if (!actions.contains(action)) {
			throw ApiException.conflict("NOT_ALLOWED",
					"Execution " + id + " is " + row.status() + ": " + action.name().toLowerCase(java.util.Locale.ROOT)
							+ " is not allowed now (allowed: " + actions + ")");
		}
		return row;
	}

	private JobExecution jobExecution(long id) {
		JobExecution execution = this.jobRepository.getJobExecution(id);
		if (execution == null) {
			throw ApiException.notFound("There is no job execution " + id);
		}
		return execution;
	}

	/**
	 * What the execution's state allows; a console button is enabled exactly for these.
	 */
	List<Action> actions(ExecutionRow row) {
		List<Action> actions = new ArrayList<>();
		switch (row.status()) {
			case "STARTING", "STARTED" -> {
				actions.add(Action.STOP);
				if (!ownerAlive(row)) {
					actions.add(Action.RECOVER);
				}
			}
			case "STOPPING", "UNKNOWN" -> {
				if (!ownerAlive(row)) {
					actions.add(Action.RECOVER);
				}
			}
			case "STOPPED", "FAILED" -> {
				// A stopped mint execution's owner may still be finishing its current
				// chunk.
				boolean finishing = MintJob.JOB_NAME.equals(row.jobName()) && row.batchId() != null
						&& this.executions.mintLeaseHeld(row.batchId());
				if (!finishing) {
					if (row.latest() && MintJob.JOB_NAME.equals(row.jobName()) && row.batchId() != null) {
						actions.add(Action.RESTART);
					}
					actions.add(Action.ABANDON);
				}
			}
			default -> {
				// COMPLETED and ABANDONED executions are final.
			}
		}
		return actions;
	}

	private boolean ownerAlive(ExecutionRow row) {
		if (MintJob.JOB_NAME.equals(row.jobName()) && row.batchId() != null) {
			return this.executions.mintLeaseHeld(row.batchId());
		}
		if (ExportJob.JOB_NAME.equals(row.jobName()) && row.exportId() != null) {
			return this.exports.isLeaseLive(row.exportId());
		}
		Instant lastSign = (row.lastUpdated() != null) ? row.lastUpdated() : row.createdAt();
		return lastSign != null && lastSign.isAfter(Instant.now().minus(this.staleAfter));
	}

	private void audit(Caller caller, ExecutionRow row, String action) {
		Long brandId = null;
		Map<String, Object> details = new HashMap<>(Map.of("jobName", row.jobName(), "previousStatus", row.status()));
		if (row.batchId() != null && MintJob.JOB_NAME.equals(row.jobName())) {
			MintBatch batch = this.batches.find(BrandScope.everyBrand(), row.batchId()).orElse(null);
			if (batch != null) {
				brandId = batch.brandId();
				details.put("batchId", batch.id());
			}
		}
		this.auditLog
			.record(new AuditEvent(brandId, "job_execution", Long.toString(row.id()), action, caller.actor(), details));
	}

	private ExecutionView view(ExecutionRow row, List<StepRow> steps) {
		Long done = null;
		Long total = null;
		if (MintJob.JOB_NAME.equals(row.jobName()) && row.batchId() != null) {
			MintBatch batch = this.batches.find(BrandScope.everyBrand(), row.batchId()).orElse(null);
			if (batch != null) {
				done = batch.mintedCount();
				total = (long) batch.quantity();
			}
		}
		Duration duration = (row.startedAt() != null)
				? Duration.between(row.startedAt(), (row.endedAt() != null) ? row.endedAt() : Instant.now()) : null;
		return new ExecutionView(row.id(), row.jobName(), row.status(), row.exitCode(), row.exitMessage(),
				row.batchId(), done, total, row.createdAt(), row.startedAt(), row.endedAt(), row.lastUpdated(),
				(duration != null) ? duration.toMillis() : null,
				actions(row).stream().map((action) -> action.name().toLowerCase(java.util.Locale.ROOT)).toList(),
				(steps != null) ? steps.stream().map(StepView::of).toList() : null);
	}

	enum Action {

		STOP, ABANDON, RECOVER, RESTART

	}

	/**
	 * A job execution.
	 *
	 * @param id execution id
	 * @param jobName mintJob, exportJob, ...
	 * @param status Spring Batch status
	 * @param exitCode exit code
	 * @param exitMessage exit message (the error of a failed execution)
	 * @param batchId the mint batch it works on, if any
	 * @param unitsDone units committed so far (mint), or {@code null}
	 * @param unitsTotal units to do (mint), or {@code null}
	 * @param createdAt when it was created
	 * @param startedAt when it started
	 * @param endedAt when it ended
	 * @param lastUpdated when the repository last heard of it
	 * @param durationMillis run time so far or in total
	 * @param actions operations its state allows now: stop, abandon, recover, restart
	 * @param steps step and partition executions (detail view only)
	 */
	record ExecutionView(long id, String jobName, String status, String exitCode, String exitMessage, Long batchId,
			Long unitsDone, Long unitsTotal, Instant createdAt, Instant startedAt, Instant endedAt, Instant lastUpdated,
			Long durationMillis, List<String> actions, List<StepView> steps) {
	}

	/**
	 * A step or partition execution ({@code mintPartitionStep:partition3}).
	 *
	 * @param id step execution id
	 * @param name step name; partitions carry a {@code :partitionN} suffix
	 * @param partition whether it is one partition of a partitioned step
	 * @param status Spring Batch status
	 * @param readCount items read
	 * @param writeCount items written
	 * @param commitCount chunks committed
	 * @param rollbackCount rollbacks
	 * @param startedAt when it started
	 * @param endedAt when it ended
	 * @param exitCode exit code
	 * @param exitMessage exit message
	 */
	record StepView(long id, String name, boolean partition, String status, long readCount, long writeCount,
			long commitCount, long rollbackCount, Instant startedAt, Instant endedAt, String exitCode,
			String exitMessage) {

		static StepView of(StepRow row) {
			return new StepView(row.id(), row.name(), row.name().contains(":"), row.status(), row.readCount(),
					row.writeCount(), row.commitCount(), row.rollbackCount(), row.startedAt(), row.endedAt(),
					row.exitCode(), row.exitMessage());
		}

	}

}
