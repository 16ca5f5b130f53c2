package io.dppmint.console.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportLockedException;
import io.dppmint.core.export.ExportRejectedException;
import io.dppmint.core.export.ExportSubmission;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.tenancy.BrandScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a schedule does when Quartz fires it, in whichever console replica acquired the
 * trigger: takes the fire time's row in the run ledger (so a fire time runs once even if
 * a trigger were delivered twice), does the schedule's work through the same intakes as a
 * person would, records the outcome and audits it. Work is bounded per run
 * ({@value #MAX_BATCHES_PER_RUN} batches); what remains is taken by the next run.
 */
@Component
class ScheduledWork {

	static final int MAX_BATCHES_PER_RUN = 1000;

	private static final Logger logger = LoggerFactory.getLogger(ScheduledWork.class);

	private final JdbcClient jdbc;

	private final JdbcSchedules schedules;

	private final ExportIntake exports;

	private final JdbcMintBatchRepository batches;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	private final int maxAutomaticRestarts;

	ScheduledWork(JdbcClient jdbc, ExportIntake exports, JdbcMintBatchRepository batches, AuditLog auditLog,
			TransactionTemplate transactions,
			@Value("${dpp.console.schedules.max-automatic-restarts:3}") int maxAutomaticRestarts) {
		this.jdbc = jdbc;
		this.schedules = new JdbcSchedules(jdbc);
		this.exports = exports;
		this.batches = batches;
		this.auditLog = auditLog;
		this.transactions = transactions;
		this.maxAutomaticRestarts = maxAutomaticRestarts;
	}

	/**
	 * Run a schedule for one fire time.
	 * @param scheduleId the schedule
	 * @param fireTime the fire time Quartz fired it for
	 * @param instance the Quartz instance running it
	 * @return whether this call ran it ({@code false}: the fire time ran already, or the
	 * schedule is gone)
	 */
	boolean run(long scheduleId, Instant fireTime, String instance) {
		if (!this.schedules.claimRun(scheduleId, fireTime, instance)) {
			logger.info("Schedule {}: the run for {} is taken already (or the schedule is gone)", scheduleId, fireTime);
			return false;
		}
		Schedule schedule = this.schedules.find(BrandScope.everyBrand(), scheduleId, false).orElse(null);
		String outcome;
		String summary;
		if (schedule == null || !schedule.enabled()) {
			outcome = "skipped";
			summary = "The schedule is paused";
		}
		else {
			try {
				summary = switch (schedule.kind()) {
					case EXPORT_MINTED -> exportMinted(schedule);
					case RESTART_FAILED_MINTS -> restartFailedMints(schedule);
				};
				outcome = "succeeded";
			}
			catch (RuntimeException ex) {
				logger.warn("Schedule {} failed for {}", scheduleId, fireTime, ex);
				outcome = "failed";
				summary = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			}
		}
		this.schedules.finishRun(scheduleId, fireTime, outcome, summary);
		this.auditLog.record(new AuditEvent((schedule != null) ? schedule.brandId() : null, "schedule",
				Long.toString(scheduleId), "ran", actor(scheduleId),
				Map.of("fireTime", fireTime.toString(), "outcome", outcome, "summary", summary, "instance", instance)));
		logger.info("Schedule {} ran for {}: {} ({})", scheduleId, fireTime, outcome, summary);
		return true;
	}

	private String exportMinted(Schedule schedule) {
		List<long[]> candidates = this.jdbc
			.sql("""
					select b.id, b.brand_id from mint_batches b left join exports e on e.batch_id = b.id
					where b.status = 'minted' and b.finished_at >= :since and (:brandId::bigint is null or b.brand_id = :brandId)
						and (e.id is null or e.status = 'failed')
					order by b.id limit :limit""")
			.param("since", java.sql.Timestamp.from(schedule.createdAt()))
			.param("brandId", schedule.brandId())
			.param("limit", MAX_BATCHES_PER_RUN + 1)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		int queued = 0;
		int resumed = 0;
		int locked = 0;
		List<Long> refused = new ArrayList<>();
		for (long[] batch : candidates.subList(0, Math.min(candidates.size(), MAX_BATCHES_PER_RUN))) {
			try {
				ExportSubmission submission = this.exports.request(batch[0], batch[1], actor(schedule.id()));
				switch (submission.outcome()) {
					case CREATED -> queued++;
					case RESUMED -> resumed++;
					default -> {
						// queued already or completed meanwhile: nothing to count
					}
				}
			}
			catch (ExportLockedException ex) {
				locked++;
			}
			catch (ExportRejectedException ex) {
				refused.add(batch[0]);
			}
		}
		return "exports queued: " + queued + ", resumed: " + resumed + ", running elsewhere: " + locked
				+ (refused.isEmpty() ? "" : ", refused: batches " + refused)
				+ ((candidates.size() > MAX_BATCHES_PER_RUN) ? "; more remain for the next run" : "");
	}

	private String restartFailedMints(Schedule schedule) {
		List<long[]> candidates = this.jdbc.sql("""
				select b.id, b.brand_id from mint_batches b left join scheduled_restarts r on r.batch_id = b.id
				where b.status = 'failed' and (:brandId::bigint is null or b.brand_id = :brandId)
					and coalesce(r.restarts, 0) < :max
				order by b.id limit :limit""")
			.param("brandId", schedule.brandId())
			.param("max", this.maxAutomaticRestarts)
			.param("limit", MAX_BATCHES_PER_RUN)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		List<Long> restarted = new ArrayList<>();
		for (long[] batch : candidates) {
			Boolean done = this.transactions.execute((status) -> {
				if (!this.batches.requestRestart(batch[0])) {
					return false;
				}
				this.jdbc.sql("""
						insert into scheduled_restarts (batch_id, restarts) values (:id, 1)
						on conflict (batch_id) do update set restarts = scheduled_restarts.restarts + 1""")
					.param("id", batch[0])
					.update();
				this.auditLog.record(new AuditEvent(batch[1], "batch", Long.toString(batch[0]), "restart_requested",
						actor(schedule.id()), Map.of("scheduleId", schedule.id())));
				return true;
			});
			if (Boolean.TRUE.equals(done)) {
				restarted.add(batch[0]);
			}
		}
		long given = this.jdbc
			.sql("""
					select count(*) from mint_batches b join scheduled_restarts r on r.batch_id = b.id
					where b.status = 'failed' and (:brandId::bigint is null or b.brand_id = :brandId) and r.restarts >= :max""")
			.param("brandId", schedule.brandId())
			.param("max", this.maxAutomaticRestarts)
			.query(Long.class)
			.single();
		return "mint batches restarted: " + restarted.size() + (restarted.isEmpty() ? "" : " " + restarted)
				+ ((given > 0) ? "; left failed after " + this.maxAutomaticRestarts + " automatic restarts: " + given
						: "");
	}

	static String actor(long scheduleId) {
		return "schedule:" + scheduleId;
	}

}
