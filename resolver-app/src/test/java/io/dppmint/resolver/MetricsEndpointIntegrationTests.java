package io.dppmint.resolver;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.resolver.ResolverFixtures.Minted;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus} over real HTTP: open to loopback only by default (another
 * host, here this machine's own non-loopback address, gets 403, also through an encoded
 * path), and with {@code dpp.metrics.token} set, only to a request bearing the token (401
 * otherwise, from anywhere). The scan counters it serves move with real scans.
 */
class MetricsEndpointIntegrationTests {

	private static final String TOKEN = "scrape-token-for-tests-0123456789";

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=0.0.0.0")
	@Import(ResolverTestConfiguration.class)
	class DevelopmentDefault {

		@LocalServerPort
		int port;

		@Autowired
		ResolverFixtures fixtures;

		@Test
		void servesTheMetricsToLoopback() throws Exception {
			HttpResponse<String> response = get("127.0.0.1", this.port, "/actuator/prometheus", null);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
			assertThat(response.body()).contains("dpp_resolver_resolutions_total{")
				.contains("dpp_resolver_activations_total{")
				.contains("dpp_resolver_telemetry_dropped_total{")
				.contains("jvm_memory_used_bytes{");
		}

		@Test
		void refusesAnotherHost() throws Exception {
			String address = nonLoopbackAddress();

			HttpResponse<String> response = get(address, this.port, "/actuator/prometheus", null);
			HttpResponse<String> encoded = get(address, this.port, "/actuator/%70rometheus", null);
			HttpResponse<String> health = get(address, this.port, "/actuator/health", null);

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains("DPP_METRICS_TOKEN").doesNotContain("jvm_");
			assertThat(encoded.statusCode()).isIn(400, 403, 404);
			assertThat(encoded.body()).doesNotContain("jvm_");
			assertThat(health.statusCode()).isEqualTo(200);
		}

		@Test
		void countsResolutionsByOutcomeAndActivations() throws Exception {
			Product product = this.fixtures.aGs1Product();
			Minted minted = this.fixtures.mintSerial(product, 2, ActivationMode.FIRST_SCAN);
			double redirects = scraped("dpp_resolver_resolutions_total", "outcome=\"redirect\"");
			double notFound = scraped("dpp_resolver_resolutions_total", "outcome=\"not_found\"");
			double malformed = scraped("dpp_resolver_resolutions_total", "outcome=\"malformed\"");
			double activations = scraped("dpp_resolver_activations_total", "");

			assertThat(scan(this.fixtures.gs1Path(product, minted.token(0))).statusCode()).isEqualTo(307);
			assertThat(scan(this.fixtures.gs1Path(product, minted.token(0))).statusCode()).isEqualTo(307);
			assertThat(scan("/01/" + ResolverFixtures.uniqueGtin(ResolverFixtures.COMPANY_PREFIX)).statusCode())
				.isEqualTo(404);
			assertThat(scan("/01/123").statusCode()).isEqualTo(400);

			assertThat(scraped("dpp_resolver_resolutions_total", "outcome=\"redirect\"") - redirects).isEqualTo(2);
			assertThat(scraped("dpp_resolver_resolutions_total", "outcome=\"not_found\"") - notFound).isEqualTo(1);
			assertThat(scraped("dpp_resolver_resolutions_total", "outcome=\"malformed\"") - malformed).isEqualTo(1);
			assertThat(scraped("dpp_resolver_activations_total", "") - activations).isEqualTo(1);
		}

		private HttpResponse<String> scan(String path) throws Exception {
			try (HttpClient http = HttpClient.newHttpClient()) {
				return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
					.header("User-Agent", ResolverFixtures.PHONE)
					.header("Accept", "text/html")
					.build(), HttpResponse.BodyHandlers.ofString());
			}
		}

		private double scraped(String name, String label) throws Exception {
			String body = get("127.0.0.1", this.port, "/actuator/prometheus", null).body();
			Matcher matcher = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(body);
			while (matcher.find()) {
				if (matcher.group(1).contains(label)) {
					return Double.parseDouble(matcher.group(2));
				}
			}
			throw new AssertionError("No " + name + " with " + label + " in the scrape");
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=0.0.0.0", "dpp.metrics.token=" + TOKEN })
	class WithAScrapeToken {

		@LocalServerPort
		int port;

		@Test
		void servesTheMetricsOnlyWithTheToken() throws Exception {
			String address = nonLoopbackAddress();

			HttpResponse<String> withToken = get(address, this.port, "/actuator/prometheus", "Bearer " + TOKEN);
			HttpResponse<String> loopbackWithoutToken = get("127.0.0.1", this.port, "/actuator/prometheus", null);
			HttpResponse<String> withoutToken = get(address, this.port, "/actuator/prometheus", null);
			HttpResponse<String> wrongToken = get(address, this.port, "/actuator/prometheus",
					"Bearer " + TOKEN.substring(1) + "x");
			HttpResponse<String> basic = get(address, this.port, "/actuator/prometheus", "Basic " + TOKEN);

			assertThat(withToken.statusCode()).isEqualTo(200);
			assertThat(withToken.body()).contains("dpp_resolver_resolutions_total{");
			for (HttpResponse<String> refused : List.of(loopbackWithoutToken, withoutToken, wrongToken, basic)) {
				assertThat(refused.statusCode()).isEqualTo(401);
				assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"metrics\"");
				assertThat(refused.body()).doesNotContain("jvm_").doesNotContain(TOKEN);
			}
		}

	}

	static HttpResponse<String> get(String host, int port, String path, String authorization) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	/**
	 * This machine's own address on a non-loopback interface: a caller that is not local.
	 */
	static String nonLoopbackAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
						return address.getHostAddress();
					}
				}
			}
		}
		throw new AssertionError("This machine has no non-loopback IPv4 address to call the app from another host");
	}

}
