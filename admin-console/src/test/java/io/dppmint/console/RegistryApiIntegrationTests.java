package io.dppmint.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.dppmint.console.Http.Response;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry endpoints (ESPR Art. 13: the operator uploads the batch's identifiers and
 * records the registration identifier the registry returns): the state and submission,
 * the streamed file, each transition with its audit event, and refusals (400 for a value,
 * 409 for the batch's state, 403 for a viewer) that write nothing.
 */
class RegistryApiIntegrationTests extends ApiTestSupport {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	IdentifierScheme identifiers;

	private Tenant tenant;

	private MintBatch batch;

	private String path;

	@BeforeEach
	void aMintedBatch() {
		this.tenant = gs1Tenant();
		this.batch = mintedBatch(this.tenant, 250);
		this.path = "/api/v1/batches/" + this.batch.id() + "/registry";
	}

	@Test
	void showsTheStateAndTheSubmissionOfTheFile() throws Exception {
		Response registry = api(this.tenant).get(this.path);

		assertThat(registry.status()).as(registry.toString()).isEqualTo(200);
		JsonNode body = registry.json();
		assertThat(body.path("registration").path("state").asString()).isEqualTo("not_submitted");
		assertThat(body.path("submission").path("format").asString()).isEqualTo("dppmint.registry-submission/0.1");
		assertThat(body.path("submission").path("identifiers").path("count").asLong()).isEqualTo(250);
		assertThat(body.path("submission").path("product").path("gtin").asString())
			.isEqualTo(this.tenant.ready().gtin().value());

		Download file = download(this.path + "/file");
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.contentType()).isEqualTo("application/zip");
		assertThat(file.disposition()).isEqualTo("attachment; filename=\"registry-batch-" + this.batch.id() + ".zip\"");
		Map<String, byte[]> entries = unzip(file.body());
		assertThat(entries.keySet()).containsExactly("identifiers.ndjson.gz", "submission.json");
		assertThat(sha256(entries.get("submission.json"))).isEqualTo(body.path("submissionSha256").asString());
		assertThat(json.readTree(entries.get("submission.json"))).isEqualTo(body.path("submission"));
		List<String> uris = gunzipLines(entries.get("identifiers.ndjson.gz")).stream()
			.map((line) -> json.readTree(line).path("uri").asString())
			.toList();
		assertThat(uris).hasSize(250)
			.doesNotHaveDuplicates()
			.contains(ResolverUrls.url("https://id.example.com", true, this.tenant.ready().gtin(), null,
					this.identifiers.encode(this.batch.firstTokenId() + 249)));
	}

	@Test
	void recordsSubmittedThenRegisteredWithAuditEvents() {
		Http owner = login(this.tenant.owner(), this.tenant.password());
		String sha = api(this.tenant).get(this.path).json().path("submissionSha256").asString();

		Response submitted = owner.post(this.path + "/submission", Map.of());
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
		assertThat(submitted.json().path("state").asString()).isEqualTo("submitted");
		assertThat(submitted.json().path("submissionSha256").asString()).isEqualTo(sha);
		assertThat(submitted.json().path("recordedBy").asString()).isEqualTo(this.tenant.owner());

		Response registered = api(this.tenant).send("PUT", this.path + "/registration",
				"{\"registrationIdentifier\": \"EU-DPP-000042\"}", Map.of());
		assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
		assertThat(registered.json().path("state").asString()).isEqualTo("registered");
		assertThat(registered.json().path("registrationIdentifier").asString()).isEqualTo("EU-DPP-000042");
		assertThat(login(this.tenant.viewer(), this.tenant.password()).get(this.path)
			.json()
			.path("registration")
			.path("registrationIdentifier")
			.asString()).isEqualTo("EU-DPP-000042");

		Response another = api(this.tenant).send("PUT", this.path + "/registration",
				"{\"registrationIdentifier\": \"EU-DPP-000043\"}", Map.of());
		assertThat(another.status()).isEqualTo(409);
		assertThat(another.isProblem()).isTrue();
		assertThat(another.errorCodes()).containsExactly("ALREADY_REGISTERED");

		Response rejected = api(this.tenant).post(this.path + "/rejection",
				Map.of("reason", "Withdrawn by the registry"));
		assertThat(rejected.status()).isEqualTo(200);
		assertThat(rejected.json().path("state").asString()).isEqualTo("rejected");
		assertThat(rejected.json().path("registrationIdentifier").isNull()).isTrue();

		assertThat(this.jdbc.sql("""
				select action from audit_events where entity_type = 'batch' and entity_id = ?
				and action like 'registry%' order by id""")
			.param(Long.toString(this.batch.id()))
			.query(String.class)
			.list()).containsExactly("registry_submitted", "registry_registered", "registry_rejected");
	}

	@Test
	void refusesInvalidValuesAndStatesWritingNothing() {
		Http writer = api(this.tenant);
		Response notSubmitted = writer.send("PUT", this.path + "/registration",
				"{\"registrationIdentifier\": \"EU-1\"}", Map.of());
		assertThat(notSubmitted.status()).isEqualTo(409);
		assertThat(notSubmitted.errorCodes()).containsExactly("NOT_SUBMITTED");
		writer.post(this.path + "/submission", Map.of());
		long events = auditEvents();

		Map<String, String> invalid = new LinkedHashMap<>();
		invalid.put("{\"registrationIdentifier\": \"\"}", "INVALID_REGISTRATION_IDENTIFIER");
		invalid.put("{\"registrationIdentifier\": \"" + "x".repeat(201) + "\"}", "INVALID_REGISTRATION_IDENTIFIER");
		invalid.put("{}", "INVALID_REGISTRATION_IDENTIFIER");
		invalid.forEach((body, code) -> {
			Response response = writer.send("PUT", this.path + "/registration", body, Map.of());
			assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
			assertThat(response.isProblem()).isTrue();
			assertThat(response.errorCodes()).containsExactly(code);
			assertThat(response.errorFields()).containsExactly("registrationIdentifier");
		});
		Response tab = writer.send("PUT", this.path + "/registration", "{\"registrationIdentifier\": \"EU\\t1\"}",
				Map.of());
		assertThat(tab.status()).as(tab.toString()).isEqualTo(400);
		Response noReason = writer.post(this.path + "/rejection", Map.of("reason", " "));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.errorCodes()).containsExactly("INVALID_REASON");
		Response viewer = login(this.tenant.viewer(), this.tenant.password()).send("PUT", this.path + "/registration",
				"{\"registrationIdentifier\": \"EU-1\"}", Map.of());
		assertThat(viewer.status()).isEqualTo(403);

		assertThat(count("select count(*) from registry_registrations where batch_id = ? and state = 'submitted'",
				this.batch.id()))
			.isEqualTo(1);
		assertThat(auditEvents()).isEqualTo(events);
	}

	@Test
	void refusesABatchThatIsNotMintedAndOneThatDoesNotExist() {
		MintBatch queued = Fixtures.on(TestPostgres.get().dataSource())
			.aQueuedBatch(Fixtures.aMintRequest(this.tenant.ready()).quantity(5).build());
		String queuedPath = "/api/v1/batches/" + queued.id() + "/registry";
		for (Response response : List.of(api(this.tenant).get(queuedPath), api(this.tenant).get(queuedPath + "/file"),
				api(this.tenant).post(queuedPath + "/submission", Map.of()))) {
			assertThat(response.status()).as(response.toString()).isEqualTo(409);
			assertThat(response.isProblem()).isTrue();
			assertThat(response.errorCodes()).containsExactly("BATCH_NOT_MINTED");
		}
		assertThat(api(this.tenant).get("/api/v1/batches/999999999/registry").status()).isEqualTo(404);
		assertThat(count("select count(*) from registry_registrations where batch_id = ?", queued.id())).isZero();
	}

	@Test
	void theBatchPagesRegistryCardRecordsForWritersAndOnlyShowsForViewers() {
		Http owner = login(this.tenant.owner(), this.tenant.password());
		String card = "/mint/batch/" + this.batch.id() + "/registry";
		Response page = owner.page("/mint/batch/" + this.batch.id());
		assertThat(page.body()).contains("hx-get=\"" + card + "\"");
		assertThat(owner.fragment(card).body()).contains("data-field=\"registry-state\">not_submitted<",
				"/api/v1/batches/" + this.batch.id() + "/registry/file", "Mark submitted");

		assertThat(owner.form(card + "/submission", Map.of()).body()).contains(">submitted<");
		Response refused = owner.form(card + "/registration", Map.of("registrationIdentifier", "x".repeat(201)));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("class=\"field-error\"", "at most 200 characters", "aria-invalid=\"true\"");
		assertThat(count("select count(*) from registry_registrations where batch_id = ? and state = 'submitted'",
				this.batch.id()))
			.isEqualTo(1);
		assertThat(owner.form(card + "/registration", Map.of("registrationIdentifier", "EU-REG-7")).body())
			.contains(">registered<", "EU-REG-7");

		Http viewer = login(this.tenant.viewer(), this.tenant.password());
		String shown = viewer.fragment(card).body();
		assertThat(shown).contains(">registered<", "EU-REG-7").doesNotContain("Record rejection", "<form");
		assertThat(viewer.form(card + "/rejection", Map.of("reason", "x")).status()).isEqualTo(403);
		assertThat(viewer.fragment("/mint/tabs/batches").body()).contains(">registered<");
	}

	private long auditEvents() {
		return count("select count(*) from audit_events where entity_type = 'batch' and entity_id = ?",
				Long.toString(this.batch.id()));
	}

	private Download download(String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("X-API-Key", this.tenant.apiKey())
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
				response.headers().firstValue("Content-Disposition").orElse(null), response.body());
	}

	static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

	static List<String> gunzipLines(byte[] gz) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private record Download(int status, String contentType, String disposition, byte[] body) {
	}

}
