package io.dppmint.systemtests;

import java.time.Duration;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports for tests that need a batch's packs but are not about the export page:
 * requested through the console's REST API in a logged-in browser session (as
 * {@link Mints} mints), then followed in the database until export-jobs has completed
 * them.
 */
final class Exports {

	private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(60);

	private Exports() {
	}

	/** Request the export of a minted batch and wait until it is completed. */
	static void completed(Page page, long batchId) {
		Platform platform = Platform.get();
		APIResponse requested = page.request()
			.post(platform.consoleUrl() + "/api/v1/exports",
					RequestOptions.create()
						.setHeader("X-XSRF-TOKEN", Mints.xsrfToken(page))
						.setHeader("Content-Type", "application/json")
						.setData("{\"batchId\": " + batchId + "}"));
		assertThat(requested.status()).as(requested.text()).isIn(200, 202);
		long deadline = System.nanoTime() + EXPORT_TIMEOUT.toNanos();
		String status;
		do {
			status = platform.jdbc()
				.sql("select status from exports where batch_id = :id")
				.param("id", batchId)
				.query(String.class)
				.single();
			if (status.equals("completed")) {
				return;
			}
			Platform.sleep(Duration.ofMillis(200));
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("The export of batch " + batchId + " is " + status
				+ ", not completed; the end of export-jobs' log " + platform.logTail("export-jobs", 40));
	}

}
