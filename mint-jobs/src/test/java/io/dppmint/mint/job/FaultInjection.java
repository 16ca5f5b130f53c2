package io.dppmint.mint.job;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes COPY into the token table fail for one batch, from inside PostgreSQL: a statement
 * trigger looks at the rows being inserted and raises a serialization failure (SQLSTATE
 * 40001, a transient error) on the calls numbered
 * {@code passFirst + 1 .. passFirst + failTimes}. The call counter is a sequence, so
 * failed (rolled back) calls still count. The trigger runs as its owner (security
 * definer): the app inserting the tokens runs as its own role, which may not read the
 * test's table.
 */
final class FaultInjection implements AutoCloseable {

	private final JdbcClient jdbc;

	private final long batchId;

	private FaultInjection(JdbcClient jdbc, long batchId) {
		this.jdbc = jdbc;
		this.batchId = batchId;
	}

	static FaultInjection failCopies(JdbcClient jdbc, long batchId, int passFirst, int failTimes) {
		jdbc.sql(
				"""
						create table if not exists test_copy_faults (batch_id bigint primary key, pass_first int, fail_times int)""")
			.update();
		jdbc.sql("""
				create or replace function test_copy_fault() returns trigger language plpgsql security definer as $$
				declare
					target bigint;
					fault record;
					call bigint;
				begin
					select batch_id into target from inserted limit 1;
					select * into fault from test_copy_faults where batch_id = target;
					if found then
						call := nextval('test_copy_fault_calls_' || target);
						if call > fault.pass_first and call <= fault.pass_first + fault.fail_times then
							raise exception using errcode = '40001', message = 'injected fault on COPY call ' || call;
						end if;
					end if;
					return null;
				end $$""").update();
		jdbc.sql("drop trigger if exists test_copy_fault_trg on tokens").update();
		jdbc.sql("""
				create trigger test_copy_fault_trg after insert on tokens referencing new table as inserted
				for each statement execute function test_copy_fault()""").update();
		jdbc.sql("create sequence test_copy_fault_calls_" + batchId).update();
		jdbc.sql("insert into test_copy_faults values (:batchId, :passFirst, :failTimes)")
			.param("batchId", batchId)
			.param("passFirst", passFirst)
			.param("failTimes", failTimes)
			.update();
		return new FaultInjection(jdbc, batchId);
	}

	/** COPY calls made for the batch so far, failed ones included. */
	long calls() {
		return this.jdbc
			.sql("select case when is_called then last_value else 0 end from test_copy_fault_calls_" + this.batchId)
			.query(Long.class)
			.single();
	}

	/** Stop failing (the database is healthy again). */
	void heal() {
		this.jdbc.sql("delete from test_copy_faults where batch_id = :batchId").param("batchId", this.batchId).update();
	}

	@Override
	public void close() {
		heal();
		this.jdbc.sql("drop trigger if exists test_copy_fault_trg on tokens").update();
	}

}
