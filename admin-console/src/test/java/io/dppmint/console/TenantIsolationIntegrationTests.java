package io.dppmint.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.dppmint.console.Http.Response;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The isolation matrix: brand A's callers (its API key, its owner, its viewer) can
 * neither see nor change anything of brand B through any endpoint, and a viewer can
 * change nothing at all. Each refused change is checked in the database.
 */
class TenantIsolationIntegrationTests extends ApiTestSupport {

	@Autowired
	IdentifierScheme identifiers;

	private Tenant a;

	private Tenant b;

	private MintBatch batchOfA;

	private MintBatch batchOfB;

	private String tokenOfB;

	private long apiKeyOfB;

	private long exportOfB;

	private String certificateOfB;

	@BeforeEach
	void twoBrands() throws Exception {
		this.a = tenant();
		this.b = gs1Tenant();
		this.batchOfA = mintedBatch(this.a, 3);
		this.batchOfB = mintedBatch(this.b, 3);
		this.tokenOfB = this.identifiers.encode(this.batchOfB.firstTokenId());
		this.apiKeyOfB = this.apiKeys.list(io.dppmint.core.tenancy.BrandScope.of(this.b.brandId())).get(0).id();
		this.exportOfB = api(this.b).post("/api/v1/exports", Map.of("batchId", this.batchOfB.id()))
			.json()
			.path("id")
			.asLong();
		Fixtures.on(TestPostgres.get().dataSource()).brandKeys().signingKeyFor(this.b.brandId());
		this.certificateOfB = TestCertificates.pem(TestCertificates.certificate(2048, Duration.ofDays(30)));
		assertThat(api(this.b)
			.send("PUT", "/api/v1/brands/" + this.b.brandId() + "/tag-programmer-certificate",
					TestCertificates.json(this.certificateOfB), Map.of())
			.status()).isEqualTo(200);
	}

	private List<Http> callersOfA() {
		return List.of(api(this.a), login(this.a.owner(), this.a.password()),
				login(this.a.viewer(), this.a.password()));
	}

	@Test
	void brandANeverSeesBrandBsThingsById() {
		List<String> paths = List.of("/api/v1/products/" + this.b.ready().id(),
				"/api/v1/products/" + this.b.ready().id() + "/readiness",
				"/api/v1/products/" + this.b.ready().id() + "/production-runs",
				"/api/v1/production-runs/" + this.b.run().id(), "/api/v1/batches/" + this.batchOfB.id(),
				"/api/v1/mint-requests/" + this.batchOfB.id(), "/api/v1/tokens/" + this.tokenOfB,
				"/api/v1/exports/" + this.exportOfB, "/api/v1/exports/" + this.exportOfB + "/packs",
				"/api/v1/products/" + this.b.ready().id() + "/passport",
				"/api/v1/products/" + this.b.ready().id() + "/passport/versions",
				"/api/v1/products/" + this.b.ready().id() + "/passport/versions/1",
				"/api/v1/brands/" + this.b.brandId() + "/passport-schema",
				"/api/v1/access-grants?brandId=" + this.b.brandId(),
				"/api/v1/passport-access-events?brandId=" + this.b.brandId(),
				"/api/v1/brands/" + this.b.brandId() + "/signing-keys",
				"/api/v1/brands/" + this.b.brandId() + "/signing-keys/1",
				"/api/v1/brands/" + this.b.brandId() + "/tag-programmer-certificate",
				"/api/v1/batches/" + this.batchOfB.id() + "/registry",
				"/api/v1/batches/" + this.batchOfB.id() + "/registry/file");
		for (Http caller : callersOfA()) {
			for (String path : paths) {
				Response response = caller.get(path);
				assertThat(response.status()).as(path + " -> " + response).isEqualTo(404);
				assertThat(response.isProblem()).isTrue();
				assertThat(response.body()).doesNotContain(this.b.ready().sku());
			}
			// The owner of B sees them all, so the ids above are real.
		}
		Http ownerOfB = login(this.b.owner(), this.b.password());
		for (String path : paths) {
			assertThat(ownerOfB.get(path).status()).as(path).isEqualTo(200);
		}
		String keysPage = "/brands/" + this.b.brandId() + "/keys";
		for (Http user : List.of(login(this.a.owner(), this.a.password()), login(this.a.viewer(), this.a.password()))) {
			Response page = user.page(keysPage);
			assertThat(page.status()).as(keysPage).isEqualTo(404);
			assertThat(page.body()).doesNotContain(Fixtures.COMPANY_PREFIX + ":1");
			assertThat(user.page("/keys").header("Location")).endsWith("/brands/" + this.a.brandId() + "/keys");
		}
		assertThat(ownerOfB.page(keysPage).status()).isEqualTo(200);
	}

	@Test
	void brandAsListsHoldNothingOfBrandB() {
		for (Http caller : callersOfA()) {
			assertThat(caller.get("/api/v1/products?limit=200")
				.json()
				.path("items")
				.valueStream()
				.map((product) -> product.path("brandId").asLong())).containsOnly(this.a.brandId());
			assertThat(caller.get("/api/v1/batches?limit=200")
				.json()
				.path("items")
				.valueStream()
				.map((batch) -> batch.path("brandId").asLong())).isNotEmpty().containsOnly(this.a.brandId());
			assertThat(caller.get("/api/v1/tokens?limit=200")
				.json()
				.path("items")
				.valueStream()
				.map((token) -> token.path("brandId").asLong())).hasSize(3).containsOnly(this.a.brandId());
			assertThat(caller.get("/api/v1/tokens?batchId=" + this.batchOfB.id()).json().path("items").size()).isZero();
			assertThat(caller.get("/api/v1/audit-events?limit=200")
				.json()
				.path("items")
				.valueStream()
				.map((event) -> event.path("brandId").asLong())).isNotEmpty().containsOnly(this.a.brandId());
			assertThat(caller.get("/api/v1/kpis").json().path("tokensMinted").asLong()).isEqualTo(3);
			assertThat(caller.get("/api/v1/exports?limit=200").json().path("items").size()).isZero();
			assertThat(caller.get("/api/v1/exports?batchId=" + this.batchOfB.id()).json().path("items").size())
				.isZero();
		}
		Response keys = login(this.a.owner(), this.a.password()).get("/api/v1/api-keys");
		assertThat(keys.json().valueStream().map((key) -> key.path("brandId").asLong())).containsOnly(this.a.brandId());
	}

	@Test
	void brandACannotChangeBrandBsThings() throws Exception {
		List<Http> writers = List.of(api(this.a), login(this.a.owner(), this.a.password()));
		for (Http caller : writers) {
			Response run = caller.post("/api/v1/production-runs", Map.of("productId", this.b.ready().id(),
					"erpReference", this.b.run().erpReference(), "plannedQuantity", 999));
			assertThat(run.status()).as(run.toString()).isEqualTo(422);
			Response mint = caller.post("/api/v1/mint-requests", Map.of("productId", this.b.ready().id(),
					"identityMode", "serial", "activationMode", "active", "quantity", 5));
			assertThat(mint.status()).isEqualTo(422);
			assertThat(mint.errorCodes()).contains("UNKNOWN_PRODUCT");
			Response withBsRun = caller.post("/api/v1/mint-requests",
					Map.of("productId", this.a.ready().id(), "productionRunId", this.b.run().id(), "identityMode",
							"serial", "activationMode", "active", "quantity", 5));
			assertThat(withBsRun.status()).isEqualTo(422);
			assertThat(withBsRun.errorCodes()).containsExactly("UNKNOWN_PRODUCTION_RUN");
			Response revoke = caller.post("/api/v1/tokens/" + this.tokenOfB + "/revoke", Map.of("reason", "x"));
			assertThat(revoke.status()).isEqualTo(404);
			Response export = caller.post("/api/v1/exports", Map.of("batchId", this.batchOfB.id()));
			assertThat(export.status()).isEqualTo(422);
			Map<String, String> passportWrites = Map.of("/api/v1/products/" + this.b.ready().id() + "/passport",
					"{\"material\": \"Silk\"}", "/api/v1/brands/" + this.b.brandId() + "/passport-schema",
					"{\"fields\": []}", "/api/v1/products/" + this.b.ready().id() + "/commodity-code",
					"{\"commodityCode\": \"61091000\"}", "/api/v1/brands/" + this.b.brandId() + "/operator",
					"{\"operatorGln\": \"9506000000015\"}");
			passportWrites.forEach((path,
					body) -> assertThat(caller.send("PUT", path, body, Map.of()).status()).as(path).isEqualTo(404));
			String keysOfB = "/api/v1/brands/" + this.b.brandId() + "/signing-keys";
			assertThat(caller.post(keysOfB + "/rotate", Map.of()).status()).isEqualTo(404);
			assertThat(caller.post(keysOfB + "/1/revoke", Map.of()).status()).isEqualTo(404);
			Response certificate = caller
				.send("PUT", "/api/v1/brands/" + this.b.brandId() + "/tag-programmer-certificate",
						TestCertificates
							.json(TestCertificates.pem(TestCertificates.certificate(2048, Duration.ofDays(30)))),
						Map.of());
			assertThat(certificate.status()).isEqualTo(404);
			String registryOfB = "/api/v1/batches/" + this.batchOfB.id() + "/registry";
			assertThat(caller.post(registryOfB + "/submission", Map.of()).status()).isEqualTo(404);
			assertThat(
					caller.send("PUT", registryOfB + "/registration", "{\"registrationIdentifier\": \"R-1\"}", Map.of())
						.status())
				.isEqualTo(404);
			assertThat(caller.post(registryOfB + "/rejection", Map.of("reason", "x")).status()).isEqualTo(404);
		}
		String registryPageOfB = "/mint/batch/" + this.batchOfB.id() + "/registry";
		Http ownerOfAOnPages = login(this.a.owner(), this.a.password());
		assertThat(ownerOfAOnPages.fragment(registryPageOfB).status()).isEqualTo(404);
		assertThat(ownerOfAOnPages.form(registryPageOfB + "/submission", Map.of()).status()).isEqualTo(404);
		Http ownerOfA = login(this.a.owner(), this.a.password());
		assertThat(ownerOfA.post("/api/v1/api-keys/" + this.apiKeyOfB + "/revoke", Map.of()).status()).isEqualTo(404);
		String keysPageOfB = "/brands/" + this.b.brandId() + "/keys";
		assertThat(ownerOfA.form(keysPageOfB + "/rotate", Map.of()).status()).isEqualTo(404);
		assertThat(ownerOfA.form(keysPageOfB + "/1/revoke", Map.of()).status()).isEqualTo(404);
		assertThat(
				ownerOfA
					.multipart("/brands/" + this.b.brandId() + "/tag-programmer-certificate",
							Map.of("pem",
									TestCertificates.pem(TestCertificates.certificate(2048, Duration.ofDays(30)))),
							"file", null, null)
					.status())
			.isEqualTo(404);
		assertThat(ownerOfA.post("/api/v1/api-keys", Map.of("name", "x", "brandId", this.b.brandId())).status())
			.isEqualTo(422);

		assertBrandBUnchanged();
	}

	@Test
	void aViewerCanChangeNothing() throws Exception {
		Http viewer = login(this.a.viewer(), this.a.password());
		String token = this.identifiers.encode(this.jdbc
			.sql("select min(t.id) from tokens t join mint_batches b on b.id = t.batch_id where b.brand_id = ?")
			.param(1, this.a.brandId())
			.query(Long.class)
			.single());
		long batchesBefore = count("select count(*) from mint_batches where brand_id = ?", this.a.brandId());
		String keysOfA = "/api/v1/brands/" + this.a.brandId() + "/signing-keys";
		String certificate = TestCertificates
			.json(TestCertificates.pem(TestCertificates.certificate(2048, Duration.ofDays(30))));
		Map<String, Function<Http, Response>> writes = Map
			.of("sync run",
					(http) -> http.post("/api/v1/production-runs",
							Map.of("productId", this.a.ready().id(), "erpReference", "V-1", "plannedQuantity", 5)),
					"mint",
					(http) -> http.post("/api/v1/mint-requests",
							Map.of("productId", this.a.ready().id(), "identityMode", "serial", "activationMode",
									"active", "quantity", 5)),
					"revoke", (http) -> http.post("/api/v1/tokens/" + token + "/revoke", Map.of("reason", "x")),
					"create key", (http) -> http.post("/api/v1/api-keys", Map.of("name", "x")), "export",
					(http) -> http.post("/api/v1/exports", Map.of("batchId", this.batchOfB.id())), "rotate signing key",
					(http) -> http.post(keysOfA + "/rotate", Map.of()), "revoke signing key",
					(http) -> http.post(keysOfA + "/1/revoke", Map.of()), "upload certificate",
					(http) -> http.send("PUT", "/api/v1/brands/" + this.a.brandId() + "/tag-programmer-certificate",
							certificate, Map.of()));
		String registryOfA = "/api/v1/batches/" + this.batchOfA.id() + "/registry";
		Map<String, Function<Http, Response>> registryWrites = Map.of("mark submitted",
				(http) -> http.post(registryOfA + "/submission", Map.of()), "record registration",
				(http) -> http.send("PUT", registryOfA + "/registration", "{\"registrationIdentifier\": \"R-1\"}",
						Map.of()),
				"record rejection", (http) -> http.post(registryOfA + "/rejection", Map.of("reason", "x")));
		registryWrites.forEach((name, write) -> {
			Response response = write.apply(viewer);
			assertThat(response.status()).as(name + " -> " + response).isEqualTo(403);
			assertThat(response.isProblem()).isTrue();
		});
		assertThat(viewer.get(registryOfA).status()).isEqualTo(200);
		writes.forEach((name, write) -> {
			Response response = write.apply(viewer);
			assertThat(response.status()).as(name + " -> " + response).isEqualTo(403);
			assertThat(response.isProblem()).isTrue();
		});
		assertThat(count("select count(*) from mint_batches where brand_id = ?", this.a.brandId()))
			.isEqualTo(batchesBefore);
		assertThat(count("select count(*) from production_runs where brand_id = ?", this.a.brandId())).isEqualTo(1);
		assertThat(count("select count(*) from tokens where status = ? and id = ?", TokenStatus.REVOKED.code(),
				this.identifiers.decode(token)))
			.isZero();
		assertThat(count("select count(*) from api_keys where brand_id = ?", this.a.brandId())).isEqualTo(1);
		assertThat(count("select count(*) from exports where brand_id = ?", this.a.brandId())).isZero();
		assertThat(count("select count(*) from brand_keys where brand_id = ?", this.a.brandId())).isZero();
		assertThat(count("select count(*) from brands where id = ? and tag_programmer_certificate is not null",
				this.a.brandId()))
			.isZero();
		assertThat(count("select count(*) from registry_registrations where brand_id = ?", this.a.brandId())).isZero();
	}

	private void assertBrandBUnchanged() {
		assertThat(count("select count(*) from registry_registrations where brand_id = ?", this.b.brandId())).isZero();
		assertThat(count("select passport_schema_version from brands where id = ?", this.b.brandId())).isEqualTo(1);
		assertThat(count("select count(*) from passport_versions where subject_id = ?", this.b.ready().id()))
			.isEqualTo(1);
		assertThat(count("select count(*) from brands where id = ? and operator_gln is null", this.b.brandId()))
			.isEqualTo(1);
		assertThat(count("select count(*) from mint_batches where brand_id = ?", this.b.brandId())).isEqualTo(1);
		assertThat(count("select count(*) from mint_batches where brand_id = ?", this.a.brandId())).isEqualTo(1);
		assertThat(count("select planned_quantity from production_runs where id = ?", this.b.run().id()))
			.isEqualTo(1000);
		assertThat(count("select reserved_quantity from production_runs where id = ?", this.b.run().id())).isZero();
		assertThat(count("select count(*) from tokens where batch_id = ? and status = ?", this.batchOfB.id(),
				TokenStatus.ACTIVE.code()))
			.isEqualTo(3);
		assertThat(count("select count(*) from token_revocations where token_id = ?", this.batchOfB.firstTokenId()))
			.isZero();
		assertThat(count("select count(*) from api_keys where id = ? and revoked_at is null", this.apiKeyOfB))
			.isEqualTo(1);
		assertThat(Http.withApiKey(this.port, this.b.apiKey()).get("/api/v1/kpis").status()).isEqualTo(200);
		assertThat(count("select count(*) from exports where batch_id = ?", this.batchOfB.id())).isEqualTo(1);
		assertThat(count("select count(*) from audit_events where entity_type = 'export' and brand_id = ?",
				this.b.brandId()))
			.isEqualTo(1);
		assertThat(this.jdbc.sql("select key_number || ' ' || state from brand_keys where brand_id = ?")
			.param(1, this.b.brandId())
			.query(String.class)
			.list()).containsExactly("1 active");
		assertThat(this.jdbc.sql("select tag_programmer_certificate from brands where id = ?")
			.param(1, this.b.brandId())
			.query(String.class)
			.single()).isEqualTo(this.certificateOfB);
	}

}
