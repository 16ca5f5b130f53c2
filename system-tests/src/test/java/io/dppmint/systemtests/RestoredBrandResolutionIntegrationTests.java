package io.dppmint.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.microsoft.playwright.Page;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.TestPostgres;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof the backup exists for (ESPR Art. 10/11: a back-up copy held by an independent
 * DPP service provider): the demo battery brand {@code voltcell}, with batches minted
 * through the console, revocations and first-scan activations, is backed up by
 * {@code export-jobs backup} as a process of its own, restored by
 * {@code export-jobs restore} into a fresh database, and a second resolver started on
 * that database with the same identifier key answers a random sample of the brand's
 * printed Digital Link URLs exactly as the platform's resolver does: the same status
 * codes, redirects and passport JSON.
 */
class RestoredBrandResolutionIntegrationTests {

	private static final String SKU = "VC-LMT-48V-14AH";

	/** Small JVMs, as the platform's own (four of them run beside these). */
	private static final Map<String, String> SMALL_JVM = Map.of("JAVA_TOOL_OPTIONS",
			"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx384m");

	private static final String PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final Browser browser = new Browser();

	private final Platform platform = Platform.get();

	@Test
	void aRestoredBrandAnswersItsPrintedUrlsLikeTheOriginalAtAnotherResolver() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		long active = Mints.minted(page, SKU, "active", 400);
		long firstScan = Mints.minted(page, SKU, "first_scan", 200);
		List<String> activeUrls = printedUrls(page, active);
		List<String> firstScanUrls = printedUrls(page, firstScan);
		long activeFirst = firstTokenId(active);
		for (int row : List.of(5, 17, 33)) {
			jdbc().sql("update tokens set status = 2 where id = ?").param(activeFirst + row).update();
			jdbc().sql(
					"insert into token_revocations (token_id, reason, revoked_by) values (?, 'Stolen pallet', 'admin')")
				.param(activeFirst + row)
				.update();
		}
		List<String> scannedAtSource = firstScanUrls.subList(0, 20);
		for (String url : scannedAtSource) {
			assertThat(get(url, PHONE, null).statusCode()).isEqualTo(307);
		}
		awaitActive(firstScan, scannedAtSource.size());

		Path archive = Files.createTempDirectory("dpp-backup").resolve("voltcell.zip");
		assertThat(run("backup-restore/backup", Map.of(), "backup", "--brand=voltcell", "--out=" + archive))
			.as(AppProcess.output("backup-restore/backup"))
			.isZero();
		TestPostgres.Schema fresh = newInstallation();
		assertThat(run("backup-restore/restore", Map.of("DPP_DB_URL", fresh.jdbcUrl()), "restore", "--file=" + archive))
			.as(AppProcess.output("backup-restore/restore"))
			.isZero();

		int port = freePort();
		String restoredResolver = "http://127.0.0.1:" + port;
		try (AppProcess resolver = AppProcess.start(jar("resolver-app"), "backup-restore/resolver",
				Map.of("DPP_DB_URL", fresh.jdbcUrl(), "SERVER_PORT", Integer.toString(port), "JAVA_TOOL_OPTIONS",
						SMALL_JVM.get("JAVA_TOOL_OPTIONS"),
						// The brand's URLs now lead here, as after a DNS change.
						"DPP_RESOLVER_PUBLIC_BASE_URL", this.platform.resolverUrl()),
				List.of())) {
			resolver.awaitHealthy(restoredResolver, Duration.ofSeconds(120));
			List<String> sample = sample(activeUrls, firstScanUrls, activeFirst);
			Map<Integer, Integer> statuses = new HashMap<>();
			Map<Integer, Integer> scans = new HashMap<>();
			for (String url : sample) {
				String path = url.substring(this.platform.resolverUrl().length());
				boolean scannable = activeUrls.contains(url) || scannedAtSource.contains(url)
						|| !firstScanUrls.contains(url);
				if (scannable) {
					HttpResponse<String> original = get(url, PHONE, null);
					HttpResponse<String> restored = get(restoredResolver + path, PHONE, null);
					assertThat(restored.statusCode()).as("scan of " + path).isEqualTo(original.statusCode());
					assertThat(restored.headers().firstValue("Location")).as("redirect of " + path)
						.isEqualTo(original.headers().firstValue("Location"));
					scans.merge(restored.statusCode(), 1, Integer::sum);
				}
				String passport = "/passport" + path.replaceFirst("\\?.*$", "");
				HttpResponse<String> original = get(this.platform.resolverUrl() + passport, PHONE, "application/json");
				HttpResponse<String> restored = get(restoredResolver + passport, PHONE, "application/json");
				assertThat(restored.statusCode()).as("passport of " + path).isEqualTo(original.statusCode());
				assertThat(json(restored.body())).as("passport of " + path).isEqualTo(json(original.body()));
				statuses.merge(restored.statusCode(), 1, Integer::sum);
			}
			// Passports (active, minted and revoked units), unknown and malformed
			// serials.
			assertThat(sample).hasSize(200);
			assertThat(statuses.get(200)).isGreaterThanOrEqualTo(180);
			assertThat(statuses.get(410)).isEqualTo(3);
			assertThat(statuses.get(404)).isGreaterThanOrEqualTo(10);
			assertThat(scans).containsKeys(307, 410);
		}
	}

	/**
	 * A database of its own, migrated as a new installation's is: by its first mint-jobs
	 * (this module's class path holds no migrations).
	 */
	private static TestPostgres.Schema newInstallation() throws IOException {
		TestPostgres.Schema fresh = TestPostgres.get().freshSchema();
		int port = freePort();
		Map<String, String> environment = new HashMap<>(SMALL_JVM);
		environment.putAll(Map.of("DPP_DB_URL", fresh.jdbcUrl(), "SERVER_PORT", Integer.toString(port)));
		try (AppProcess mintJobs = AppProcess.start(jar("mint-jobs"), "backup-restore/mint-jobs", environment,
				List.of())) {
			mintJobs.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(120));
		}
		return fresh;
	}

	/**
	 * 200 printed URLs at random, always with the revoked ones and some scanned at the
	 * source, and identifiers never issued and malformed ones (their passports: 404).
	 */
	private List<String> sample(List<String> active, List<String> firstScan, long activeFirst) {
		List<String> sample = new ArrayList<>();
		for (int row : List.of(5, 17, 33)) {
			sample.add(active.get(row));
		}
		sample.addAll(firstScan.subList(0, 5));
		List<String> all = new ArrayList<>(active);
		all.addAll(firstScan);
		Collections.shuffle(all, new Random(activeFirst));
		for (String url : all) {
			if (sample.size() >= 190) {
				break;
			}
			if (!sample.contains(url)) {
				sample.add(url);
			}
		}
		String base = this.platform.resolverUrl() + "/01/09506001000014/21/";
		for (String serial : List.of("0000000000000", "7ZZZZZZZZZZZZ", "0123456789ABC", "F00D0000BEEF0",
				"1111111111111")) {
			sample.add(base + serial);
		}
		for (String malformed : List.of("lowercase0000", "SHORT", "0000000000000X", "00000000000I0", "!")) {
			sample.add(base + malformed);
		}
		return sample;
	}

	private List<String> printedUrls(Page page, long batchId) throws IOException {
		Exports.completed(page, batchId);
		List<String> urls = new ArrayList<>();
		for (String key : jdbc().sql("""
				select p.storage_key from export_packs p join exports e on e.id = p.export_id
				where e.batch_id = :id order by p.pack_number""").param("id", batchId).query(String.class).list()) {
			try (Reader reader = Files.newBufferedReader(this.platform.packStorage().resolve(key),
					StandardCharsets.UTF_8);
					CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(reader)) {
				for (CSVRecord row : parser) {
					urls.add(row.get("resolver_url"));
				}
			}
		}
		return urls;
	}

	private long firstTokenId(long batchId) {
		return jdbc().sql("select first_token_id from mint_batches where id = ?")
			.param(batchId)
			.query(Long.class)
			.single();
	}

	private void awaitActive(long batchId, int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		long active;
		do {
			active = jdbc().sql("""
					select count(*) from mint_batches b
					join tokens t on t.id between b.first_token_id and b.first_token_id + b.quantity - 1
					where b.id = ? and t.status = 1""").param(batchId).query(Long.class).single();
			if (active >= count) {
				return;
			}
			Platform.sleep(Duration.ofMillis(200));
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError(active + " of " + count + " scanned tokens are active");
	}

	/**
	 * A body as a JSON tree, whose objects compare regardless of member order (the
	 * resolver writes some small objects from {@code Map.of}, whose order differs from
	 * one JVM to the next); a body that is not JSON as its text.
	 */
	private static Object json(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return body;
		}
	}

	private static HttpResponse<String> get(String url, String userAgent, String accept)
			throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent);
			if (accept != null) {
				request.header("Accept", accept);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private static int run(String logName, Map<String, String> environment, String... arguments) throws Exception {
		Map<String, String> small = new HashMap<>(SMALL_JVM);
		small.putAll(environment);
		Process process = AppProcess.start(jar("export-jobs"), logName, small, List.of(arguments)).process();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("export-jobs did not finish in 180 s: " + AppProcess.output(logName));
		}
		return process.exitValue();
	}

	private static Path jar(String app) {
		return Path.of(System.getProperty("dpp.system-tests.jar." + app)).toAbsolutePath().normalize();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private JdbcClient jdbc() {
		return this.platform.jdbc();
	}

}
