package io.dppmint.console;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dppmint.console.Http.Response;
import io.dppmint.platform.process.LoopbackPorts;
import io.dppmint.testsupport.AppProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged console started as Kubernetes starts it (Spring Boot's Kubernetes
 * detection on, configuration from the environment): it refuses the loopback base of the
 * download links it hands out, starts with the one the ConfigMap gives it, and answers
 * the probes the manifest points at (deploy/kubernetes/admin-console.yaml).
 */
class KubernetesPodIntegrationTests {

	private static final Map<String, String> POD = Map.of("SPRING_MAIN_CLOUD_PLATFORM", "kubernetes",
			"DPP_CONSOLE_INITIAL_ADMIN_PASSWORD", "kubernetes-pod-test-password");

	@Test
	void refusesToStartInAPodWithTheLoopbackDownloadBase() throws Exception {
		try (AppProcess console = AppProcess.start(AppProcess.packagedJar("admin-console"), "pod/loopback", POD,
				List.of())) {
			assertThat(console.process().waitFor(120, TimeUnit.SECONDS)).as("exited").isTrue();

			assertThat(console.process().exitValue()).isNotZero();
			assertThat(console.output()).contains("APPLICATION FAILED TO START");
			assertThat(console.output()).contains(
					"dpp.console.export-download-base-url (DPP_CONSOLE_EXPORT_DOWNLOAD_BASE_URL) is http://127.0.0.1:8083,"
							+ " a loopback address: on Kubernetes nobody outside this pod can follow it");
		}
	}

	@Test
	void startsInAPodWithTheDownloadBaseOfItsConfigMapAndAnswersTheProbes() {
		int port = LoopbackPorts.free(1)[0];
		Map<String, String> environment = new HashMap<>(POD);
		environment.put("DPP_CONSOLE_EXPORT_DOWNLOAD_BASE_URL", "https://downloads.example.com");
		environment.put("SERVER_PORT", Integer.toString(port));
		try (AppProcess console = AppProcess.start(AppProcess.packagedJar("admin-console"), "pod/configured",
				environment, List.of())) {
			console.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(120));

			for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
				Response response = Http.anonymous(port).get(probe);
				assertThat(response.status()).as(probe).isEqualTo(200);
				assertThat(response.body()).as(probe).endsWith("\"status\":\"UP\"}");
			}
		}
	}

}
