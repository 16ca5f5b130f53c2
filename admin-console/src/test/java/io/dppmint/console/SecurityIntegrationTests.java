package io.dppmint.console;

import java.util.Map;

import io.dppmint.console.Http.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityIntegrationTests extends ApiTestSupport {

	@Test
	void refusesAnonymousAndUnknownKeysWith401ProblemJson() {
		Tenant tenant = tenant();
		Response anonymous = anonymous().get("/api/v1/products");
		Response wrongKey = Http
			.withApiKey(this.port, tenant.apiKey().substring(0, tenant.apiKey().length() - 2) + "xx")
			.get("/api/v1/products");
		Response garbage = Http.withApiKey(this.port, "hello").get("/api/v1/products");

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.isProblem()).isTrue();
		assertThat(wrongKey.status()).isEqualTo(401);
		assertThat(wrongKey.isProblem()).isTrue();
		assertThat(garbage.status()).isEqualTo(401);
		assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void storesApiKeysHashedShowsTheSecretOnceAndHonoursRevocation() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		Response created = owner.post("/api/v1/api-keys", Map.of("name", "ERP connector"));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String secret = created.json().path("secret").asString();
		long id = created.json().path("apiKey").path("id").asLong();
		assertThat(secret).startsWith("dpp_");
		assertThat(count("select count(*) from api_keys where key_hash = ? or key_prefix = ?", secret, secret))
			.isZero();
		Response listed = owner.get("/api/v1/api-keys");
		assertThat(listed.body()).doesNotContain(secret.substring(17));
		assertThat(Http.withApiKey(this.port, secret).get("/api/v1/kpis").status()).isEqualTo(200);

		Response revoked = owner.post("/api/v1/api-keys/" + id + "/revoke", Map.of());
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(Http.withApiKey(this.port, secret).get("/api/v1/kpis").status()).isEqualTo(401);
		assertThat(count("select count(*) from audit_events where entity_type = 'api_key' and entity_id = ?",
				Long.toString(id)))
			.isEqualTo(2);
	}

	@Test
	void letsOnlyOperatorsAndBrandOwnersManageApiKeys() {
		Tenant tenant = tenant();
		Response byKey = api(tenant).post("/api/v1/api-keys", Map.of("name", "x"));
		Response byViewer = login(tenant.viewer(), tenant.password()).get("/api/v1/api-keys");
		Http operator = login(operator("pw-operator-1"), "pw-operator-1");
		Response withoutBrand = operator.post("/api/v1/api-keys", Map.of("name", "x"));
		Response forBrand = operator.post("/api/v1/api-keys", Map.of("name", "x", "brandId", tenant.brandId()));

		assertThat(byKey.status()).isEqualTo(403);
		assertThat(byKey.isProblem()).isTrue();
		assertThat(byViewer.status()).isEqualTo(403);
		assertThat(withoutBrand.status()).isEqualTo(400);
		assertThat(withoutBrand.errorFields()).containsExactly("brandId");
		assertThat(forBrand.status()).isEqualTo(201);
	}

	@Test
	void requiresTheCsrfTokenForChangesFromABrowserSession() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		Response withoutToken = owner.send("POST", "/api/v1/production-runs",
				"{\"productId\": " + tenant.ready().id() + ", \"erpReference\": \"C-1\", \"plannedQuantity\": 5}",
				Map.of("X-XSRF-TOKEN", "forged"));
		Response withToken = owner.post("/api/v1/production-runs",
				Map.of("productId", tenant.ready().id(), "erpReference", "C-1", "plannedQuantity", 5));

		assertThat(withoutToken.status()).isEqualTo(403);
		assertThat(withToken.status()).isEqualTo(201);
	}

	@Test
	void keepsLoginSessionsInPostgresqlSoThatEveryReplicaServesThem() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());

		assertThat(owner.get("/api/v1/kpis").status()).isEqualTo(200);
		assertThat(count("select count(*) from spring_session where principal_name = ?", tenant.owner())).isEqualTo(1);
	}

	@Test
	void rejectsAWrongPassword() {
		Tenant tenant = tenant();
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> login(tenant.owner(), "wrong"));
	}

	@Test
	void createsTheInitialOperatorOnAFreshInstallWithoutAFixedPassword() {
		assertThat(count("select count(*) from console_users where username = 'admin' and role = 'operator'"))
			.isEqualTo(1);
		String hash = this.jdbc.sql("select password_hash from console_users where username = 'admin'")
			.query(String.class)
			.single();
		assertThat(hash).startsWith("{bcrypt}");
	}

}
