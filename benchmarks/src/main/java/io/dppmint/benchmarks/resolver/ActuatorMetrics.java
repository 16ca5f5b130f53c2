package io.dppmint.benchmarks.resolver;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meters of a running app, read from its actuator ({@code /actuator/metrics/<name>},
 * which the benchmark exposes on the app it starts): the resolver's token lookups by
 * source and its telemetry counts.
 */
final class ActuatorMetrics {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	ActuatorMetrics(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * The value of meter {@code name}, optionally narrowed by one {@code tag} (such as
	 * {@code source:memory}); 0 when the app has no such meter yet.
	 */
	double value(String name, String tag) throws IOException, InterruptedException {
		String url = this.baseUrl + "/actuator/metrics/" + name
				+ ((tag != null) ? "?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8) : "");
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return 0;
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		JsonNode measurements = json.readTree(response.body()).path("measurements");
		double sum = 0;
		for (JsonNode measurement : measurements) {
			sum += measurement.path("value").asDouble();
		}
		return sum;
	}

}
