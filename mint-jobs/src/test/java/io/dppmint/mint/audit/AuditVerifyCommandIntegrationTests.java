package io.dppmint.mint.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dppmint.core.audit.AuditChainKey;
import io.dppmint.core.audit.AuditChainMonitor;
import io.dppmint.core.audit.AuditChainSealer;
import io.dppmint.core.audit.AuditChainVerifier;
import io.dppmint.core.audit.AuditCheckpointFile;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./dpp audit verify} as an operator runs it: the packaged mint-jobs app in its
 * own JVM, on a schema of its own holding a sealed chain and its checkpoint, judged by
 * exit code and output.
 */
class AuditVerifyCommandIntegrationTests {

	private static final AuditChainKey KEY = new AuditChainKey(Base64.getDecoder().decode(TestSecrets.AUDIT_KEY));

	@Test
	void exitsZeroForAnIntactChainAndOneWithTheFirstBadPositionOtherwise() throws Exception {
		TestPostgres.Schema schema = TestPostgres.get().freshSchema();
		Path home = Path.of("target", "audit-verify", schema.name()).toAbsolutePath();
		JdbcClient jdbc = sealedChain(schema, home.resolve("audit/checkpoint"), 5);

		int intact = run(schema, home, "audit-verify-intact");
		Path copy = home.resolve("kept-elsewhere");
		Files.copy(home.resolve("audit/checkpoint"), copy);
		jdbc.sql("alter table audit_events disable trigger user").update();
		jdbc.sql("update audit_events set actor = 'mallory' where chain_seq = 3").update();
		jdbc.sql("alter table audit_events enable trigger user").update();
		int edited = run(schema, home, "audit-verify-edited", "--checkpoint=" + copy);

		assertThat(intact).as(AppProcess.output("audit-verify-intact")).isZero();
		assertThat(AppProcess.output("audit-verify-intact"))
			.contains("Audit chain intact: 5 events verified against the checkpoint");
		assertThat(edited).as(AppProcess.output("audit-verify-edited")).isOne();
		assertThat(AppProcess.output("audit-verify-edited")).contains("Audit chain BROKEN at position 3")
			.contains(copy.toString());
	}

	@Test
	void exitsOneForAWipedChainAndForACheckpointItCannotTrust() throws Exception {
		TestPostgres.Schema schema = TestPostgres.get().freshSchema();
		Path home = Path.of("target", "audit-verify", schema.name()).toAbsolutePath();
		JdbcClient jdbc = sealedChain(schema, home.resolve("audit/checkpoint"), 4);
		jdbc.sql("alter table audit_events disable trigger user").update();
		jdbc.sql("alter table audit_chain_head disable trigger user").update();
		jdbc.sql("truncate audit_events").update();
		jdbc.sql("delete from audit_chain_head").update();

		int wiped = run(schema, home, "audit-verify-wiped");
		Path forged = home.resolve("forged");
		Files.writeString(forged,
				Files.readString(home.resolve("audit/checkpoint")).replace("position 4", "position 0"));
		int untrusted = run(schema, home, "audit-verify-forged", "--checkpoint=" + forged);

		assertThat(wiped).isOne();
		assertThat(AppProcess.output("audit-verify-wiped")).contains("Audit chain BROKEN at position 1")
			.contains("wiped or truncated");
		assertThat(untrusted).isOne();
		assertThat(AppProcess.output("audit-verify-forged")).contains("the checkpoint cannot be trusted");
	}

	@Test
	void verifiesWhatARetiredAuditKeyLinkedOnceItIsListedAfterARotation() throws Exception {
		TestPostgres.Schema schema = TestPostgres.get().freshSchema();
		Path home = Path.of("target", "audit-verify", schema.name()).toAbsolutePath();
		sealedChain(schema, home.resolve("audit/checkpoint"), 3);
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String newKey = Base64.getEncoder().encodeToString(key);

		int rotated = run(schema, home, "audit-verify-rotated",
				Map.of("DPP_SECRETS_AUDIT_KEY", newKey, "DPP_SECRETS_RETIRED_AUDIT_KEYS", TestSecrets.AUDIT_KEY));
		int forgotten = run(schema, home, "audit-verify-forgotten", Map.of("DPP_SECRETS_AUDIT_KEY", newKey));

		assertThat(rotated).as(AppProcess.output("audit-verify-rotated")).isZero();
		assertThat(AppProcess.output("audit-verify-rotated"))
			.contains("Audit chain intact: 3 events verified against the checkpoint");
		assertThat(forgotten).as(AppProcess.output("audit-verify-forgotten")).isOne();
	}

	private static JdbcClient sealedChain(TestPostgres.Schema schema, Path checkpoint, int events) {
		JdbcClient jdbc = JdbcClient.create(schema.dataSource());
		DataSourceTransactionManager transactions = new DataSourceTransactionManager(schema.dataSource());
		AuditLog log = new AuditLog(jdbc);
		for (int i = 0; i < events; i++) {
			log.record(new AuditEvent(1L, "batch", Integer.toString(i), "created", "test", Map.of("n", i)));
		}
		new AuditChainSealer(jdbc, new TransactionTemplate(transactions), KEY).sealAll();
		TransactionTemplate snapshot = new TransactionTemplate(transactions);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		AuditChainMonitor monitor = new AuditChainMonitor(
				new AuditChainVerifier(schema.dataSource(), snapshot, KEY, Clock.systemUTC()),
				new AuditCheckpointFile(checkpoint, KEY), true, Duration.ZERO, Clock.systemUTC());
		assertThat(monitor.verifyNow().intact()).isTrue();
		assertThat(checkpoint).exists();
		return jdbc;
	}

	private static int run(TestPostgres.Schema schema, Path home, String logName, String... options) throws Exception {
		return run(schema, home, logName, Map.of("DPP_SECRETS_AUDIT_KEY", TestSecrets.AUDIT_KEY), options);
	}

	private static int run(TestPostgres.Schema schema, Path home, String logName, Map<String, String> keys,
			String... options) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("audit-verify"));
		arguments.addAll(List.of(options));
		Map<String, String> environment = new HashMap<>(keys);
		environment.put("DPP_DB_URL", schema.jdbcUrl());
		environment.put("DPP_HOME", home.toString());
		Process process = AppProcess.start(AppProcess.packagedJar("mint-jobs"), logName, environment, arguments)
			.process();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The command did not finish: " + AppProcess.output(logName));
		}
		return process.exitValue();
	}

}
