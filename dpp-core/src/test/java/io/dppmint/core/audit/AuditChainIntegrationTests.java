package io.dppmint.core.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The audit chain on a real PostgreSQL, against the database's owner: every way of
 * rewriting history that the owner has (wiping, truncating, editing, re-hashing,
 * reordering, forging, rebuilding, rolling the chain back to unkeyed links) is either
 * refused by the database or found by the verifier, with the first bad position. Tests
 * that tamper with history run in a schema of their own (migrated from scratch), so the
 * shared test database keeps a valid chain for everyone else.
 */
class AuditChainIntegrationTests {

	private static final AuditChainKey KEY = new AuditChainKey(Base64.getDecoder().decode(TestSecrets.AUDIT_KEY));

	@TempDir
	Path directory;

	@Test
	void sealsRecordedEventsIntoAKeyedChainThatVerifies() {
		Chain chain = new Chain(TestPostgres.get().dataSource(), null);
		String entity = UUID.randomUUID().toString();
		for (int i = 0; i < 25; i++) {
			chain.log
				.record(new AuditEvent(null, "batch", entity, "event_" + i, "test", Map.of("n", i, "note", "é\"")));
		}

		chain.sealer.sealAll();

		assertThat(chain.jdbc.sql("select hash from audit_events where entity_id = :entity")
			.param("entity", entity)
			.query(String.class)
			.list()).hasSize(25).allSatisfy((hash) -> assertThat(hash).matches("hmac-sha256:[0-9a-f]{64}"));
		AuditVerification verification = chain.verifier.verify(null);
		assertThat(verification.intact()).as(verification.toString()).isTrue();
		assertThat(verification.position()).isGreaterThanOrEqualTo(25);
	}

	@Test
	void concurrentWritersAndSealersBuildOneGaplessChainSealingEachEventOnce() throws Exception {
		Chain chain = new Chain(TestPostgres.get().dataSource(), null);
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
		assertThat(chain.verifier.verify(null).intact()).isTrue();
	}

	@Test
	void recordsNothingWhenTheCallersTransactionRollsBack() {
		DataSource dataSource = TestPostgres.get().dataSource();
		Chain chain = new Chain(dataSource, null);
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

	// Refused by the database, even to its owner (short of dropping the triggers)

	@Test
	void refusesToChangeDeleteOrTruncateTheLog() {
		Chain chain = isolated();
		chain.record(3);

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> chain.jdbc.sql("update audit_events set actor = 'mallory' where chain_seq = 2").update())
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> chain.jdbc.sql("delete from audit_events where chain_seq = 2").update())
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> chain.jdbc.sql("truncate audit_events").update())
			.havingRootCause()
			.withMessageContaining("cannot be truncated");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> chain.jdbc.sql("truncate audit_chain_head").update())
			.havingRootCause()
			.withMessageContaining("cannot be truncated");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> chain.jdbc.sql("delete from audit_chain_head").update())
			.havingRootCause()
			.withMessageContaining("cannot be deleted");
		assertThat(chain.monitor.verifyNow().intact()).isTrue();
	}

	@Test
	void refusesAnEventThatArrivesSealedOrWithItsOwnTime() {
		Chain chain = isolated();
		chain.record(2);

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> chain.jdbc.sql("""
				insert into audit_events (entity_type, entity_id, action, actor, chain_seq, previous_hash, hash)
				values ('batch', 'x', 'created', 'mallory', 3, 'x', 'x')""").update())
			.havingRootCause()
			.withMessageContaining("arrived with a chain position");
		chain.jdbc.sql("""
				insert into audit_events (entity_type, entity_id, action, actor, occurred_at)
				values ('batch', 'x', 'backdated', 'mallory', '2001-01-01')""").update();

		assertThat(chain.jdbc
			.sql("select occurred_at > now() - interval '1 hour' from audit_events where action = 'backdated'")
			.query(Boolean.class)
			.single()).isTrue();
		chain.sealer.sealAll();
		assertThat(chain.monitor.verifyNow().intact()).isTrue();
	}

	// Found by the verifier

	@Test
	void detectsAWipedChainThroughTheCheckpoint() {
		Chain chain = isolated();
		chain.record(5);

		chain.tamper("truncate audit_events; delete from audit_chain_head");

		AuditVerification wiped = chain.monitor.verifyNow();
		assertThat(wiped.intact()).isFalse();
		assertThat(wiped.brokenAt()).isEqualTo(1);
		assertThat(wiped.problem()).contains("wiped or truncated");
		assertThat(chain.checkpointFile().read()).get().extracting(AuditCheckpoint::position).isEqualTo(5L);

		chain.record(7, false);
		AuditVerification rebuilt = chain.monitor.verifyNow();
		assertThat(rebuilt.intact()).isFalse();
		assertThat(rebuilt.brokenAt()).isEqualTo(5);
		assertThat(rebuilt.problem()).contains("rebuilt or rewritten");
		assertThat(chain.checkpointFile().read()).get()
			.extracting(AuditCheckpoint::position)
			.as("a broken chain gets no checkpoint")
			.isEqualTo(5L);
	}

	@Test
	void detectsATruncatedTailThatOnlyTheCheckpointRemembers() {
		Chain chain = isolated();
		chain.record(5);

		chain.tamper("delete from audit_events where chain_seq > 3; "
				+ "update audit_chain_head set (chain_seq, hash) = (select chain_seq, hash from audit_events where chain_seq = 3)");

		assertThat(chain.verifier.verify(null).intact()).as("without the checkpoint, a shorter chain looks whole")
			.isTrue();
		AuditVerification truncated = chain.monitor.verifyNow();
		assertThat(truncated.intact()).isFalse();
		assertThat(truncated.brokenAt()).isEqualTo(4);
		assertThat(truncated.problem()).contains("the chain ends at position 3").contains("covers position 5");
	}

	@Test
	void detectsAnEditedEventWhateverFieldChanged() {
		for (String edit : List.of("actor = 'mallory'", "action = 'deleted'", "entity_id = 'other'",
				"details = '{\"n\": 99}'", "occurred_at = occurred_at + interval '1 microsecond'", "brand_id = 42")) {
			Chain chain = isolated();
			chain.record(5);

			chain.tamper("update audit_events set " + edit + " where chain_seq = 3");

			AuditVerification verification = chain.monitor.verifyNow();
			assertThat(verification.intact()).as(edit).isFalse();
			assertThat(verification.brokenAt()).as(edit).isEqualTo(3);
			assertThat(verification.problem()).as(edit).contains("changed after it was sealed");
		}
	}

	@Test
	void detectsADeletedEventInTheMiddle() {
		Chain chain = isolated();
		chain.record(5);

		chain.tamper("delete from audit_events where chain_seq = 2");

		AuditVerification verification = chain.monitor.verifyNow();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(2);
		assertThat(verification.problem()).contains("missing");
	}

	@Test
	void detectsAnEditedChainReHashedWithoutTheKey() {
		AuditChainKey another = new AuditChainKey(randomKey());
		Chain unkeyed = isolated();
		unkeyed.record(5);
		Chain otherKey = isolated();
		otherKey.record(5);

		unkeyed.tamper("update audit_events set actor = 'mallory' where chain_seq = 3");
		unkeyed.relink(3, (seq, previous, canonical) -> AuditChainKey.unkeyedLink(previous, canonical));
		otherKey.tamper("update audit_events set actor = 'mallory' where chain_seq = 3");
		otherKey.relink(3, another::link);

		AuditVerification sha256 = unkeyed.monitor.verifyNow();
		AuditVerification hmac = otherKey.monitor.verifyNow();
		assertThat(sha256.intact()).isFalse();
		assertThat(sha256.brokenAt()).isEqualTo(3);
		assertThat(sha256.problem()).contains("unkeyed link after keyed ones");
		assertThat(hmac.intact()).isFalse();
		assertThat(hmac.brokenAt()).isEqualTo(3);
		assertThat(hmac.problem()).contains("sealed without the audit key");
	}

	@Test
	void detectsReorderedEvents() {
		Chain chain = isolated();
		chain.record(5);

		chain.tamper("update audit_events set chain_seq = -chain_seq where chain_seq in (2, 3); "
				+ "update audit_events set chain_seq = case chain_seq when -2 then 3 else 2 end where chain_seq < 0");

		AuditVerification verification = chain.monitor.verifyNow();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(2);
	}

	@Test
	void detectsAForgedEventAndKeepsSealingAfterIt() {
		Chain chain = isolated();
		chain.record(4);
		String last = chain.jdbc.sql("select hash from audit_events where chain_seq = 4").query(String.class).single();

		chain.tamper("insert into audit_events (entity_type, entity_id, action, actor, chain_seq, previous_hash, hash) "
				+ "values ('token', 'x', 'revoked', 'admin', 5, '" + last + "', 'hmac-sha256:" + "ab".repeat(32)
				+ "')");
		chain.log.record(new AuditEvent(1L, "batch", "after", "created", "test", Map.of()));
		chain.sealer.sealAll();

		assertThat(chain.jdbc.sql("select chain_seq from audit_events where entity_id = 'after'")
			.query(Long.class)
			.single()).as("sealing goes on after a planted event").isEqualTo(6);
		AuditVerification verification = chain.monitor.verifyNow();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(5);
		assertThat(verification.problem()).contains("sealed without the audit key");
	}

	@Test
	void refusesACheckpointNotSignedWithTheAuditKey() throws Exception {
		Chain chain = isolated();
		chain.record(5);
		Path file = chain.checkpointFile().path();
		String genuine = Files.readString(file);

		Files.writeString(file, genuine.replace("position 5", "position 2"));
		AuditVerification edited = chain.monitor.verifyNow();
		Files.writeString(file, AuditCheckpointFile
			.text(new AuditCheckpoint(2, AuditChainSealer.GENESIS, 0, Instant.now()), new AuditChainKey(randomKey())));
		AuditVerification forged = chain.monitor.verifyNow();

		assertThat(edited.intact()).isFalse();
		assertThat(edited.problem()).contains("not signed with this platform's audit key");
		assertThat(forged.intact()).isFalse();
		assertThat(forged.problem()).contains("not signed with this platform's audit key");
		assertThat(Files.readString(file)).as("an untrusted checkpoint is never replaced").contains("position 2");
	}

	@Test
	void acceptsAnUnkeyedPrefixSealedBeforeTheKeyButNoUnkeyedRewrite() {
		Chain chain = isolated();
		for (int i = 0; i < 3; i++) {
			chain.log.record(new AuditEvent(1L, "batch", Integer.toString(i), "created", "test", Map.of()));
		}
		chain.relink(1, (seq, previous, canonical) -> AuditChainKey.unkeyedLink(previous, canonical));
		chain.record(2);

		AuditVerification verification = chain.monitor.verifyNow();
		assertThat(verification.intact()).as(verification.toString()).isTrue();
		assertThat(verification.unkeyedEnd()).isEqualTo(3);
		assertThat(verification.position()).isEqualTo(5);

		chain.relink(1, (seq, previous, canonical) -> AuditChainKey.unkeyedLink(previous, canonical));
		AuditVerification rewritten = chain.monitor.verifyNow();
		assertThat(rewritten.intact()).isFalse();
		assertThat(rewritten.brokenAt()).isEqualTo(5);
	}

	@Test
	void verifiesAcrossARotationOfTheAuditKeyAndRefusesTheRetiredKeyAfterIt() {
		byte[] oldKey = Base64.getDecoder().decode(TestSecrets.AUDIT_KEY);
		byte[] newKey = randomKey();
		Chain before = isolated();
		before.record(5);
		Chain rotated = before.withKey(new AuditChainKey(newKey, List.of(oldKey)));

		rotated.record(5);

		AuditVerification oldKeyAlone = before.verifier.verify(null);
		assertThat(oldKeyAlone.brokenAt()).as("the new key linked what came after the rotation").isEqualTo(6);
		assertThatExceptionOfType(AuditCheckpointFile.InvalidCheckpointException.class)
			.as("the checkpoint was signed again, with the new key")
			.isThrownBy(() -> before.checkpointFile().read());
		AuditVerification newKeyAlone = before.withKey(new AuditChainKey(newKey)).verifier.verify(null);
		assertThat(newKeyAlone.brokenAt()).as("without the retired key, what it linked does not verify").isEqualTo(1);

		rotated.log.record(new AuditEvent(1L, "batch", "forged", "created", "test", Map.of()));
		before.sealer.sealAll();
		AuditVerification forged = rotated.monitor.verifyNow();
		assertThat(forged.intact()).isFalse();
		assertThat(forged.brokenAt()).isEqualTo(11);
		assertThat(forged.problem()).contains("retired audit key after events linked with a newer one");
	}

	@Test
	void verifiesOnlyWhatWasSealedSinceBetweenFullWalksButStillNoticesTheAnchorChanging() {
		Chain chain = isolated(Duration.ofHours(1));
		chain.record(5);
		chain.record(3);
		assertThat(chain.monitor.latest().full()).isFalse();
		assertThat(chain.monitor.latest().eventsChecked()).isEqualTo(3);

		chain.tamper("update audit_events set actor = 'mallory' where chain_seq = 8");

		AuditVerification verification = chain.monitor.verifyNow();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(8);
	}

	private Chain isolated() {
		return isolated(Duration.ZERO);
	}

	private Chain isolated(Duration fullInterval) {
		TestPostgres.Schema schema = TestPostgres.get().freshSchema();
		return new Chain(schema.dataSource(), this.directory.resolve(schema.name()).resolve("checkpoint"),
				fullInterval);
	}

	private static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	@FunctionalInterface
	private interface Link {

		String of(long seq, String previous, String canonical);

	}

	private static final class Chain {

		final JdbcClient jdbc;

		final AuditLog log;

		final AuditChainSealer sealer;

		final AuditChainVerifier verifier;

		final AuditChainMonitor monitor;

		Chain(DataSource dataSource, Path checkpoint) {
			this(dataSource, checkpoint, Duration.ZERO);
		}

		private final DataSource dataSource;

		private final Path checkpoint;

		private final Duration fullInterval;

		Chain(DataSource dataSource, Path checkpoint, Duration fullInterval) {
			this(dataSource, checkpoint, fullInterval, KEY);
		}

		Chain(DataSource dataSource, Path checkpoint, Duration fullInterval, AuditChainKey key) {
			this.dataSource = dataSource;
			this.checkpoint = checkpoint;
			this.fullInterval = fullInterval;
			this.jdbc = JdbcClient.create(dataSource);
			DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
			TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
			snapshot.setReadOnly(true);
			snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
			this.log = new AuditLog(this.jdbc);
			this.sealer = new AuditChainSealer(this.jdbc, new TransactionTemplate(transactionManager), key);
			this.verifier = new AuditChainVerifier(dataSource, snapshot, key, Clock.systemUTC());
			this.monitor = (checkpoint != null) ? new AuditChainMonitor(this.verifier,
					new AuditCheckpointFile(checkpoint, key), true, fullInterval, Clock.systemUTC()) : null;
		}

		/**
		 * The same chain and checkpoint, sealed and verified by apps holding {@code key}.
		 */
		Chain withKey(AuditChainKey key) {
			return new Chain(this.dataSource, this.checkpoint, this.fullInterval, key);
		}

		AuditCheckpointFile checkpointFile() {
			return this.monitor.checkpoints();
		}

		/** Record, seal and verify events, which moves the checkpoint on. */
		void record(int events) {
			record(events, true);
		}

		void record(int events, boolean verify) {
			for (int i = 0; i < events; i++) {
				this.log.record(new AuditEvent(1L, "batch", Integer.toString(i), "created", "test", Map.of("n", i)));
			}
			this.sealer.sealAll();
			if (verify) {
				AuditVerification verification = this.monitor.verifyNow();
				assertThat(verification.intact()).as(verification.toString()).isTrue();
			}
		}

		/**
		 * What the database's owner can do: switch the guards off, change rows, on again.
		 */
		void tamper(String sql) {
			this.jdbc.sql("alter table audit_events disable trigger user").update();
			this.jdbc.sql("alter table audit_chain_head disable trigger user").update();
			try {
				for (String statement : sql.split("; ")) {
					this.jdbc.sql(statement).update();
				}
			}
			finally {
				this.jdbc.sql("alter table audit_events enable trigger user").update();
				this.jdbc.sql("alter table audit_chain_head enable trigger user").update();
			}
		}

		/** The owner recomputing every link from {@code from} on, as a sealer would. */
		void relink(long from, Link link) {
			String previous = (from == 1) ? AuditChainSealer.GENESIS
					: this.jdbc.sql("select hash from audit_events where chain_seq = :seq")
						.param("seq", from - 1)
						.query(String.class)
						.single();
			List<AuditChainSealer.CanonicalEvent> events = this.jdbc.sql("select " + AuditChainSealer.EVENT_COLUMNS
					+ " from audit_events where chain_seq >= :from or chain_seq is null order by chain_seq nulls last, id")
				.param("from", from)
				.query(AuditChainSealer::canonical)
				.list();
			List<String> statements = new ArrayList<>();
			long seq = from;
			for (AuditChainSealer.CanonicalEvent event : events) {
				String hash = link.of(seq, previous, event.canonical());
				statements.add("update audit_events set chain_seq = " + seq + ", previous_hash = '" + previous
						+ "', hash = '" + hash + "' where id = " + event.id());
				previous = hash;
				seq++;
			}
			statements.add("insert into audit_chain_head (singleton, chain_seq, hash) values (true, " + (seq - 1)
					+ ", '" + previous + "') on conflict (singleton) do update set chain_seq = excluded.chain_seq,"
					+ " hash = excluded.hash");
			tamper(String.join("; ", statements));
		}

	}

}
