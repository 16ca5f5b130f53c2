package io.dppmint.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.dppmint.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The audit chain on a real PostgreSQL. Tests that tamper with history run in a schema of
 * their own (migrated from scratch), so the shared test database keeps a valid chain for
 * everyone else.
 */
class AuditChainIntegrationTests {

	@Test
	void sealsRecordedEventsIntoAChainThatVerifies() {
		Chain chain = new Chain(TestPostgres.get().dataSource());
		String entity = UUID.randomUUID().toString();
		for (int i = 0; i < 25; i++) {
			chain.log
				.record(new AuditEvent(null, "batch", entity, "event_" + i, "test", Map.of("n", i, "note", "é\"")));
		}

		chain.sealer.sealAll();

		assertThat(
				chain.jdbc.sql("select count(*) from audit_events where entity_id = :entity and chain_seq is not null")
					.param("entity", entity)
					.query(Long.class)
					.single())
			.isEqualTo(25);
		AuditVerification verification = chain.verifier.verify();
		assertThat(verification.intact()).as(verification.toString()).isTrue();
		assertThat(verification.eventsVerified()).isGreaterThanOrEqualTo(25);
	}

	@Test
	void concurrentWritersAndSealersBuildOneGaplessChainSealingEachEventOnce() throws Exception {
		Chain chain = new Chain(TestPostgres.get().dataSource());
		String entity = UUID.randomUUID().toString();
		CyclicBarrier start = new CyclicBarrier(10);
		List<Future<?>> work = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(10)) {
			for (int writer = 0; writer < 8; writer++) {
				int id = writer;
				work.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 250; i++) {
						chain.log.record(new AuditEvent(7L, "token", entity, "w" + id + "_" + i, "test", Map.of()));
					}
					return null;
				}));
			}
			for (int sealer = 0; sealer < 2; sealer++) {
				work.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 40; i++) {
						chain.sealer.sealAll();
					}
					return null;
				}));
			}
			for (Future<?> done : work) {
				done.get();
			}
		}
		chain.sealer.sealAll();

		assertThat(chain.jdbc
			.sql("""
					select count(*), count(distinct chain_seq) from audit_events where entity_id = :entity and chain_seq is not null""")
			.param("entity", entity)
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single()).containsExactly(2000L, 2000L);
		assertThat(chain.verifier.verify().intact()).isTrue();
	}

	@Test
	void recordsNothingWhenTheCallersTransactionRollsBack() {
		DataSource dataSource = TestPostgres.get().dataSource();
		Chain chain = new Chain(dataSource);
		String entity = UUID.randomUUID().toString();
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

		transaction.executeWithoutResult((status) -> {
			chain.log.record(new AuditEvent(null, "batch", entity, "created", "test", Map.of()));
			status.setRollbackOnly();
		});

		assertThat(chain.jdbc.sql("select count(*) from audit_events where entity_id = :entity")
			.param("entity", entity)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void rejectsInvalidEventsWithSpecificErrors() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AuditEvent(null, "Batch!", "1", "created", "t", null))
			.withMessageContaining("entity type");
		assertThatIllegalArgumentException().isThrownBy(() -> new AuditEvent(null, "batch", " ", "created", "t", null))
			.withMessageContaining("entity id");
		assertThatIllegalArgumentException().isThrownBy(() -> new AuditEvent(null, "batch", "1", null, "t", null))
			.withMessageContaining("action");
		assertThatIllegalArgumentException().isThrownBy(() -> new AuditEvent(null, "batch", "1", "created", "", null))
			.withMessageContaining("actor");
	}

	@Test
	void refusesToChangeOrDeleteSealedEvents() {
		Chain chain = Chain.isolated();
		chain.record(3);

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> chain.jdbc.sql("update audit_events set actor = 'mallory' where chain_seq = 2").update())
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> chain.jdbc.sql("delete from audit_events where chain_seq = 2").update())
			.withMessageContaining("append-only");
		assertThat(chain.verifier.verify().intact()).isTrue();
	}

	@Test
	void detectsAnEditedEventWhateverFieldChanged() {
		for (String edit : List.of("actor = 'mallory'", "action = 'deleted'", "entity_id = 'other'",
				"details = '{\"n\": 99}'", "occurred_at = occurred_at + interval '1 microsecond'", "brand_id = 42")) {
			Chain chain = Chain.isolated();
			chain.record(5);

			chain.tamper("update audit_events set " + edit + " where chain_seq = 3");

			AuditVerification verification = chain.verifier.verify();
			assertThat(verification.intact()).as(edit).isFalse();
			assertThat(verification.brokenAt()).as(edit).isEqualTo(3);
			assertThat(verification.problem()).as(edit).contains("changed after it was sealed");
		}
	}

	@Test
	void detectsADeletedEventInTheMiddle() {
		Chain chain = Chain.isolated();
		chain.record(5);

		chain.tamper("delete from audit_events where chain_seq = 2");

		AuditVerification verification = chain.verifier.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(2);
		assertThat(verification.problem()).contains("missing");
	}

	@Test
	void detectsADeletedTailAndATamperedHead() {
		Chain tail = Chain.isolated();
		tail.record(5);
		tail.tamper("delete from audit_events where chain_seq = 5");

		AuditVerification verification = tail.verifier.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.problem()).contains("head");

		Chain head = Chain.isolated();
		head.record(5);
		head.jdbc.sql("update audit_chain_head set hash = repeat('f', 64)").update();
		assertThat(head.verifier.verify().intact()).isFalse();
	}

	@Test
	void detectsARewrittenEventWhoseHashWasRecomputedWithoutItsSuccessors() {
		Chain chain = Chain.isolated();
		chain.record(5);
		String forged = AuditChainSealer
			.hash(chain.jdbc.sql("select previous_hash from audit_events where chain_seq = 3")
				.query(String.class)
				.single(), "forged");

		chain.tamper("update audit_events set hash = '" + forged + "' where chain_seq = 3");

		AuditVerification verification = chain.verifier.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(3);
	}

	private static final class Chain {

		final JdbcClient jdbc;

		final AuditLog log;

		final AuditChainSealer sealer;

		final AuditChainVerifier verifier;

		Chain(DataSource dataSource) {
			this.jdbc = JdbcClient.create(dataSource);
			TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
			this.log = new AuditLog(this.jdbc);
			this.sealer = new AuditChainSealer(this.jdbc, transactions);
			this.verifier = new AuditChainVerifier(dataSource, transactions);
		}

		static Chain isolated() {
			TestPostgres postgres = TestPostgres.get();
			String schema = "audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			Flyway.configure()
				.dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
				.schemas(schema)
				.defaultSchema(schema)
				.locations("classpath:db/migration")
				.load()
				.migrate();
			String url = postgres.jdbcUrl() + (postgres.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema="
					+ schema;
			return new Chain(new SimpleDriverDataSource(new org.postgresql.Driver(), url, postgres.username(),
					postgres.password()));
		}

		void record(int events) {
			for (int i = 0; i < events; i++) {
				this.log.record(new AuditEvent(1L, "batch", Integer.toString(i), "created", "test", Map.of("n", i)));
			}
			this.sealer.sealAll();
			assertThat(this.verifier.verify().intact()).isTrue();
		}

		void tamper(String sql) {
			this.jdbc.sql("alter table audit_events disable trigger audit_events_append_only_trg").update();
			this.jdbc.sql(sql).update();
			this.jdbc.sql("alter table audit_events enable trigger audit_events_append_only_trg").update();
		}

	}

}
