package io.dppmint.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness proves itself: four apps up and answering over HTTP, the console's login
 * form and role checks in a real Chromium, and a mint request flowing from the console
 * through the database to mint-jobs and back onto the console's job page.
 */
class PlatformIntegrationTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	private final Platform platform = Platform.get();

	@Test
	void everyAppAnswersHealthUpOverHttp() throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			for (Map.Entry<String, String> app : this.platform.appUrls().entrySet()) {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(URI.create(app.getValue() + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(app.getKey()).isEqualTo(200);
				assertThat(JsonPath.<String>read(response.body(), "$.status")).as(app.getKey()).isEqualTo("UP");
				assertThat(JsonPath.<String>read(response.body(), "$.components.db.status")).as(app.getKey())
					.isEqualTo("UP");
			}
		}
	}

	@Test
	void everyAppAnswersTheKubernetesProbesOnItsHealthGroups() throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			for (Map.Entry<String, String> app : this.platform.appUrls().entrySet()) {
				for (String group : new String[] { "liveness", "readiness" }) {
					HttpResponse<String> response = http.send(
							HttpRequest.newBuilder(URI.create(app.getValue() + "/actuator/health/" + group)).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).as(app.getKey() + " " + group).isEqualTo(200);
					assertThat(JsonPath.<String>read(response.body(), "$.status")).as(app.getKey() + " " + group)
						.isEqualTo("UP");
				}
			}
		}
	}

	@Test
	void theDemoBrandsResolveAtTheStartedResolver() {
		assertThat(jdbc().sql("select resolver_base_url from brands where code in ('acme-apparel', 'nordic-home')")
			.query(String.class)
			.list()).containsExactly(this.platform.resolverUrl(), this.platform.resolverUrl());
	}

	@Test
	void aWrongPasswordShowsTheLoginError() {
		Page page = browser.newPage();
		page.navigate(this.platform.consoleUrl() + "/login");
		Browser.screenshot(page, "login");

		Browser.login(page, "admin", "not-the-password");

		assertThat(page.url()).endsWith("/login?error");
		assertThat(page.locator("body").innerText()).contains("Wrong user name or password.");
	}

	@Test
	void anOperatorSeesAMintJobOnTheJobsPage() {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		assertThat(page.url()).doesNotContain("/login");
		long batchId = Mints.minted(page, "ACME-TEE-001", "active", 250);

		Response response = page.navigate(this.platform.consoleUrl() + "/jobs");

		assertThat(response.status()).isEqualTo(200);
		assertThat(page.locator("h1").innerText()).isEqualTo("Job operations");
		String row = page.locator("tr", new Page.LocatorOptions().setHasText("mintJob")).first().innerText();
		assertThat(row).contains(Long.toString(batchId)).contains("COMPLETED").contains("250 / 250");
	}

	/**
	 * The apps' background sealers chain every committed audit event: after a mint
	 * through the console and mint-jobs, no event stays unsealed for long, and the chain
	 * positions have no gaps.
	 */
	@Test
	void theRunningAppsSealEveryAuditEvent() {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchId = Mints.minted(page, "ACME-TEE-001", "active", 10);
		assertThat(jdbc().sql("select count(*) from audit_events where entity_type = 'batch' and entity_id = :id")
			.param("id", Long.toString(batchId))
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(3);

		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		long unsealed;
		do {
			unsealed = jdbc().sql("select count(*) from audit_events where chain_seq is null")
				.query(Long.class)
				.single();
			if (unsealed > 0) {
				Platform.sleep(Duration.ofMillis(200));
			}
		}
		while (unsealed > 0 && System.nanoTime() < deadline);
		assertThat(unsealed).as("audit events not sealed 30 s after the mint").isZero();
		Map<String, Object> chain = jdbc()
			.sql("select count(*) as events, min(chain_seq) as first, "
					+ "max(chain_seq) as last, (select chain_seq from audit_chain_head) as head from audit_events")
			.query()
			.singleRow();
		assertThat(chain.get("first")).isEqualTo(1L);
		assertThat(chain.get("last")).isEqualTo(chain.get("events")).isEqualTo(chain.get("head"));
	}

	@Test
	void aViewerMayNotOpenTheJobsPage() {
		Page page = browser.newPage(Browser.TABLET);
		Browser.login(page, "viewer");
		assertThat(page.url()).doesNotContain("/login");

		Response response = page.navigate(this.platform.consoleUrl() + "/jobs");

		assertThat(response.status()).isEqualTo(403);
		assertThat(page.locator("body").innerText()).doesNotContain("Job operations");
	}

	private JdbcClient jdbc() {
		return this.platform.jdbc();
	}

}
