package io.dppmint.resolver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dppmint.platform.process.LoopbackPorts;
import io.dppmint.testsupport.AppProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged resolver started as Kubernetes starts it (Spring Boot's Kubernetes
 * detection on, configuration from the environment): it refuses its loopback public root,
 * starts with the one the ConfigMap gives it, and answers the probes the manifest points
 * at (deploy/kubernetes/resolver.yaml).
 */
class KubernetesPodIntegrationTests {

	private static final Map<String, String> POD = Map.of("SPRING_MAIN_CLOUD_PLATFORM", "kubernetes");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void refusesToStartInAPodWithTheLoopbackPublicRoot() throws Exception {
		try (AppProcess resolver = AppProcess.start(AppProcess.packagedJar("resolver-app"), "pod/loopback", POD,
				List.of())) {
			assertThat(resolver.process().waitFor(120, TimeUnit.SECONDS)).as("exited").isTrue();

			assertThat(resolver.process().exitValue()).isNotZero();
			assertThat(resolver.output()).contains("APPLICATION FAILED TO START");
			assertThat(resolver.output()).contains("dpp.resolver.public-base-url (DPP_RESOLVER_PUBLIC_BASE_URL) is"
					+ " http://127.0.0.1:8081, a loopback address: on Kubernetes nobody outside this pod can follow it");
		}
	}

	@Test
	void startsInAPodWithThePublicRootOfItsConfigMapAndAnswersTheProbes() throws Exception {
		int port = LoopbackPorts.free(1)[0];
		Map<String, String> environment = new HashMap<>(POD);
		environment.put("DPP_RESOLVER_PUBLIC_BASE_URL", "https://id.example.com");
		environment.put("SERVER_PORT", Integer.toString(port));
		try (AppProcess resolver = AppProcess.start(AppProcess.packagedJar("resolver-app"), "pod/configured",
				environment, List.of())) {
			String base = "http://127.0.0.1:" + port;
			resolver.awaitHealthy(base, Duration.ofSeconds(120));

			assertThat(get(base + "/actuator/health/liveness")).startsWith("200 ").endsWith("\"status\":\"UP\"}");
			assertThat(get(base + "/actuator/health/readiness")).startsWith("200 ").endsWith("\"status\":\"UP\"}");
			assertThat(get(base + "/.well-known/gs1resolver")).startsWith("200 ")
				.containsPattern("\"resolverRoot\"\\s*:\\s*\"https://id.example.com\"");
		}
	}

	private String get(String url) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.body();
	}

}
