package io.dppmint.console;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.dppmint.console.Http.Response;
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
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's scheduled verification of the audit chain, as a running console shows it:
 * the packaged app in its own JVM, on a schema of its own whose chain mint-jobs (here:
 * the test, with the same key) sealed and checkpointed. Its health and its Activity tab
 * say the chain is intact, then, once the database's owner edits an event, that it is
 * broken and where; the liveness and readiness probes stay up.
 */
class AuditChainHealthIntegrationTests {

	private static final AuditChainKey KEY = new AuditChainKey(Base64.getDecoder().decode(TestSecrets.AUDIT_KEY));

	private static final String ADMIN_PASSWORD = "audit-test-admin-password";

	@Test
	void showsTheChainIntactThenBrokenInHealthAndOnTheActivityTab() throws Exception {
		TestPostgres.Schema schema = TestPostgres.get().freshSchema();
		Path home = Path.of("target", "audit-health", schema.name()).toAbsolutePath();
		JdbcClient owner = JdbcClient.create(schema.dataSource());
		sealAndCheckpoint(schema, home.resolve("audit/checkpoint"));
		int port = freePort();

		try (AppProcess console = AppProcess.start(AppProcess.packagedJar("admin-console"), "audit-health",
				Map.of("DPP_DB_URL", schema.jdbcUrl(), "DPP_HOME", home.toString(), "SERVER_PORT",
						Integer.toString(port), "DPP_SECRETS_AUDIT_KEY", TestSecrets.AUDIT_KEY,
						"DPP_AUDIT_VERIFICATION_INTERVAL", "500ms", "DPP_AUDIT_VERIFICATION_FULL_INTERVAL", "2s",
						"DPP_CONSOLE_INITIAL_ADMIN_PASSWORD", ADMIN_PASSWORD),
				List.of())) {
			console.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(120));
			awaitHealth(port, (health) -> "UP".equals(auditChain(health).path("status").asString()));
			Http admin = Http.loggedIn(port, "admin", ADMIN_PASSWORD);
			JsonNode intact = admin.get("/actuator/health").json();
			Response activity = admin.fragment("/mint/tabs/activity");

			assertThat(auditChain(intact).path("details").path("position").asLong()).isEqualTo(6);
			assertThat(auditChain(intact).path("details").path("checkpoint").asLong()).isEqualTo(6);
			assertThat(activity.body()).contains("data-status=\"intact\"").contains("Audit chain intact");
			assertThat(admin.get("/api/v1/audit-chain").json().path("status").asString()).isEqualTo("intact");

			owner.sql("alter table audit_events disable trigger user").update();
			owner.sql("update audit_events set details = '{\"reason\": \"nothing to see\"}' where chain_seq = 4")
				.update();
			owner.sql("alter table audit_events enable trigger user").update();

			JsonNode broken = awaitHealth(port,
					(health) -> "DOWN".equals(auditChain(health).path("status").asString()));
			assertThat(broken.path("status").asString()).isEqualTo("DOWN");
			assertThat(auditChain(broken).path("details").isMissingNode()).as("details for operators only").isTrue();
			assertThat(
					auditChain(admin.get("/actuator/health").json()).path("details").path("firstBadPosition").asLong())
				.isEqualTo(4);
			assertThat(admin.fragment("/mint/tabs/activity").body()).contains("data-status=\"broken\"")
				.contains("Audit chain broken");
			Response status = admin.get("/api/v1/audit-chain");
			assertThat(status.json().path("status").asString()).isEqualTo("broken");
			assertThat(status.json().path("firstBadPosition").asLong()).isEqualTo(4);
			assertThat(Http.anonymous(port).get("/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(Http.anonymous(port).get("/actuator/health/liveness").status()).isEqualTo(200);
		}
	}

	private static void sealAndCheckpoint(TestPostgres.Schema schema, Path checkpoint) {
		JdbcClient jdbc = JdbcClient.create(schema.dataSource());
		DataSourceTransactionManager transactions = new DataSourceTransactionManager(schema.dataSource());
		AuditLog log = new AuditLog(jdbc);
		for (int i = 0; i < 6; i++) {
			log.record(new AuditEvent(null, "batch", Integer.toString(i), "created", "test", Map.of("n", i)));
		}
		new AuditChainSealer(jdbc, new TransactionTemplate(transactions), KEY).sealAll();
		TransactionTemplate snapshot = new TransactionTemplate(transactions);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		assertThat(new AuditChainMonitor(new AuditChainVerifier(schema.dataSource(), snapshot, KEY, Clock.systemUTC()),
				new AuditCheckpointFile(checkpoint, KEY), true, Duration.ZERO, Clock.systemUTC())
			.verifyNow()
			.intact()).isTrue();
	}

	private static JsonNode auditChain(JsonNode health) {
		return health.path("components").path("auditChain");
	}

	private static JsonNode awaitHealth(int port, Predicate<JsonNode> condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode health;
		do {
			health = Http.anonymous(port).get("/actuator/health").json();
			if (condition.test(health)) {
				return health;
			}
			Thread.sleep(200);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("The console's health never got there: " + health);
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
