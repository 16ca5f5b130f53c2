package io.dppmint.core.database;

import java.util.List;

import io.dppmint.core.token.TokenStatus;
import io.dppmint.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsIntegrationTests {

	private final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	@Test
	void appliesEveryMigrationAndLeavesNonePending() {
		Flyway flyway = Flyway.configure().dataSource(TestPostgres.get().dataSource()).load();

		MigrationInfo[] all = flyway.info().all();
		assertThat(all).isNotEmpty();
		assertThat(all).extracting(MigrationInfo::getState).containsOnly(MigrationState.SUCCESS);
		assertThat(flyway.info().pending()).isEmpty();
		assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
	}

	@Test
	void createsTheFrameworkStoresAsMigrationsNotByAutoInitialisation() {
		List<String> tables = this.jdbc
			.sql("select table_name from information_schema.tables where table_schema = 'public'")
			.query(String.class)
			.list();

		assertThat(tables).contains("batch_job_instance", "batch_job_execution", "batch_step_execution",
				"batch_step_execution_context", "task_execution", "task_task_batch", "int_channel_message",
				"int_message", "int_lock", "int_metadata_store");
		assertThat(this.jdbc
			.sql("select count(*) from pg_trigger where tgname = 'int_channel_message_notify_trg' and not tgisinternal")
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void createsTheDomainTables() {
		List<String> tables = this.jdbc
			.sql("select table_name from information_schema.tables where table_schema = 'public'")
			.query(String.class)
			.list();

		assertThat(tables).contains("brands", "products", "production_runs", "mint_batches", "lots", "tokens",
				"token_revocations", "brand_counters", "exports", "export_packs", "audit_events", "audit_chain_head",
				"scan_events", "console_users", "api_keys", "registry_registrations");
	}

	@Test
	void keepsTheTokenTableFreeOfIndexesOverRandomValues() {
		List<String> indexes = this.jdbc
			.sql("select indexdef from pg_indexes where tablename = 'tokens' order by indexname")
			.query(String.class)
			.list();

		// The primary key (the resolver's lookup path) and a partial index over the rare
		// revoked tokens, whose predicate is the revoked status's code.
		assertThat(indexes).hasSize(2);
		assertThat(indexes).anySatisfy((definition) -> assertThat(definition).contains("tokens_pkey"));
		assertThat(indexes).anySatisfy(
				(definition) -> assertThat(definition).contains("WHERE (status = " + TokenStatus.REVOKED.code() + ")"));
		assertThat(this.jdbc
			.sql("select count(*) from pg_constraint where conrelid = 'tokens'::regclass and contype = 'f'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void reservesDisjointTokenBlocksFromTheSequence() {
		long first = this.jdbc.sql("select nextval('token_block_seq')").query(Long.class).single();
		long second = this.jdbc.sql("select nextval('token_block_seq')").query(Long.class).single();

		assertThat(second - first).isGreaterThanOrEqualTo(1_000_000L);
	}

}
