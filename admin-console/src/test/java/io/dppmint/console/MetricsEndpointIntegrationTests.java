package io.dppmint.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's {@code /actuator/prometheus} with a scrape token, over real HTTP: the
 * token opens it (no console session needed), anything else gets 401 from the scrape
 * guard, never the login page; the rest of the console stays behind its login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dpp.metrics.token=console-scrape-token-0123456789")
class MetricsEndpointIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void servesTheMetricsToTheScrapeTokenOnly() throws Exception {
		HttpResponse<String> withToken = get("/actuator/prometheus", "Bearer console-scrape-token-0123456789");
		HttpResponse<String> withoutToken = get("/actuator/prometheus", null);
		HttpResponse<String> wrongToken = get("/actuator/prometheus", "Bearer console-scrape-token-012345678X");
		HttpResponse<String> tokenElsewhere = get("/mint", "Bearer console-scrape-token-0123456789");

		assertThat(withToken.statusCode()).isEqualTo(200);
		assertThat(withToken.body()).contains("application=\"admin-console\"").contains("jvm_memory_used_bytes{");
		assertThat(withoutToken.statusCode()).isEqualTo(401);
		assertThat(wrongToken.statusCode()).isEqualTo(401);
		assertThat(wrongToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"metrics\"");
		assertThat(wrongToken.body()).doesNotContain("jvm_");
		assertThat(tokenElsewhere.statusCode()).as("the scrape token is no console login").isIn(302, 401);
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
