package io.dppmint.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.token.JdbcTokenRepository;
import io.dppmint.core.token.TokenRevocation;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.platform.process.LoopbackPorts;
import io.dppmint.resolver.ResolverFixtures.Minted;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.PrometheusScrape;
import io.dppmint.testsupport.ReplicatedPostgres;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged resolver reading from a streaming replica while its primary stops and
 * comes back (issue 21, item 5; docs/operations.md, "When the primary fails"). The
 * primary and its hot standby are embedded PostgreSQL servers of this test's own
 * ({@link ReplicatedPostgres}); the resolver is configured as an operator would:
 * {@code DPP_DB_URL} the primary, {@code DPP_RESOLVER_READS_URL} the replica. Small
 * queues make the bounds visible: two activations may wait besides the one held, four
 * scan events besides the ones held.
 */
class PrimaryFailureIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(PrimaryFailureIntegrationTests.class);

	private static final int ACTIVATION_QUEUE = 2;

	private static final int TELEMETRY_QUEUE = 4;

	private static ReplicatedPostgres databases;

	private static ResolverFixtures fixtures;

	private static JdbcClient primary;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startThePrimaryAndItsReplica() {
		databases = ReplicatedPostgres.start();
		DataSource owner = databases.primaryAsOwner();
		Fixtures core = Fixtures.on(owner);
		IdentifierScheme identifiers = new IdentifierScheme(Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));
		fixtures = new ResolverFixtures(owner, identifiers, new TokenRevocation(new JdbcTokenRepository(core.jdbc()),
				core.counters(), core.auditLog(), identifiers, core.transactions()));
		primary = JdbcClient.create(owner);
	}

	@AfterAll
	static void stopThem() throws Exception {
		if (databases != null) {
			databases.close();
		}
	}

	@Test
	void scansAreAnsweredFromTheReplicaWhileThePrimaryIsDownAndFirstScansActivateWhenItIsBack() throws Exception {
		Product product = fixtures.aGs1Product();
		Minted active = fixtures.mintSerial(product, 10, ActivationMode.ACTIVE);
		Minted firstScan = fixtures.mintSerial(product, 5, ActivationMode.FIRST_SCAN);
		fixtures.revoke(active.token(9), "Recalled");
		long activeBefore = fixtures.activeTokens(product.brandId());
		databases.awaitReplayed(Duration.ofSeconds(30));
		int port = LoopbackPorts.free(1)[0];
		try (AppProcess resolver = AppProcess.start(AppProcess.packagedJar("resolver-app"), "primary-failure/resolver",
				Map.of("DPP_DB_URL", databases.primaryUrl(), "DPP_RESOLVER_READS_URL", databases.replicaUrl(),
						"SERVER_PORT", Integer.toString(port)),
				List.of("--dpp.resolver.activation.queue-capacity=" + ACTIVATION_QUEUE,
						"--dpp.resolver.activation.retry-every=200ms",
						"--dpp.resolver.telemetry.queue-capacity=" + TELEMETRY_QUEUE,
						"--dpp.resolver.telemetry.flush-interval=0ms", "--dpp.resolver.telemetry.retry-every=200ms"))) {
			String base = "http://127.0.0.1:" + port;
			resolver.awaitHealthy(base, Duration.ofSeconds(120));
			ScanHttp scans = new ScanHttp(port);
			assertThat(scans.get(fixtures.gs1Path(product, active.token(0))).statusCode()).isEqualTo(307);
			await("the scan before the failure is stored", () -> scanEventsSince(product, Instant.EPOCH) == 1);

			Instant failure = Instant.now();
			databases.stopPrimary();

			// Active and revoked tokens: answered from the replica, as before.
			List<Integer> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				HttpResponse<String> scan = scans.get(fixtures.gs1Path(product, active.token(i)));
				answers.add(scan.statusCode());
				assertThat(scan.headers().firstValue("Location")).as("unit %d", i)
					.hasValue("/passport" + fixtures.gs1Path(product, active.token(i)));
			}
			assertThat(answers).containsOnly(307);
			assertThat(scans.get(fixtures.gs1Path(product, active.token(9))).statusCode()).isEqualTo(410);
			HttpResponse<String> passport = scans.get("/passport" + fixtures.gs1Path(product, active.token(1)),
					"Accept", "application/json");
			assertThat(passport.statusCode()).isEqualTo(200);
			assertThat(passport.body()).contains("\"status\":\"active\"");

			// First scans: answered, their activations queued (a token once), until the
			// queue is full; then a clear 503.
			int deferred = 0;
			List<Long> firstScanMillis = new ArrayList<>();
			for (int i : new int[] { 0, 1, 2, 0 }) {
				long started = System.nanoTime();
				HttpResponse<String> scan = scans.get(fixtures.gs1Path(product, firstScan.token(i)));
				firstScanMillis.add((System.nanoTime() - started) / 1_000_000);
				assertThat(scan.statusCode()).as("first scan of unit %d", i).isEqualTo(307);
				deferred = Math.min(deferred + 1, 3);
				assertThat(PrometheusScrape.sum(get(base + "/actuator/prometheus"),
						"dpp_resolver_activations_deferred_total"))
					.as("deferred after unit %d", i)
					.isEqualTo(deferred);
			}
			HttpResponse<String> refused = scans.get(fixtures.gs1Path(product, firstScan.token(3)), "Accept",
					"application/json");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
			assertThat(refused.body()).contains("activations cannot be recorded right now");
			String metrics = get(base + "/actuator/prometheus");
			assertThat(PrometheusScrape.sum(metrics, "dpp_resolver_activations_waiting")).isEqualTo(3);
			assertThat(PrometheusScrape.sum(metrics, "dpp_resolver_activations_deferred_total")).isEqualTo(3);
			assertThat(PrometheusScrape.sum(metrics, "dpp_resolver_resolutions_total", "outcome=\"unavailable\""))
				.isEqualTo(1);
			assertThat(JdbcClient.create(databases.replicaAsOwner())
				.sql("select count(*) from tokens where id between ? and ? and status = ?")
				.params(firstScan.token(0), firstScan.token(4), TokenStatus.MINTED.code())
				.query(Long.class)
				.single()).as("nothing activated while the primary is down").isEqualTo(5);

			Instant back = Instant.now();
			databases.startPrimary();
			long restarted = System.nanoTime();

			// The queued activations are applied once each, as of their scans.
			await("the deferred activations are applied",
					() -> fixtures.status(firstScan.token(2)) == TokenStatus.ACTIVE);
			// What docs/operations.md quotes: how long first scans took, and how soon the
			// held activations were applied once the primary answered again.
			log.info("First scans while the primary was down answered in {} ms; activations applied within {} ms of"
					+ " the primary's return", firstScanMillis, (System.nanoTime() - restarted) / 1_000_000);
			for (int i = 0; i < 3; i++) {
				long token = firstScan.token(i);
				assertThat(fixtures.status(token)).isEqualTo(TokenStatus.ACTIVE);
				assertThat(fixtures.activationEvents(token)).isEqualTo(1);
				assertThat(activatedAt(token)).isBetween(failure, back);
			}
			assertThat(fixtures.status(firstScan.token(3))).as("refused, so not activated")
				.isEqualTo(TokenStatus.MINTED);
			assertThat(fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 3);
			assertThat(scans.get(fixtures.gs1Path(product, firstScan.token(3))).statusCode()).isEqualTo(307);
			assertThat(fixtures.status(firstScan.token(3))).as("activated by its scan once the primary is back")
				.isEqualTo(TokenStatus.ACTIVE);

			// Telemetry: what the queue held is stored; only what did not fit is dropped,
			// and counted. 13 events: eight active scans, the revoked one, four first
			// scans.
			await("the held scan events are stored",
					() -> PrometheusScrape.sum(get(base + "/actuator/prometheus"), "dpp_resolver_telemetry_queued") == 0
							&& scanEventsSince(product, failure) >= TELEMETRY_QUEUE + 1);
			long stored = scanEventsSince(product, failure) - scanEventsSince(product, back);
			double dropped = PrometheusScrape.sum(get(base + "/actuator/prometheus"),
					"dpp_resolver_telemetry_dropped_total");
			assertThat(stored).isGreaterThanOrEqualTo(TELEMETRY_QUEUE + 1);
			assertThat(dropped).isPositive().isEqualTo(13 - stored);
		}
	}

	private static Instant activatedAt(long token) {
		return primary.sql("select activated_at from tokens where id = ?")
			.param(token)
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	private static long scanEventsSince(Product product, Instant since) {
		return primary.sql("select count(*) from scan_events where brand_id = ? and scanned_at >= ?")
			.params(product.brandId(), Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	private String get(String url) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void await(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited a minute for " + what).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

}
