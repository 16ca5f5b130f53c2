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
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.RequestOptions;
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
		assertThat(page.locator("body").innerText()).contains("Invalid credentials");
	}

	@Test
	void anOperatorSeesAMintJobOnTheJobsPage() {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		assertThat(page.url()).doesNotContain("/login");
		long batchId = submitMintRequest(page, "ACME-TEE-001", 250);
		awaitMinted(batchId);

		Response response = page.navigate(this.platform.consoleUrl() + "/jobs");

		assertThat(response.status()).isEqualTo(200);
		assertThat(page.locator("h1").innerText()).isEqualTo("Job operations");
		String row = page.locator("tr", new Page.LocatorOptions().setHasText("mintJob")).first().innerText();
		assertThat(row).contains(Long.toString(batchId)).contains("COMPLETED").contains("250 / 250");
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

	/**
	 * Submit a mint request through the console's API in the logged-in browser session,
	 * with the CSRF token from its cookie as a single-page app would.
	 */
	private long submitMintRequest(Page page, String sku, int quantity) {
		long productId = jdbc().sql("select id from products where sku = :sku")
			.param("sku", sku)
			.query(Long.class)
			.single();
		String token = xsrfToken(page);
		com.microsoft.playwright.APIResponse response = page.request()
			.post(this.platform.consoleUrl() + "/api/v1/mint-requests",
					RequestOptions.create()
						.setHeader("X-XSRF-TOKEN", token)
						.setHeader("Content-Type", "application/json")
						.setData("{\"productId\": " + productId + ", \"identityMode\": \"serial\", "
								+ "\"activationMode\": \"active\", \"quantity\": " + quantity + "}"));
		assertThat(response.status()).as(response.text()).isEqualTo(202);
		String location = response.headers().get("location");
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private String xsrfToken(Page page) {
		for (int attempt = 0; attempt < 2; attempt++) {
			for (Cookie cookie : page.context().cookies(this.platform.consoleUrl())) {
				if (cookie.name.equals("XSRF-TOKEN")) {
					return cookie.value;
				}
			}
			// The token is issued lazily, by the first page that renders it.
			page.navigate(this.platform.consoleUrl() + "/login");
		}
		throw new AssertionError("The console set no XSRF-TOKEN cookie");
	}

	private void awaitMinted(long batchId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		String status;
		do {
			status = jdbc().sql("select status from mint_batches where id = :id")
				.param("id", batchId)
				.query(String.class)
				.single();
			if (status.equals("minted")) {
				return;
			}
			sleep();
		}
		while (System.nanoTime() < deadline && !status.equals("failed"));
		throw new AssertionError("Batch " + batchId + " is " + status + ", not minted; the end of mint-jobs' log "
				+ this.platform.logTail("mint-jobs", 40));
	}

	private JdbcClient jdbc() {
		return this.platform.jdbc();
	}

	private static void sleep() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
