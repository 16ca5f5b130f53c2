package io.dppmint.systemtests;

import java.time.Duration;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.RequestOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mint requests for tests that need a minted batch but are not about the wizard: sent to
 * the console's REST API in a logged-in browser session (its cookie and CSRF token, as a
 * single-page app would), then followed in the database until mint-jobs has minted them.
 */
final class Mints {

	private static final Duration MINT_TIMEOUT = Duration.ofSeconds(90);

	private Mints() {
	}

	/**
	 * Submit a serial-mode request for {@code quantity} units of the product with the
	 * given SKU; returns the new batch's id.
	 */
	static long submit(Page page, String sku, String activationMode, int quantity) {
		return submit(page, sku, activationMode, quantity, false);
	}

	/**
	 * {@link #submit(Page, String, String, int)}, with the units signed (GS1 AI 8030) if
	 * {@code signed}.
	 */
	static long submit(Page page, String sku, String activationMode, int quantity, boolean signed) {
		Platform platform = Platform.get();
		long productId = platform.jdbc()
			.sql("select id from products where sku = :sku")
			.param("sku", sku)
			.query(Long.class)
			.single();
		APIResponse response = page.request()
			.post(platform.consoleUrl() + "/api/v1/mint-requests",
					RequestOptions.create()
						.setHeader("X-XSRF-TOKEN", xsrfToken(page))
						.setHeader("Content-Type", "application/json")
						.setData("{\"productId\": " + productId + ", \"identityMode\": \"serial\", "
								+ "\"activationMode\": \"" + activationMode + "\", \"quantity\": " + quantity
								+ (signed ? ", \"signed\": true" : "") + "}"));
		assertThat(response.status()).as(response.text()).isEqualTo(202);
		String location = response.headers().get("location");
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	/** {@link #submit} and wait until the batch is minted. */
	static long minted(Page page, String sku, String activationMode, int quantity) {
		return minted(page, sku, activationMode, quantity, false);
	}

	/**
	 * {@link #submit(Page, String, String, int, boolean)} and wait until it is minted.
	 */
	static long minted(Page page, String sku, String activationMode, int quantity, boolean signed) {
		long batchId = submit(page, sku, activationMode, quantity, signed);
		awaitMinted(batchId);
		return batchId;
	}

	/** Wait until mint-jobs has minted the batch; fail with its log if it does not. */
	static void awaitMinted(long batchId) {
		Platform platform = Platform.get();
		long deadline = System.nanoTime() + MINT_TIMEOUT.toNanos();
		String status;
		do {
			status = platform.jdbc()
				.sql("select status from mint_batches where id = :id")
				.param("id", batchId)
				.query(String.class)
				.single();
			if (status.equals("minted")) {
				return;
			}
			Platform.sleep(Duration.ofMillis(250));
		}
		while (System.nanoTime() < deadline && !status.equals("failed"));
		throw new AssertionError("Batch " + batchId + " is " + status + ", not minted; the end of mint-jobs' log "
				+ platform.logTail("mint-jobs", 40));
	}

	/** The CSRF token from the console's cookie, which the first rendered page issues. */
	static String xsrfToken(Page page) {
		String consoleUrl = Platform.get().consoleUrl();
		for (int attempt = 0; attempt < 2; attempt++) {
			for (Cookie cookie : page.context().cookies(consoleUrl)) {
				if (cookie.name.equals("XSRF-TOKEN")) {
					return cookie.value;
				}
			}
			// The token is issued lazily, by the first page that renders it.
			page.navigate(consoleUrl + "/login");
		}
		throw new AssertionError("The console set no XSRF-TOKEN cookie");
	}

}
