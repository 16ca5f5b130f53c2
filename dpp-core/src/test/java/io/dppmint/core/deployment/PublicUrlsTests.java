package io.dppmint.core.deployment;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

class PublicUrlsTests {

	private static final String PROPERTY = "dpp.resolver.public-base-url";

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8081", "http://127.1.2.3", "http://localhost:8083", "https://LOCALHOST/",
			"http://dpp.localhost", "http://[::1]:8081", "http://0.0.0.0:8081" })
	void refusesALoopbackUrlInAPod(String url) {
		assertThatIllegalStateException().isThrownBy(() -> PublicUrls.require(url, PROPERTY, pod()))
			.withMessageStartingWith("dpp.resolver.public-base-url (DPP_RESOLVER_PUBLIC_BASE_URL) is " + url
					+ ", a loopback address: on Kubernetes nobody outside this pod can follow it");
	}

	@Test
	void refusesALoopbackUrlWhereKubernetesIsNamedRatherThanDetected() {
		MockEnvironment named = new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes");

		assertThatIllegalStateException()
			.isThrownBy(
					() -> PublicUrls.require("http://127.0.0.1:8083", "dpp.console.export-download-base-url", named))
			.withMessageContaining("DPP_CONSOLE_EXPORT_DOWNLOAD_BASE_URL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://id.example.com", "https://id.example.com/dl/", "http://dpp-export-jobs",
			"http://10.0.0.7:8083", "https://[2001:db8::1]", "https://localhost.example.com" })
	void acceptsAnyOtherHostInAPod(String url) {
		assertThat(PublicUrls.require(url, PROPERTY, pod())).isEqualTo(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8081", "http://localhost:8083", "http://[::1]:8081" })
	void acceptsLoopbackOnOneMachine(String url) {
		assertThat(PublicUrls.require(url, PROPERTY, new StandardEnvironment())).isEqualTo(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "id.example.com", "ftp://id.example.com", "https:///path", "not a url", "" })
	void refusesAMalformedUrlAnywhere(String url) {
		assertThatIllegalStateException().isThrownBy(() -> PublicUrls.require(url, PROPERTY, new StandardEnvironment()))
			.withMessage("dpp.resolver.public-base-url (DPP_RESOLVER_PUBLIC_BASE_URL) must be an absolute http or"
					+ " https URL with a host, not '" + url + "' Set DPP_RESOLVER_PUBLIC_BASE_URL to an https:// URL.");
	}

	@Test
	void reportsTheRefusalAsAStartUpFailureSayingWhatToSet() {
		Throwable failure = new IllegalStateException("Unable to start embedded Tomcat", catchThrowable(
				() -> PublicUrls.require("http://127.0.0.1:8083", "dpp.console.export-download-base-url", pod())));

		FailureAnalysis analysis = new PublicUrlFailureAnalyzer().analyze(failure);

		assertThat(analysis.getDescription()).isEqualTo("dpp.console.export-download-base-url"
				+ " (DPP_CONSOLE_EXPORT_DOWNLOAD_BASE_URL) is http://127.0.0.1:8083, a loopback address: on Kubernetes"
				+ " nobody outside this pod can follow it.");
		assertThat(analysis.getAction()).isEqualTo("Set DPP_CONSOLE_EXPORT_DOWNLOAD_BASE_URL to the public URL, for"
				+ " example in the dpp-settings ConfigMap (deploy/kubernetes/configuration.yaml).");
	}

	/** What a container in a pod sees: the cluster's API service in its environment. */
	private static StandardEnvironment pod() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")));
		return environment;
	}

}
