package io.dppmint.console.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.dppmint.core.export.ExportJob;
import io.dppmint.core.minting.MintJob;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the shared Spring Batch job repository for the job operations views: executions
 * of every job (mint and export alike) newest first, keyset-paginated on the execution id
 * in SQL (the primary key), so the list stays fast however many executions accumulate;
 * their step and partition executions; and whether a mint execution's owning process is
 * still alive (it holds the batch's lease, see {@link MintJob}).
 */
class JdbcJobExecutions {

	private static final String EXECUTION_COLUMNS = """
			e.job_execution_id, i.job_name, e.status, e.exit_code, e.exit_message, e.create_time, e.start_time,
			e.end_time, e.last_updated,
			(select p.parameter_value from batch_job_execution_params p
				where p.job_execution_id = e.job_execution_id and p.parameter_name = '%s') as batch_id,
			(select p.parameter_value from batch_job_execution_params p
				where p.job_execution_id = e.job_execution_id and p.parameter_name = '%s') as export_id,
			(select max(x.job_execution_id) from batch_job_execution x where x.job_instance_id = e.job_instance_id)
				= e.job_execution_id as latest""".formatted(MintJob.BATCH_ID, ExportJob.EXPORT_ID);

	private final JdbcClient jdbc;

	JdbcJobExecutions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ExecutionRow> page(String jobName, String status, long beforeId, int limit) {
		return this.jdbc.sql("""
				select %s
				from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
				where (cast(:jobName as text) is null or i.job_name = cast(:jobName as text))
					and (cast(:status as text) is null or e.status = cast(:status as text))
					and e.job_execution_id < :beforeId
				order by e.job_execution_id desc
				limit :limit""".formatted(EXECUTION_COLUMNS))
			.param("jobName", jobName)
			.param("status", status)
			.param("beforeId", beforeId)
			.param("limit", limit)
			.query(JdbcJobExecutions::execution)
			.list();
	}

	Optional<ExecutionRow> find(long id) {
		return this.jdbc.sql("""
				select %s
				from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
				where e.job_execution_id = :id""".formatted(EXECUTION_COLUMNS))
			.param("id", id)
			.query(JdbcJobExecutions::execution)
			.optional();
	}

	List<StepRow> steps(long executionId) {
		return this.jdbc.sql("""
				select step_execution_id, step_name, status, read_count, write_count, commit_count, rollback_count,
					start_time, end_time, exit_code, exit_message
				from batch_step_execution where job_execution_id = :id order by step_execution_id""")
			.param("id", executionId)
			.query((rs, row) -> new StepRow(rs.getLong("step_execution_id"), rs.getString("step_name"),
					rs.getString("status"), rs.getLong("read_count"), rs.getLong("write_count"),
					rs.getLong("commit_count"), rs.getLong("rollback_count"), instant(rs, "start_time"),
					instant(rs, "end_time"), rs.getString("exit_code"), rs.getString("exit_message")))
			.list();
	}

	/**
	 * A page of an execution's steps and partitions for its timeline, in step execution
	 * id order after {@code afterId} (keyset), each with the process that ran it when it
	 * recorded itself ({@code job_step_processes}).
	 */
	List<TimelineStep> timeline(long executionId, long afterId, int limit) {
		return this.jdbc.sql("""
				select s.step_execution_id, s.step_name, s.status, s.read_count, s.write_count, s.commit_count,
					s.rollback_count, s.start_time, s.end_time, s.last_updated, s.exit_code, s.exit_message, p.process
				from batch_step_execution s left join job_step_processes p on p.step_execution_id = s.step_execution_id
				where s.job_execution_id = :id and s.step_execution_id > :after
				order by s.step_execution_id limit :limit""")
			.param("id", executionId)
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, row) -> new TimelineStep(rs.getLong("step_execution_id"), rs.getString("step_name"),
					rs.getString("status"), rs.getLong("read_count"), rs.getLong("write_count"),
					rs.getLong("commit_count"), rs.getLong("rollback_count"), instant(rs, "start_time"),
					instant(rs, "end_time"), instant(rs, "last_updated"), rs.getString("exit_code"),
					rs.getString("exit_message"), rs.getString("process")))
			.list();
	}

	/** Whether a live process holds the lease of a mint batch (and so runs its job). */
	boolean mintLeaseHeld(long batchId) {
		return MintJob.isLeaseHeld(this.jdbc, batchId);
	}

	private static ExecutionRow execution(ResultSet rs, int row) throws SQLException {
		String batchId = rs.getString("batch_id");
		String exportId = rs.getString("export_id");
		return new ExecutionRow(rs.getLong("job_execution_id"), rs.getString("job_name"), rs.getString("status"),
				rs.getString("exit_code"), rs.getString("exit_message"), instant(rs, "create_time"),
				instant(rs, "start_time"), instant(rs, "end_time"), instant(rs, "last_updated"),
				(batchId != null) ? Long.valueOf(batchId) : null, (exportId != null) ? Long.valueOf(exportId) : null,
				rs.getBoolean("latest"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record ExecutionRow(long id, String jobName, String status, String exitCode, String exitMessage, Instant createdAt,
			Instant startedAt, Instant endedAt, Instant lastUpdated, Long batchId, Long exportId, boolean latest) {
	}

	record TimelineStep(long id, String name, String status, long readCount, long writeCount, long commitCount,
			long rollbackCount, Instant startedAt, Instant endedAt, Instant lastUpdated, String exitCode,
			String exitMessage, String process) {
	}

	record StepRow(long id, String name, String status, long readCount, long writeCount, long commitCount,
			long rollbackCount, Instant startedAt, Instant endedAt, String exitCode, String exitMessage) {
	}

}
