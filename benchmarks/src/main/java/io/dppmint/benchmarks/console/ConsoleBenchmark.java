package io.dppmint.benchmarks.console;

import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.benchmarks.setup.BenchData;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.cli.AppCommand;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.platform.App;
import io.dppmint.platform.Platform;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * {@code ./dpp bench console}: how fast the dashboard's pages answer with
 * {@code --tokens} (10,000,000) tokens in {@code --batch-size} (10,000-unit) batches, one
 * batch in ten another brand's, over real HTTP to the console as deployed (the
 * admin-console jar started as its own process) with a logged-in session (brand owner,
 * and operator for every brand). Side by side, the plain way those pages could be read:
 * {@code COUNT(*)} for the cards and {@code OFFSET} for a deep token page. Tokens are
 * created once (through the real intake, each batch's number range written with
 * {@code generate_series}) and reused; so are daily scan roll-ups equivalent to
 * {@code --scan-events} (100,000,000) scan events, for the scan statistics. Ends with one
 * {@code RESULT} line.
 */
class ConsoleBenchmark implements ApplicationRunner {

	static final String BRAND = "bench-console";

	static final String OTHER_BRAND = "bench-console-other";

	private static final List<String> JVM_OPTIONS = List.of("-Xmx512m");

	private static final Pattern TOKEN = Pattern.compile("data-token=\"([^\"]+)\"");

	private static final String SCANS_30 = "scan statistics, 30 days (/mint/scans?days=30)";

	private static final String SCANS_365 = "scan statistics, 365 days";

	private static final String SCANS_365_OPERATOR = "scan statistics, 365 days (operator, all brands)";

	/** Brands with scans: the two benchmark brands and these many more. */
	private static final int SCAN_BRANDS = 50;

	private static final int SCAN_DAYS = 400;

	private static final int SCAN_COUNTRIES = 40;

	private final PasswordEncoder passwordEncoder;

	private final BenchData data;

	private final PrintStream out = System.out;

	ConsoleBenchmark(PasswordEncoder passwordEncoder, BenchData data) {
		this.data = data;
		this.passwordEncoder = passwordEncoder;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		long tokens = AppCommand.option(arguments, "tokens", 10_000_000);
		int batchSize = AppCommand.intOption(arguments, "batch-size", 10_000);
		int requests = AppCommand.intOption(arguments, "requests", 200);
		long scanEvents = AppCommand.option(arguments, "scan-events", 100_000_000);
		Product mine = product(BRAND, "Bench Console Brand", "4099997", "BENCH-CONSOLE-1");
		Product other = product(OTHER_BRAND, "Bench Console Other Brand", null, "BENCH-CONSOLE-OTHER-1");
		List<MintBatch> ours = ensureTokens(mine, other, tokens, batchSize);
		ScanFixture scans = ensureScanRollUps(mine, other, scanEvents);
		long total = this.data.jdbc()
			.sql("select coalesce(sum(minted_count), 0) from mint_batches")
			.query(Long.class)
			.single();
		long batchCount = this.data.jdbc().sql("select count(*) from mint_batches").query(Long.class).single();
		checkCounters(mine.brandId());
		String[] ownerCredentials = user("bench-console-owner", "brand_owner", mine.brandId());
		String[] operatorCredentials = user("bench-console-operator", "operator", null);
		// No scan maintenance in the measured console: it would recompute the open days'
		// roll-ups from scan events this database does not have, wiping those days of the
		// fixture (and its work is not what a page view costs).
		try (Platform console = this.data.apps()
			.start(App.CONSOLE, JVM_OPTIONS,
					(settings) -> settings.environment(Map.of("DPP_SCANS_MAINTENANCE_ENABLED", "false")))) {
			measure(console.url(App.CONSOLE), ownerCredentials, operatorCredentials, mine, ours, total, batchCount,
					requests, batchSize, scans);
		}
	}

	private void measure(String base, String[] ownerCredentials, String[] operatorCredentials, Product mine,
			List<MintBatch> ours, long total, long batchCount, int requests, int batchSize, ScanFixture scans)
			throws IOException {
		Session owner = new Session(base, ownerCredentials);
		Session operator = new Session(base, operatorCredentials);

		MintBatch last = ours.getLast();
		MintBatch middle = ours.get(ours.size() / 2);
		Map<String, Supplier<String>> pages = new LinkedHashMap<>();
		pages.put("KPI cards (/mint/kpis)", () -> "/mint/kpis");
		pages.put("dashboard page (/mint)", () -> "/mint");
		pages.put("batches tab", () -> "/mint/tabs/batches");
		pages.put("tokens tab, first page", () -> "/mint/tabs/tokens");
		pages.put("tokens tab, random deep page", () -> "/mint/tabs/tokens?cursor=" + randomCursor(ours));
		pages.put("batch page", () -> "/mint/batch/" + middle.id());
		pages.put("batch tokens, last page", () -> "/mint/tabs/tokens?batchId=" + last.id() + "&cursor="
				+ cursor(last.firstTokenId() + last.quantity() - 20));
		pages.put("activity tab", () -> "/mint/tabs/activity");
		pages.put(SCANS_30, () -> "/mint/scans?days=30");
		pages.put(SCANS_365, () -> "/mint/scans?days=365");

		this.out.printf("%nConsole pages at %,d tokens in %,d batches (brand owner of %,d of them), %d requests each, "
				+ "one at a time over HTTP on loopback%n", total, batchCount, ours.size(), requests);
		String firstPage = owner.get("/mint/tabs/tokens");
		List<String> shown = tokens(firstPage);
		if (shown.size() != 25 || !shown.getFirst().isEmpty() && firstPage.contains(OTHER_BRAND)) {
			throw new IllegalStateException("The first token page shows " + shown.size() + " tokens");
		}
		Map<String, double[]> results = new LinkedHashMap<>();
		for (Map.Entry<String, Supplier<String>> page : pages.entrySet()) {
			results.put(page.getKey(), measure(owner, page.getValue(), requests));
		}
		results.put("tokens tab, first page (operator)", measure(operator, () -> "/mint/tabs/tokens", requests));
		results.put(SCANS_365_OPERATOR, measure(operator, () -> "/mint/scans?days=365", requests));
		this.out.printf(
				"%nScan statistics from roll-ups equivalent to %,d scan events (%,d brands, %,d days, %,d "
						+ "countries: %,d rows per day, brand and country, %,d per day and country for every brand)%n",
				scans.events(), scans.brands(), scans.days(), scans.countries(), scans.brandRows(),
				scans.allBrandRows());

		long brandId = mine.brandId();
		long deep = ours.size() / 2L * batchSize;
		double[] count = measureSql(5,
				() -> this.data.jdbc()
					.sql("""
							select count(*), count(*) filter (where t.status = ?)
							from tokens t join mint_batches b on b.id = t.batch_id where b.brand_id = ?""")
					.param(TokenStatus.ACTIVE.code())
					.param(brandId)
					.query((rs, row) -> rs.getLong(1))
					.single());
		double[] offset = measureSql(5,
				() -> this.data.jdbc()
					.sql("""
							select t.id from tokens t join mint_batches b on b.id = t.batch_id
							where b.brand_id = ? order by t.id offset ? limit 25""")
					.param(brandId)
					.param(deep)
					.query(Long.class)
					.list());

		this.out.printf("%n| page | p50 ms | p99 ms | max ms |%n| --- | ---: | ---: | ---: |%n");
		results.forEach((name, times) -> this.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name,
				percentile(times, 50), percentile(times, 99), percentile(times, 100)));
		this.out.printf(Locale.ROOT, "%nBaselines (SQL only, no HTTP, no rendering; %d runs each):%n", 5);
		this.out.printf(Locale.ROOT,
				"- COUNT(*) of the brand's tokens and active tokens: p50 %.0f ms (the cards: %.1f ms, %.0fx)%n",
				percentile(count, 50), percentile(results.get("KPI cards (/mint/kpis)"), 50),
				percentile(count, 50) / percentile(results.get("KPI cards (/mint/kpis)"), 50));
		this.out.printf(Locale.ROOT,
				"- OFFSET %,d LIMIT 25 token page: p50 %.0f ms (keyset deep page: %.1f ms, %.0fx)%n", deep,
				percentile(offset, 50), percentile(results.get("tokens tab, random deep page"), 50),
				percentile(offset, 50) / percentile(results.get("tokens tab, random deep page"), 50));
		double worstP99 = results.values().stream().mapToDouble((times) -> percentile(times, 99)).max().orElse(0);
		double scanStatsP99 = Math.max(percentile(results.get(SCANS_30), 99),
				Math.max(percentile(results.get(SCANS_365), 99), percentile(results.get(SCANS_365_OPERATOR), 99)));
		this.out.printf(Locale.ROOT,
				"RESULT console tokens=%d batches=%d kpi_p99_ms=%.1f token_page_p99_ms=%.1f deep_token_page_p99_ms=%.1f "
						+ "worst_page_p99_ms=%.1f count_baseline_ms=%.0f offset_baseline_ms=%.0f scan_events=%d "
						+ "scan_stats_p99_ms=%.1f%n",
				total, batchCount, percentile(results.get("KPI cards (/mint/kpis)"), 99),
				percentile(results.get("tokens tab, first page"), 99),
				percentile(results.get("tokens tab, random deep page"), 99), worstP99, percentile(count, 50),
				percentile(offset, 50), scans.events(), scanStatsP99);
	}

	/**
	 * Daily roll-ups as {@code scan_maintenance} leaves them after {@code events} scan
	 * events (people's and robots') spread over {@value #SCAN_BRANDS} brands,
	 * {@value #SCAN_DAYS} days up to today and {@value #SCAN_COUNTRIES} countries: what
	 * the dashboard reads. The raw events themselves are not needed (the dashboard never
	 * reads them) and are not created; the roll-ups are written once, with
	 * {@code generate_series}, and reused.
	 */
	private ScanFixture ensureScanRollUps(Product mine, Product other, long events) {
		List<Long> brands = new ArrayList<>(List.of(mine.brandId(), other.brandId()));
		for (int i = brands.size(); i < SCAN_BRANDS; i++) {
			brands.add(product("bench-scans-" + i, "Bench Scans Brand " + i, null, "BENCH-SCANS-" + i).brandId());
		}
		Long[] ids = brands.toArray(Long[]::new);
		long rows = (long) SCAN_BRANDS * SCAN_DAYS * SCAN_COUNTRIES;
		long have = this.data.jdbc()
			.sql("select coalesce(sum(scans + robot_scans), 0) from scan_daily_brand where brand_id = any(?)")
			.param(ids)
			.query(Long.class)
			.single();
		if (Math.abs(have - events) > events / 100) {
			this.out.printf("Creating scan roll-ups equivalent to %,d scan events (%,d rows; once)...%n", events, rows);
			// People's scans average 4/5 of a row's events, robots' 1/5, first scans
			// one in five people's scans. random() sits in the select list, evaluated per
			// row: in an uncorrelated LATERAL subquery PostgreSQL evaluated it once,
			// giving
			// every row the same count and a total anywhere from half to 1.5 times the
			// events asked for.
			double perRow = (double) events / rows;
			this.data.jdbc()
				.sql("delete from scan_daily_brand where brand_id = any(?) and day > current_date - ?")
				.param(ids)
				.param(SCAN_DAYS + 1)
				.update();
			this.data.jdbc()
				.sql("""
						insert into scan_daily_brand (day, brand_id, country, scans, first_scans, robot_scans)
						select day, b, c, people, people / 5, total - people
						from (select current_date - d as day, b, c, round(? * (0.5 + random()))::bigint as total
							from generate_series(0, ? - 1) d, unnest(?::bigint[]) b,
								(select chr(65 + i / 26) || chr(65 + i % 26) from generate_series(0, ? - 1) i) cs(c)) r,
							lateral (select round(r.total * 0.8)::bigint as people) p""")
				.param(perRow)
				.param(SCAN_DAYS)
				.param(ids)
				.param(SCAN_COUNTRIES)
				.update();
			this.data.jdbc()
				.sql("delete from scan_daily_all_brands where day > current_date - ?")
				.param(SCAN_DAYS + 1)
				.update();
			this.data.jdbc().sql("""
					insert into scan_daily_all_brands (day, country, scans, first_scans, robot_scans)
					select day, country, sum(scans), sum(first_scans), sum(robot_scans) from scan_daily_brand
					where day > current_date - ? group by day, country""").param(SCAN_DAYS + 1).update();
			this.data.jdbc().sql("vacuum analyze scan_daily_brand").update();
			this.data.jdbc().sql("vacuum analyze scan_daily_all_brands").update();
			have = this.data.jdbc()
				.sql("select coalesce(sum(scans + robot_scans), 0) from scan_daily_brand where brand_id = any(?)")
				.param(ids)
				.query(Long.class)
				.single();
		}
		else {
			this.out.printf("Reusing scan roll-ups equivalent to %,d scan events%n", have);
		}
		long allBrandRows = this.data.jdbc()
			.sql("select count(*) from scan_daily_all_brands where day > current_date - ?")
			.param(SCAN_DAYS + 1)
			.query(Long.class)
			.single();
		return new ScanFixture(have, SCAN_BRANDS, SCAN_DAYS, SCAN_COUNTRIES, rows, allBrandRows);
	}

	/**
	 * The scan roll-ups measured.
	 *
	 * @param events scan events they stand for
	 * @param brands brands with scans
	 * @param days days with scans
	 * @param countries countries per brand and day
	 * @param brandRows rows of {@code scan_daily_brand}
	 * @param allBrandRows rows of {@code scan_daily_all_brands}
	 */
	private record ScanFixture(long events, int brands, int days, int countries, long brandRows, long allBrandRows) {
	}

	/**
	 * The KPI cards read the brand's maintained counters: they must match its batches, or
	 * the cards would be measured showing wrong totals.
	 */
	private void checkCounters(long brandId) {
		long counted = this.data.jdbc()
			.sql("select tokens_minted from brand_counters where brand_id = ?")
			.param(brandId)
			.query(Long.class)
			.single();
		long inBatches = this.data.jdbc()
			.sql("select coalesce(sum(minted_count), 0) from mint_batches where brand_id = ? and status = 'minted'")
			.param(brandId)
			.query(Long.class)
			.single();
		if (counted != inBatches) {
			this.out.printf(
					"Note: the brand's Total Tokens Minted counter says %,d, its minted batches hold %,d"
							+ " (tokens created by an earlier version of this benchmark were counted twice)%n",
					counted, inBatches);
		}
	}

	private double[] measure(Session session, Supplier<String> path, int requests) throws IOException {
		for (int i = 0; i < Math.max(20, requests / 4); i++) {
			session.get(path.get());
		}
		double[] millis = new double[requests];
		for (int i = 0; i < requests; i++) {
			String next = path.get();
			long start = System.nanoTime();
			session.get(next);
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		return millis;
	}

	private static double[] measureSql(int runs, Supplier<Object> query) {
		double[] millis = new double[runs];
		for (int i = 0; i < runs; i++) {
			long start = System.nanoTime();
			query.get();
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		return millis;
	}

	private static double percentile(double[] values, int percentile) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static String randomCursor(List<MintBatch> batches) {
		MintBatch batch = batches.get(ThreadLocalRandom.current().nextInt(batches.size()));
		return cursor(batch.firstTokenId() + ThreadLocalRandom.current().nextInt(batch.quantity()));
	}

	/** A token page cursor as the console issues them (its {@code Cursors.of}). */
	private static String cursor(long tokenNumber) {
		return "k" + Long.toString(tokenNumber, 36);
	}

	private static List<String> tokens(String html) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(html);
		while (matcher.find()) {
			tokens.add(matcher.group(1));
		}
		return tokens;
	}

	private Product product(String code, String name, String companyPrefix, String sku) {
		return this.data.product(code, name, companyPrefix, sku);
	}

	/**
	 * This brand's minted batches, creating them (and the other brand's) until enough.
	 */
	private List<MintBatch> ensureTokens(Product mine, Product other, long tokens, int batchSize) {
		List<MintBatch> ours = minted(mine.brandId());
		long have = ours.stream().mapToLong(MintBatch::quantity).sum()
				+ minted(other.brandId()).stream().mapToLong(MintBatch::quantity).sum();
		if (have >= tokens) {
			this.out.printf("Reusing %,d benchmark tokens%n", have);
			return ours;
		}
		this.out.printf("Creating %,d tokens in %,d-unit batches (once; later runs reuse them)...%n", tokens - have,
				batchSize);
		long start = System.nanoTime();
		int created = 0;
		while (have < tokens) {
			int quantity = (int) Math.min(batchSize, tokens - have);
			// One batch in ten belongs to another brand, so pages filter by brand for
			// real.
			boolean theirs = created % 10 == 9;
			MintBatch batch = mint(theirs ? other : mine, quantity);
			if (!theirs) {
				ours.add(batch);
			}
			have += quantity;
			if (++created % 100 == 0) {
				this.out.printf("  %,d tokens%n", have);
			}
		}
		this.out.printf("  done in %.1f s; vacuum analyze...%n", (System.nanoTime() - start) / 1e9);
		this.data.jdbc().sql("vacuum analyze tokens").update();
		this.data.jdbc().sql("vacuum analyze mint_batches").update();
		return ours;
	}

	private List<MintBatch> minted(long brandId) {
		return new ArrayList<>(this.data.jdbc()
			.sql("select id from mint_batches where brand_id = ? and status = 'minted' order by first_token_id")
			.param(brandId)
			.query(Long.class)
			.list()
			.stream()
			.map((id) -> this.data.batches().find(id).orElseThrow())
			.toList());
	}

	private MintBatch mint(Product product, int quantity) {
		return this.data.mint(product, quantity, ActivationMode.ACTIVE);
	}

	/**
	 * A console user for this run, with a fresh random password; returns its credentials.
	 */
	private String[] user(String username, String role, Long brandId) {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.data.jdbc()
			.sql("""
					insert into console_users (username, password_hash, role, brand_id) values (?, ?, ?, ?)
					on conflict (username) do update set password_hash = excluded.password_hash""")
			.param(username)
			.param(this.passwordEncoder.encode(password))
			.param(role)
			.param(brandId)
			.update();
		return new String[] { username, password };
	}

	/**
	 * A logged-in browser session: cookies, the login form, pages as htmx asks for them.
	 */
	private static final class Session {

		private final String base;

		private final CookieManager cookies = new CookieManager();

		private final HttpClient client;

		Session(String base, String[] credentials) throws IOException {
			this.base = base;
			this.client = HttpClient.newBuilder().cookieHandler(this.cookies).build();
			String login = get("/login");
			Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
			if (!csrf.find()) {
				throw new IllegalStateException("No CSRF field on the login page");
			}
			String form = "username=" + encode(credentials[0]) + "&password=" + encode(credentials[1]) + "&_csrf="
					+ encode(csrf.group(1));
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build());
			if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")
					|| this.cookies.getCookieStore()
						.getCookies()
						.stream()
						.map(HttpCookie::getName)
						.noneMatch("SESSION"::equals)) {
				throw new IllegalStateException("Login of " + credentials[0] + " failed: " + response.statusCode());
			}
		}

		String get(String path) throws IOException {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + path))
				.header("Accept", "text/html")
				.header("HX-Request", "true")
				.build());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode());
			}
			return response.body();
		}

		private HttpResponse<String> send(HttpRequest request) throws IOException {
			try {
				return this.client.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
