package io.dppmint.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import io.dppmint.testsupport.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics over real HTTP from the four packaged apps, after they did real work (a
 * mint through the console and mint-jobs, an export through export-jobs, scans of the
 * minted tokens by a person and a robot at the resolver): every metric that the Grafana
 * dashboard ({@code deploy/grafana}) and the alert rules ({@code deploy/prometheus})
 * query is in some app's {@code /actuator/prometheus}, which the development default
 * serves to loopback; the jobs' Spring Batch metrics come from both job apps; the
 * platform's counters moved with the work done.
 */
class MetricsIntegrationTests {

	/** Recorded by Prometheus itself for each scrape target, not by an app. */
	private static final Set<String> RECORDED_BY_PROMETHEUS = Set.of("up");

	/** Target labels Prometheus puts on every series it scrapes. */
	private static final Set<String> ADDED_BY_PROMETHEUS = Set.of("job", "instance");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

	@RegisterExtension
	static final Browser browser = new Browser();

	private final Platform platform = Platform.get();

	@Test
	void everyMetricOfTheDashboardAndTheAlertRulesIsEmittedAfterRealWork() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchId = Mints.minted(page, "ACME-TEE-001", "first_scan", 30);
		Exports.completed(page, batchId);
		String resolverUrl = firstResolverUrl(page, batchId);
		try (HttpClient http = HttpClient.newHttpClient()) {
			assertThat(scan(http, resolverUrl,
					"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
							+ "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"))
				.isEqualTo(307);
			assertThat(
					scan(http, resolverUrl, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
				.isEqualTo(307);
			assertThat(scan(http, this.platform.resolverUrl() + "/t/NOT-AN-ID", "curl/8.5.0")).isEqualTo(400);
		}

		Map<String, String> scrapes = awaitScrapes(batchId);
		for (Map.Entry<String, String> scrape : scrapes.entrySet()) {
			// Kept for whoever reads a failure: what each app served.
			Files.writeString(Path.of("target", "platform", scrape.getKey() + ".prom"), scrape.getValue());
		}
		Map<String, Set<String>> namesByApp = new TreeMap<>();
		scrapes.forEach((app, body) -> namesByApp.put(app, names(body)));
		Set<String> emitted = new TreeSet<>();
		namesByApp.values().forEach(emitted::addAll);

		Map<String, Set<String>> used = usedMetrics();
		assertThat(used.values()).as("metrics found in the dashboard and alert rules").allSatisfy((names) -> {
			assertThat(names).isNotEmpty();
		});
		Map<String, Set<String>> missing = new LinkedHashMap<>();
		used.forEach((expression, names) -> {
			Set<String> absent = new TreeSet<>(names);
			absent.removeAll(emitted);
			absent.removeAll(RECORDED_BY_PROMETHEUS);
			if (!absent.isEmpty()) {
				missing.put(expression, absent);
			}
		});
		assertThat(missing).as("metrics queried but emitted by no app").isEmpty();
		Map<String, Set<String>> unknownLabels = new LinkedHashMap<>();
		used.forEach((expression, names) -> {
			Set<String> labels = new TreeSet<>(PromQl.labelNames(expression));
			labels.removeAll(ADDED_BY_PROMETHEUS);
			for (String name : names) {
				scrapes.values().forEach((scrape) -> labels.removeAll(labels(scrape, name)));
			}
			if (!labels.isEmpty()) {
				unknownLabels.put(expression, labels);
			}
		});
		assertThat(unknownLabels).as("labels queried but on none of the expression's metrics").isEmpty();

		for (String jobApp : List.of("mint-jobs", "export-jobs")) {
			assertThat(namesByApp.get(jobApp)).as(jobApp)
				.contains("spring_batch_job_seconds_count", "spring_batch_step_seconds_count",
						"spring_batch_chunk_write_seconds_count", "dpp_jobs_lease_takeovers_total");
		}
		assertThat(scrapes.get("mint-jobs")).contains("spring_batch_job_name=\"mintJob\"")
			.contains("spring_batch_step_name=\"mintTokensStep:partition");
		assertThat(scrapes.get("export-jobs")).contains("spring_batch_job_name=\"exportJob\"")
			.contains("spring_batch_step_name=\"exportPacksStep\"");
		assertThat(PrometheusScrape.sum(scrapes.get("mint-jobs"), "dpp_mint_units_total", ""))
			.isGreaterThanOrEqualTo(30);
		assertThat(PrometheusScrape.sum(scrapes.get("export-jobs"), "dpp_export_packs_total", ""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusScrape.sum(scrapes.get("resolver-app"), "dpp_resolver_activations_total", ""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusScrape.sum(scrapes.get("resolver-app"), "dpp_resolver_resolutions_total",
				"outcome=\"malformed\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusScrape.sum(scrapes.get("resolver-app"), "dpp_resolver_robot_scans_total",
				"class=\"crawler\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(PrometheusScrape.sum(scrapes.get("mint-jobs"), "dpp_mint_batches", "status=\"minted\""))
			.isGreaterThanOrEqualTo(1);
	}

	/**
	 * Scrape every app until mint-jobs' database gauges have seen the minted batch (they
	 * are read every 15 s).
	 */
	private Map<String, String> awaitScrapes(long batchId) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		Map<String, String> scrapes;
		try (HttpClient http = HttpClient.newHttpClient()) {
			do {
				scrapes = new TreeMap<>();
				for (Map.Entry<String, String> app : this.platform.appUrls().entrySet()) {
					HttpResponse<String> response = http.send(
							HttpRequest.newBuilder(URI.create(app.getValue() + "/actuator/prometheus")).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).as(app.getKey() + " /actuator/prometheus from loopback")
						.isEqualTo(200);
					scrapes.put(app.getKey(), response.body());
				}
				if (PrometheusScrape.sum(scrapes.get("mint-jobs"), "dpp_mint_batches", "status=\"minted\"") >= 1) {
					return scrapes;
				}
				Platform.sleep(Duration.ofSeconds(1));
			}
			while (System.nanoTime() < deadline);
		}
		throw new AssertionError("mint-jobs' dpp_mint_batches never counted batch " + batchId + " as minted");
	}

	/** Every PromQL expression of the dashboard and the alert rules, with its metrics. */
	private static Map<String, Set<String>> usedMetrics() throws IOException {
		Path root = Path.of(System.getProperty("dpp.system-tests.repository-root"));
		List<String> expressions = new ArrayList<>(
				JsonPath.read(Files.readString(root.resolve("deploy/grafana/dpp-mint-dashboard.json")), "$..expr"));
		assertThat(expressions).as("dashboard expressions").hasSizeGreaterThan(20);
		Map<String, Object> rules = new Yaml().load(Files.readString(root.resolve("deploy/prometheus/alerts.yaml")));
		int alerts = 0;
		for (Object group : (List<?>) rules.get("groups")) {
			for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
				expressions.add(String.valueOf(((Map<?, ?>) rule).get("expr")));
				alerts++;
			}
		}
		assertThat(alerts).as("alert rules").isGreaterThanOrEqualTo(8);
		Map<String, Set<String>> used = new LinkedHashMap<>();
		expressions.forEach((expression) -> used.put(expression, PromQl.metricNames(expression)));
		return used;
	}

	private String firstResolverUrl(Page page, long batchId) {
		APIResponse tokens = page.request()
			.get(this.platform.consoleUrl() + "/api/v1/tokens?batchId=" + batchId + "&limit=1");
		assertThat(tokens.status()).as(tokens.text()).isEqualTo(200);
		return JsonPath.read(tokens.text(), "$.items[0].resolverUrl");
	}

	private static int scan(HttpClient http, String url, String userAgent) throws Exception {
		return http
			.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static Set<String> names(String scrape) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = PrometheusScrape.SAMPLE.matcher(scrape);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/** The label names of a metric's samples. */
	private static Set<String> labels(String scrape, String name) {
		Set<String> labels = new TreeSet<>();
		Matcher matcher = PrometheusScrape.SAMPLE.matcher(scrape);
		while (matcher.find()) {
			if (matcher.group(1).equals(name) && matcher.group(2) != null) {
				Matcher label = LABEL.matcher(matcher.group(2).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
				while (label.find()) {
					labels.add(label.group(1));
				}
			}
		}
		return labels;
	}

}
