package io.dppmint.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.dppmint.console.Http.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot Admin inside the console: operators only, apps register with the
 * registration credentials, and it links to the job operations page.
 */
class MonitoringIntegrationTests extends ApiTestSupport {

	private static final String PASSWORD = "operator-password";

	private static Map<String, String> basic(String password) {
		return Map.of("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString(("dpp-app:" + password).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void servesSpringBootAdminToOperatorsOnlyWithALinkToJobOperations() {
		Tenant tenant = tenant();
		Http operatorSession = login(operator(PASSWORD), PASSWORD);
		Response operator = operatorSession.page("/admin");
		Response settings = operatorSession.send("GET", "/admin/sba-settings.js", null, Map.of("Accept", "*/*"));
		Response owner = login(tenant.owner(), tenant.password()).page("/admin");
		Response anonymous = anonymous().page("/admin");

		assertThat(operator.status()).isEqualTo(200);
		assertThat(operator.body()).contains("<title>DPP Mint</title>");
		assertThat(settings.status()).isEqualTo(200);
		assertThat(settings.body()).contains("Job operations").contains("/jobs");
		assertThat(owner.status()).isEqualTo(403);
		assertThat(anonymous.status()).isEqualTo(302);
		assertThat(anonymous.header("Location")).endsWith("/login");
		assertThat(api(tenant).get("/admin/applications").status()).isEqualTo(403);
	}

	@Test
	void letsAppsRegisterOnlyWithTheRegistrationCredentials() {
		String registration = "{\"name\": \"test-app\", \"healthUrl\": \"http://127.0.0.1:9/actuator/health\"}";
		Response wrong = anonymous().send("POST", "/admin/instances", registration, basic("wrong"));
		Response none = anonymous().send("POST", "/admin/instances", registration, Map.of());
		Response registered = anonymous().send("POST", "/admin/instances", registration, basic(REGISTRATION_PASSWORD));
		Response listing = anonymous().send("GET", "/admin/applications", null, basic(REGISTRATION_PASSWORD));

		assertThat(wrong.status()).isEqualTo(401);
		assertThat(none.status()).isIn(302, 401, 403);
		assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
		assertThat(listing.status()).as("registration credentials only register").isIn(401, 403);
		Response applications = login(operator(PASSWORD), PASSWORD).get("/admin/applications");
		assertThat(applications.status()).isEqualTo(200);
		assertThat(applications.body()).contains("test-app");
	}

	@Test
	void servesTheJobOperationsPageToOperatorsOnly() {
		Tenant tenant = tenant();
		Response operator = login(operator(PASSWORD), PASSWORD).page("/jobs");
		Response viewer = login(tenant.viewer(), tenant.password()).page("/jobs");

		assertThat(operator.status()).isEqualTo(200);
		assertThat(operator.body()).contains("<h1>Job operations</h1>");
		assertThat(viewer.status()).isEqualTo(403);
	}

}
