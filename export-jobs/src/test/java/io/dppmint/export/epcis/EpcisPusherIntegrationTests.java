package io.dppmint.export.epcis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.epcis.EpcisCaptureTarget;
import io.dppmint.core.epcis.JdbcEpcisCaptureTargets;
import io.dppmint.core.epcis.JdbcEpcisEvents;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.testsupport.EpcisJsonSchema;
import io.dppmint.testsupport.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EPCIS pusher against a capture interface on loopback that behaves as the EPCIS 2.0
 * REST bindings describe ({@code OPTIONS} limits, {@code POST /capture} answered 202 with
 * a capture job, the job's status), and misbehaves on cue. The pusher reads events and
 * moves cursors as export-jobs' own database role; the fixtures write as the owner.
 */
@SpringBootTest(
		properties = { "dpp.export.launcher.enabled=false", "dpp.epcis.capture.enabled=false", "server.port=0" })
class EpcisPusherIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	JdbcEpcisCaptureTargets targets;

	@Autowired
	JdbcEpcisEvents events;

	@Autowired
	IdentifierScheme identifiers;

	@Autowired
	AuditLog auditLog;

	private final Fixtures fixtures = Fixtures.on(TestPostgres.get().dataSource());

	private final JdbcClient owner = JdbcClient.create(TestPostgres.get().dataSource());

	private final Repository repository = new Repository();

	@AfterEach
	void stopRepository() {
		this.repository.server.stop(0);
	}

	@Test
	void pushesEveryEventOnceInOrderWithinTheRepositorysLimits() {
		Product product = this.fixtures.aGs1Product().create();
		this.fixtures.aMintedBatch(product).quantity(2500).create();
		this.fixtures.aMintedBatch(product)
			.lots(new LotRequest("A-" + product.id(), 4), new LotRequest("B-" + product.id(), 6))
			.create();
		this.repository.eventLimit = 2;
		configure(product.brandId());
		EpcisPusher pusher = pusher(Map.of(product.brandId(), "Bearer test-token"));

		pusher.pushDue();

		List<String> stored = this.owner
			.sql("select 'urn:uuid:' || event_id from epcis_events where brand_id = ? order by id")
			.param(product.brandId())
			.query(String.class)
			.list();
		assertThat(stored).hasSize(5);
		assertThat(this.repository.documents).hasSize(3);
		List<String> captured = new ArrayList<>();
		for (Received document : this.repository.documents) {
			assertThat(EpcisJsonSchema.validate(document.body())).as(document.body()).isEmpty();
			assertThat(document.header("GS1-EPCIS-Version")).isEqualTo("2.0.0");
			assertThat(document.header("GS1-Capture-Error-Behaviour")).isEqualTo("rollback");
			assertThat(document.header("Authorization")).isEqualTo("Bearer test-token");
			JsonNode list = json.readTree(document.body()).path("epcisBody").path("eventList");
			assertThat(list.size()).isLessThanOrEqualTo(2);
			list.forEach((event) -> captured.add(event.path("eventID").asString()));
		}
		assertThat(captured).isEqualTo(stored);
		EpcisCaptureTarget target = this.targets.find(product.brandId()).orElseThrow();
		assertThat(target.status()).isEqualTo("idle");
		assertThat(target.pushedThrough()).isEqualTo(lastEventId(product.brandId()));
		assertThat(target.lastCaptureId()).startsWith("job-");
		assertThat(this.owner.sql(
				"select count(*) from audit_events where entity_type = 'epcis_capture' and action = 'captured' and brand_id = ?")
			.param(product.brandId())
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aRepositoryThatIsDownIsRetriedLaterAndNothingIsLost() {
		Product product = this.fixtures.aGs1Product().create();
		this.fixtures.aMintedBatch(product).quantity(10).create();
		configure(product.brandId());
		this.repository.failures.add(503);
		EpcisPusher pusher = pusher(Map.of());
		Instant before = Instant.now();

		pusher.pushDue();

		EpcisCaptureTarget retrying = this.targets.find(product.brandId()).orElseThrow();
		assertThat(retrying.status()).isEqualTo("retrying");
		assertThat(retrying.attempts()).isEqualTo(1);
		assertThat(retrying.pushedThrough()).isZero();
		assertThat(retrying.lastError()).startsWith("503");
		assertThat(retrying.nextAttemptAt()).isAfter(before);
		assertThat(this.repository.documents).isEmpty();

		pusher.pushDue();
		assertThat(this.repository.documents).as("not due yet").isEmpty();
		this.owner.sql("update epcis_capture_targets set next_attempt_at = now() where brand_id = ?")
			.param(product.brandId())
			.update();
		pusher.pushDue();

		assertThat(this.repository.documents).hasSize(1);
		EpcisCaptureTarget captured = this.targets.find(product.brandId()).orElseThrow();
		assertThat(captured.status()).isEqualTo("idle");
		assertThat(captured.attempts()).isZero();
		assertThat(captured.pushedThrough()).isEqualTo(lastEventId(product.brandId()));
	}

	@Test
	void aRefusedDocumentStopsTheTargetUntilItIsRetried() {
		Product product = this.fixtures.aGs1Product().create();
		this.fixtures.aMintedBatch(product).quantity(10).create();
		configure(product.brandId());
		this.repository.refuseJobs.set(1);
		EpcisPusher pusher = pusher(Map.of());

		pusher.pushDue();
		pusher.pushDue();

		EpcisCaptureTarget failed = this.targets.find(product.brandId()).orElseThrow();
		assertThat(failed.status()).isEqualTo("failed");
		assertThat(failed.lastError()).contains("ValidationException");
		assertThat(failed.pushedThrough()).isZero();
		assertThat(this.repository.documents).as("not sent again by itself").hasSize(1);

		assertThat(this.targets.retryNow(product.brandId())).isTrue();
		pusher.pushDue();

		assertThat(this.repository.documents).hasSize(2);
		assertThat(this.repository.documents.get(1).body()).isEqualTo(this.repository.documents.get(0)
			.body()
			.replaceFirst("\"creationDate\":\"[^\"]+\"", "\"creationDate\":\"" + creationDate(1) + "\""));
		assertThat(this.targets.find(product.brandId()).orElseThrow().pushedThrough())
			.isEqualTo(lastEventId(product.brandId()));
	}

	@Test
	void halvesDocumentsTheRepositoryFindsTooLarge() {
		Product product = this.fixtures.aGs1Product().create();
		this.fixtures.aMintedBatch(product).quantity(4000).create();
		configure(product.brandId());
		this.repository.maxEventsAccepted = 1;
		EpcisPusher pusher = pusher(Map.of());

		pusher.pushDue();

		assertThat(this.repository.tooLarge).hasValue(2);
		assertThat(this.repository.documents).hasSize(4)
			.allSatisfy((document) -> assertThat(json.readTree(document.body()).path("epcisBody").path("eventList"))
				.hasSize(1));
		assertThat(this.targets.find(product.brandId()).orElseThrow().pushedThrough())
			.isEqualTo(lastEventId(product.brandId()));
	}

	private String creationDate(int document) {
		return json.readTree(this.repository.documents.get(document).body()).path("creationDate").asString();
	}

	private long lastEventId(long brandId) {
		return this.owner.sql("select max(id) from epcis_events where brand_id = ?")
			.param(brandId)
			.query(Long.class)
			.single();
	}

	private void configure(long brandId) {
		new JdbcEpcisCaptureTargets(this.owner).save(brandId, this.repository.url() + "/capture", true);
	}

	private EpcisPusher pusher(Map<Long, String> authorization) {
		EpcisCaptureProperties properties = new EpcisCaptureProperties(true, Duration.ofHours(1), Duration.ofMinutes(1),
				Duration.ofMinutes(15), 500, 5_242_880, Duration.ofSeconds(5), Duration.ofMillis(20),
				Duration.ofSeconds(10), authorization);
		return new EpcisPusher(this.targets, this.events, new CaptureClient(HttpClient.newHttpClient(), properties),
				this.identifiers, this.auditLog, properties, new SimpleMeterRegistry());
	}

	/** A document the repository received. */
	record Received(Map<String, List<String>> headers, String body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().getFirst())
				.findFirst()
				.orElse(null);
		}

	}

	/**
	 * An EPCIS repository's capture interface on loopback: advertises its limits, answers
	 * a capture with 202 and a job that runs for one status request, and fails on cue.
	 */
	static final class Repository {

		final HttpServer server;

		final List<Received> documents = new CopyOnWriteArrayList<>();

		final Deque<Integer> failures = new ConcurrentLinkedDeque<>();

		final AtomicInteger refuseJobs = new AtomicInteger();

		final AtomicInteger tooLarge = new AtomicInteger();

		final Map<String, Boolean> jobs = new ConcurrentHashMap<>();

		final Map<String, Integer> polls = new ConcurrentHashMap<>();

		volatile int eventLimit = 500;

		volatile int maxEventsAccepted = Integer.MAX_VALUE;

		Repository() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/capture", this::handle);
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		private void handle(HttpExchange exchange) throws IOException {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			if ("OPTIONS".equals(method)) {
				exchange.getResponseHeaders().add("GS1-EPCIS-Capture-Limit", Integer.toString(this.eventLimit));
				exchange.getResponseHeaders().add("GS1-EPCIS-Capture-File-Size-Limit", "1048576");
				respond(exchange, 204, "");
			}
			else if ("POST".equals(method) && path.equals("/capture")) {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				Integer failure = this.failures.poll();
				if (failure != null) {
					respond(exchange, failure, "{\"title\":\"unavailable\"}");
					return;
				}
				if (json.readTree(body).path("epcisBody").path("eventList").size() > this.maxEventsAccepted) {
					this.tooLarge.incrementAndGet();
					respond(exchange, 413, "");
					return;
				}
				this.documents.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
				String job = "job-" + this.documents.size();
				this.jobs.put(job, this.refuseJobs.getAndUpdate((n) -> Math.max(0, n - 1)) == 0);
				exchange.getResponseHeaders().add("Location", "/capture/" + job);
				respond(exchange, 202, "");
			}
			else if ("GET".equals(method) && path.startsWith("/capture/")) {
				String job = path.substring("/capture/".length());
				boolean running = this.polls.merge(job, 1, Integer::sum) == 1;
				boolean success = this.jobs.getOrDefault(job, false);
				respond(exchange, 200, running ? "{\"captureID\":\"" + job + "\",\"running\":true}"
						: "{\"captureID\":\"" + job + "\",\"running\":false,\"success\":" + success
								+ (success ? "" : ",\"errors\":{\"type\":\"epcisException:ValidationException\"}")
								+ "}");
			}
			else {
				respond(exchange, 405, "");
			}
		}

		private static void respond(HttpExchange exchange, int status, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
			if (bytes.length > 0) {
				exchange.getResponseBody().write(bytes);
			}
			exchange.close();
		}

	}

}
