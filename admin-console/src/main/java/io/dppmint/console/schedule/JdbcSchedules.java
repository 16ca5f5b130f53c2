package io.dppmint.console.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.dppmint.core.tenancy.BrandScope;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Schedules and the ledger of their runs ({@code V21__schedules.sql}). */
class JdbcSchedules {

	private static final String COLUMNS = "id, brand_id, name, kind, cron, time_zone, enabled, created_by, created_at, updated_at";

	private final JdbcClient jdbc;

	JdbcSchedules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(Long brandId, String name, ScheduleKind kind, CronSchedule timing, boolean enabled, String createdBy) {
		return this.jdbc.sql("""
				insert into schedules (brand_id, name, kind, cron, time_zone, enabled, created_by)
				values (:brandId, :name, :kind, :cron, :zone, :enabled, :createdBy) returning id""")
			.param("brandId", brandId)
			.param("name", name)
			.param("kind", kind.code())
			.param("cron", timing.expression())
			.param("zone", timing.zone().getId())
			.param("enabled", enabled)
			.param("createdBy", createdBy)
			.query(Long.class)
			.single();
	}

	void update(long id, String name, CronSchedule timing, boolean enabled) {
		this.jdbc
			.sql("""
					update schedules set name = :name, cron = :cron, time_zone = :zone, enabled = :enabled, updated_at = now()
					where id = :id""")
			.param("id", id)
			.param("name", name)
			.param("cron", timing.expression())
			.param("zone", timing.zone().getId())
			.param("enabled", enabled)
			.update();
	}

	void delete(long id) {
		this.jdbc.sql("delete from schedules where id = ?").param(id).update();
	}

	/** A schedule in the scope, locked for a change when {@code forUpdate}. */
	Optional<Schedule> find(BrandScope scope, long id, boolean forUpdate) {
		return this.jdbc
			.sql("select " + COLUMNS + " from schedules where id = :id and (:all or brand_id = :brandId)"
					+ (forUpdate ? " for update" : ""))
			.param("id", id)
			.param("all", scope.allBrands())
			.param("brandId", scope.allBrands() ? null : scope.brandId())
			.query(JdbcSchedules::schedule)
			.optional();
	}

	/**
	 * The schedules in the scope, by id. A brand's callers see their brand's; operators
	 * every one, the every-brand schedules included.
	 */
	List<Schedule> list(BrandScope scope) {
		return this.jdbc
			.sql("select " + COLUMNS + " from schedules where (:all or brand_id = :brandId) order by id limit 500")
			.param("all", scope.allBrands())
			.param("brandId", scope.allBrands() ? null : scope.brandId())
			.query(JdbcSchedules::schedule)
			.list();
	}

	/**
	 * Take the run of a fire time: {@code false} when it is taken already (a fire time
	 * runs once) or the schedule is gone.
	 */
	boolean claimRun(long scheduleId, Instant fireTime, String instance) {
		return this.jdbc.sql("""
				insert into schedule_runs (schedule_id, fire_time, instance)
				select id, :fireTime, :instance from schedules where id = :id
				on conflict do nothing""")
			.param("id", scheduleId)
			.param("fireTime", Timestamp.from(fireTime))
			.param("instance", instance)
			.update() == 1;
	}

	void finishRun(long scheduleId, Instant fireTime, String outcome, String summary) {
		this.jdbc.sql("""
				update schedule_runs set finished_at = now(), outcome = :outcome, summary = :summary
				where schedule_id = :id and fire_time = :fireTime""")
			.param("id", scheduleId)
			.param("fireTime", Timestamp.from(fireTime))
			.param("outcome", outcome)
			.param("summary", (summary.length() > 2000) ? summary.substring(0, 2000) : summary)
			.update();
	}

	/** A schedule's latest runs, newest first. */
	List<ScheduleRun> runs(long scheduleId, int limit) {
		return this.jdbc.sql("""
				select schedule_id, fire_time, started_at, finished_at, outcome, summary, instance
				from schedule_runs where schedule_id = :id order by fire_time desc limit :limit""")
			.param("id", scheduleId)
			.param("limit", limit)
			.query((rs, row) -> new ScheduleRun(rs.getLong("schedule_id"), instant(rs, "fire_time"),
					instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("outcome"),
					rs.getString("summary"), rs.getString("instance")))
			.list();
	}

	private static Schedule schedule(ResultSet rs, int row) throws SQLException {
		long brandId = rs.getLong("brand_id");
		return new Schedule(rs.getLong("id"), rs.wasNull() ? null : brandId, rs.getString("name"),
				ScheduleKind.fromCode(rs.getString("kind")),
				new CronSchedule(rs.getString("cron"), ZoneId.of(rs.getString("time_zone"))), rs.getBoolean("enabled"),
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
