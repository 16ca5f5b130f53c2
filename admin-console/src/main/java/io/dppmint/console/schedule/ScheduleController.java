package io.dppmint.console.schedule;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.api.NoControlCharacters;
import io.dppmint.console.security.Caller;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scheduled exports and re-runs: a brand's writers (and operators, for any brand or every
 * brand) create, change, pause, run now and delete schedules; everyone in scope reads
 * them with their next fire times and latest runs. Each schedule is a row in
 * {@code schedules} and a job with a cron trigger in Quartz's clustered JDBC store,
 * written in one transaction (Quartz's Spring job store joins it), so they never
 * disagree; Quartz fires each trigger in exactly one console replica, and the run ledger
 * makes a fire time run at most once even if it did not. Every change is audited.
 */
@RestController
@RequestMapping("/api/v1/schedules")
@Tag(name = "Schedules", description = "Scheduled exports and re-runs (cron, exactly once across replicas)")
class ScheduleController {

	static final String JOB_GROUP = "dpp-schedules";

	private static final int NEXT_RUNS = 5;

	private static final int SHOWN_RUNS = 10;

	private final JdbcSchedules schedules;

	private final Scheduler scheduler;

	private final TransactionTemplate transactions;

	private final AuditLog auditLog;

	private final Duration minimumInterval;

	ScheduleController(JdbcClient jdbc, Scheduler scheduler, TransactionTemplate transactions, AuditLog auditLog,
			@Value("${dpp.console.schedules.minimum-interval:5m}") Duration minimumInterval) {
		this.schedules = new JdbcSchedules(jdbc);
		this.scheduler = scheduler;
		this.transactions = transactions;
		this.auditLog = auditLog;
		this.minimumInterval = minimumInterval;
	}

	@GetMapping
	@Operation(operationId = "listSchedules",
			summary = "The schedules in the caller's brands, with their next fire times and latest runs")
	List<ScheduleView> list(Caller caller) {
		return this.schedules.list(caller.scope()).stream().map(this::view).toList();
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getSchedule", summary = "A schedule with its next fire times and latest runs")
	ScheduleView schedule(Caller caller, @PathVariable long id) {
		return view(inScope(caller, id, false));
	}

	@PostMapping
	@Operation(operationId = "createSchedule", summary = "Create a schedule",
			description = "kind: export_minted (export batches minted since the schedule was created, resume their "
					+ "failed exports) or restart_failed_mints (re-queue failed mint batches, at most "
					+ "dpp.console.schedules.max-automatic-restarts times each). cron: " + CronSchedule.HELP
					+ ". 400 with the field at fault, and nothing written, when invalid.")
	ResponseEntity<ScheduleView> create(Caller caller, @Valid @RequestBody NewSchedule body) {
		writer(caller);
		ScheduleKind kind = validated(() -> ScheduleKind.fromCode(body.kind()));
		CronSchedule timing = timing(body.cron(), body.timeZone());
		Long brandId = brandFor(caller, body.brandId());
		boolean enabled = body.enabled() == null || body.enabled();
		long id = this.transactions.execute((status) -> {
			long created = this.schedules.insert(brandId, body.name().strip(), kind, timing, enabled, caller.actor());
			quartz(() -> {
				this.scheduler.scheduleJob(job(created), trigger(created, timing));
				if (!enabled) {
					this.scheduler.pauseTrigger(triggerKey(created));
				}
			});
			audit(caller, brandId, created, "created", Map.of("name", body.name().strip(), "kind", kind.code(), "cron",
					timing.expression(), "timeZone", timing.zone().getId(), "enabled", enabled));
			return created;
		});
		return ResponseEntity.created(URI.create("/api/v1/schedules/" + id)).body(schedule(caller, id));
	}

	@PutMapping("/{id}")
	@Operation(operationId = "changeSchedule",
			summary = "Change a schedule's name, timing or whether it is enabled (400 and nothing changed when invalid)")
	ScheduleView change(Caller caller, @PathVariable long id, @Valid @RequestBody ScheduleChange body) {
		writer(caller);
		inScope(caller, id, false);
		CronSchedule timing = timing(body.cron(), body.timeZone());
		this.transactions.executeWithoutResult((status) -> {
			Schedule current = inScope(caller, id, true);
			boolean enabled = (body.enabled() != null) ? body.enabled() : current.enabled();
			String name = (body.name() != null) ? body.name().strip() : current.name();
			this.schedules.update(id, name, timing, enabled);
			quartz(() -> {
				this.scheduler.rescheduleJob(triggerKey(id), trigger(id, timing));
				if (!enabled) {
					this.scheduler.pauseTrigger(triggerKey(id));
				}
			});
			audit(caller, current.brandId(), id, "changed",
					Map.of("name", name, "cron", timing.expression(), "timeZone", timing.zone().getId(), "enabled",
							enabled, "previousCron", current.timing().expression(), "previousEnabled",
							current.enabled()));
		});
		return schedule(caller, id);
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteSchedule", summary = "Delete a schedule (its runs stay in the audit log)")
	ResponseEntity<Void> delete(Caller caller, @PathVariable long id) {
		writer(caller);
		inScope(caller, id, false);
		this.transactions.executeWithoutResult((status) -> {
			Schedule current = inScope(caller, id, true);
			quartz(() -> this.scheduler.deleteJob(jobKey(id)));
			this.schedules.delete(id);
			audit(caller, current.brandId(), id, "deleted", Map.of("name", current.name()));
		});
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/run")
	@Operation(operationId = "runSchedule",
			summary = "Run a schedule now, once, in whichever console replica takes it (202)")
	ResponseEntity<ScheduleView> runNow(Caller caller, @PathVariable long id) {
		writer(caller);
		Schedule schedule = inScope(caller, id, false);
		if (!schedule.enabled()) {
			throw ApiException.conflict("SCHEDULE_PAUSED", "Schedule " + id + " is paused: enable it to run it");
		}
		audit(caller, schedule.brandId(), id, "run_requested", Map.of());
		// Outside a transaction: the one-off trigger is committed before the scheduler
		// thread is woken to look for it, so it runs at once rather than at the next
		// poll.
		quartz(() -> this.scheduler.triggerJob(jobKey(id)));
		return ResponseEntity.accepted().body(view(schedule));
	}

	private ScheduleView view(Schedule schedule) {
		List<Instant> next = schedule.enabled() ? schedule.timing().nextRuns(Instant.now(), NEXT_RUNS) : List.of();
		return new ScheduleView(schedule.id(), schedule.brandId(), schedule.name(), schedule.kind().code(),
				schedule.kind().label(), schedule.timing().expression(), schedule.timing().zone().getId(),
				schedule.enabled(), next, this.schedules.runs(schedule.id(), SHOWN_RUNS), schedule.createdBy(),
				schedule.createdAt(), schedule.updatedAt());
	}

	private Schedule inScope(Caller caller, long id, boolean forUpdate) {
		return this.schedules.find(caller.scope(), id, forUpdate)
			.orElseThrow(() -> ApiException.notFound("There is no schedule " + id));
	}

	private CronSchedule timing(String cron, String timeZone) {
		CronSchedule timing = validated(() -> CronSchedule.parse(cron, timeZone));
		Duration gap = timing.shortestGap(Instant.now(), 20);
		if (gap != null && gap.compareTo(this.minimumInterval) < 0) {
			throw ApiException.invalid("cron", "TOO_FREQUENT", "'" + timing.expression() + "' fires every " + gap
					+ " at times: schedules fire at most every " + this.minimumInterval);
		}
		return timing;
	}

	private static Long brandFor(Caller caller, Long requested) {
		if (caller.brandId() == null) {
			// An operator: one brand, or every brand when none is named.
			return requested;
		}
		if (requested != null && !requested.equals(caller.brandId())) {
			throw ApiException.invalid("brandId", "FOREIGN_BRAND", "A schedule works for your own brand only");
		}
		return caller.brandId();
	}

	private static void writer(Caller caller) {
		if (!caller.canWrite()) {
			throw ApiException.forbidden("Viewers cannot change schedules");
		}
	}

	private static <T> T validated(java.util.function.Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (InvalidScheduleException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-request", ex.getMessage(),
					List.of(new FieldError(ex.field(), ex.code(), ex.getMessage())));
		}
	}

	private void audit(Caller caller, Long brandId, long id, String action, Map<String, Object> details) {
		this.auditLog.record(new AuditEvent(brandId, "schedule", Long.toString(id), action, caller.actor(), details));
	}

	static JobKey jobKey(long id) {
		return JobKey.jobKey("schedule-" + id, JOB_GROUP);
	}

	static TriggerKey triggerKey(long id) {
		return TriggerKey.triggerKey("schedule-" + id, JOB_GROUP);
	}

	private static JobDetail job(long id) {
		return JobBuilder.newJob(ScheduledWorkJob.class)
			.withIdentity(jobKey(id))
			.usingJobData(ScheduledWorkJob.SCHEDULE_ID, id)
			.storeDurably()
			.build();
	}

	/**
	 * The schedule's cron trigger. A fire time missed while no console ran (all replicas
	 * down) fires once when one is back, then the schedule goes on.
	 */
	private static CronTrigger trigger(long id, CronSchedule timing) {
		return TriggerBuilder.newTrigger()
			.withIdentity(triggerKey(id))
			.forJob(jobKey(id))
			.withSchedule(
					CronScheduleBuilder.cronSchedule(timing.quartz()).withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

	private static void quartz(QuartzCall call) {
		try {
			call.run();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("The scheduler refused the change: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface QuartzCall {

		void run() throws SchedulerException;

	}

	/**
	 * A new schedule.
	 *
	 * @param name a name for people
	 * @param kind {@code export_minted} or {@code restart_failed_mints}
	 * @param cron a Quartz cron expression
	 * @param timeZone an IANA time zone id (default UTC)
	 * @param brandId the brand (operators only; a brand's callers always get their own;
	 * operators who name none get an every-brand schedule)
	 * @param enabled whether it fires (default true)
	 */
	record NewSchedule(@NotBlank @Size(max = 100) @NoControlCharacters String name,
			@NotBlank @Size(max = 40) String kind, @NotBlank @Size(max = 200) String cron,
			@Size(max = 60) String timeZone, @Positive Long brandId, Boolean enabled) {

	}

	/**
	 * A change to a schedule: its timing, and optionally its name and whether it is
	 * enabled.
	 *
	 * @param name the new name, or {@code null} to keep it
	 * @param cron the cron expression
	 * @param timeZone the time zone (default UTC)
	 * @param enabled whether it fires, or {@code null} to keep it
	 */
	record ScheduleChange(@Size(min = 1, max = 100) @NoControlCharacters String name,
			@NotBlank @Size(max = 200) String cron, @Size(max = 60) String timeZone, Boolean enabled) {

	}

	/**
	 * A schedule as the API shows it.
	 *
	 * @param id its id
	 * @param brandId its brand, or {@code null} for every brand
	 * @param name its name
	 * @param kind what it does ({@code export_minted}, {@code restart_failed_mints})
	 * @param kindLabel the same, for people
	 * @param cron its cron expression
	 * @param timeZone the time zone the expression is read in
	 * @param enabled whether it fires
	 * @param nextRuns its next fire times (none while paused)
	 * @param runs its latest runs, newest first
	 * @param createdBy who created it
	 * @param createdAt when
	 * @param updatedAt when it last changed
	 */
	record ScheduleView(long id, Long brandId, String name, String kind, String kindLabel, String cron, String timeZone,
			boolean enabled, List<Instant> nextRuns, List<ScheduleRun> runs, String createdBy, Instant createdAt,
			Instant updatedAt) {

	}

}
