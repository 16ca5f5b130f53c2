package io.dppmint.benchmarks.resolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.benchmarks.setup.BenchData;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.nfc.JdbcBrandNfcKeys;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.platform.App;
import io.dppmint.platform.Platform;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * {@code ./dpp bench resolver}: resolution throughput and latency with wrk on loopback
 * against the resolver as deployed (the resolver-app jar started as its own process, with
 * a fixed 768 MB heap and a 10 ms pause goal unless {@code DPP_JAVA_OPTS} says otherwise,
 * and its meters exposed on the actuator for the lookups and telemetry counts), with
 * {@code --tokens} (10,000,000) active tokens of a GS1 product in the token table, each
 * request the Digital Link of a random one of them; then first-scan activations per
 * second, each request the first scan of a fresh {@code minted} token. Tokens are created
 * through the real intake and written as their batch's number range with
 * {@code generate_series} (a token's serial is derived from its number, so nothing else
 * is needed), and reused by later runs. Ends with one {@code RESULT} line.
 * <p>
 * Resolutions are measured with {@code --connections} (32) and then, for comparison,
 * {@code --saturation-connections} (64; 0 skips it). wrk is a closed loop: 32 connections
 * already keep both cores busy, and more only make each request wait behind more others
 * (mean latency = connections / throughput), so the second run shows the same throughput
 * with a longer tail. First scans use {@code --activation-connections} (64): the
 * activator commits the first scans waiting together, so more in flight make fewer,
 * larger transactions (with 16 in flight there were fewer activations;
 * docs/benchmarks.md).
 * <p>
 * Two more runs, with the same connections and duration as the first resolutions: one
 * whose every request carries a user agent never seen before (a stream of distinct
 * agents, which the resolver's bot detection must absorb; target within 1.3x of the
 * single-agent throughput), and the baseline, nginx answering a fixed {@code 307} to the
 * same requests, reported as a ratio.
 * <p>
 * With {@code --nfc-taps [N]} (300,000), NFC taps as well, after the first scans: a fresh
 * NFC-carrier batch of active tokens whose tags are tapped with rising counters, every
 * tap a distinct, valid URL written ahead ({@link NfcTapPaths}) and sent once, with the
 * resolutions' connections for 10 s after a 3 s warm-up on other tags of the batch. Each
 * tap costs the resolver the SUN message's AES and CMAC and one transaction (the guarded
 * counter upsert). Taps per second counts the genuine verdicts (the resolver's
 * {@code dpp.resolver.nfc.taps} meter, checked against {@code nfc_tag_counters}) over
 * wrk's run time, and is reported beside the resolutions as a ratio.
 */
class ResolverBenchmark implements ApplicationRunner {

	private static final String BRAND = "bench-resolver";

	private static final String SKU = "BENCH-RESOLVER-1";

	private static final String COMPANY_PREFIX = "4099999";

	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

	private static final Pattern NON_2XX_3XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(ms|s|m)");

	/** Tap URLs written when {@code --nfc-taps} is given without a number. */
	static final int DEFAULT_NFC_TAPS = 300_000;

	/** Seconds of NFC taps measured, after {@value #NFC_WARM_UP_SECONDS} of warm-up. */
	private static final int NFC_SECONDS = 10;

	private static final int NFC_WARM_UP_SECONDS = 3;

	/**
	 * A fixed heap and a 10 ms pause goal: the live set (mostly the user-agent analyzer's
	 * ~100 MB of rules) kept a growing G1 heap in back-to-back marking cycles whose
	 * remark pauses (7 to 14 ms) set the p99 (docs/benchmarks.md).
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xms768m", "-Xmx768m", "-XX:MaxGCPauseMillis=10");

	private final IdentifierScheme identifiers;

	private ActuatorMetrics meters;

	private final BenchData data;

	private final JdbcBrandNfcKeys nfcKeys;

	private final PrintStream out = System.out;

	ResolverBenchmark(IdentifierScheme identifiers, BenchData data, JdbcBrandNfcKeys nfcKeys) {
		this.data = data;
		this.identifiers = identifiers;
		this.nfcKeys = nfcKeys;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		Options options = Options.of(arguments);
		Product product = benchProduct();
		Path work = Files.createTempDirectory("dpp-bench-resolver");
		List<MintBatch> active = ensureActiveTokens(product, options.tokens());
		long inTable = active.stream().mapToLong(MintBatch::quantity).sum();
		Path paths = work.resolve("paths.txt");
		writeRandomPaths(product, active, 200_000, paths);
		try (Platform resolver = this.data.apps()
			.start(App.RESOLVER, JVM_OPTIONS, (settings) -> settings.arguments(App.RESOLVER,
					List.of("--management.endpoints.web.exposure.include=health,info,metrics")))) {
			this.meters = new ActuatorMetrics(resolver.url(App.RESOLVER));
			measure(options, product, resolver.url(App.RESOLVER), work, paths, inTable);
		}
	}

	private void measure(Options options, Product product, String url, Path work, Path paths, long inTable)
			throws IOException, InterruptedException {
		Path random = script(work, "random.lua");
		Path sequential = script(work, "sequential.lua");
		int threads = options.threads();
		int connections = options.connections();
		int saturationConnections = options.saturationConnections();
		int activationConnections = options.activationConnections();
		int activations = options.activations();
		int duration = options.duration();
		// Warm up (the JIT, the pools) on resolutions, then measure first scans before
		// the
		// resolutions: 30 s of those leave ~800,000 telemetry rows of WAL behind, and the
		// activations' synchronous commits would be measured under its checkpoint.
		this.out.printf("Warming up (10 s)...%n");
		wrk(List.of("-t" + threads, "-c" + Math.max(connections, saturationConnections), "-d10s", "-s",
				random.toString(), url, "--", paths.toString()));
		awaitTelemetryWritten();
		MintBatch firstScan = mint(product, activations, ActivationMode.FIRST_SCAN);
		Path firstScanPaths = work.resolve("first-scan.txt");
		writeSequentialPaths(product, firstScan, firstScanPaths);
		int activationSeconds = 10;
		this.out.printf("First scans of %,d minted tokens, each scanned once: wrk -t%d -c%d -d%ds%n", activations,
				threads, activationConnections, activationSeconds);
		double memoryBefore = lookups("memory");
		double tableBefore = lookups("table");
		String activation = wrk(
				List.of("-t" + threads, "-c" + activationConnections, "-d" + activationSeconds + "s", "--latency", "-s",
						sequential.toString(), url, "--", firstScanPaths.toString(), Integer.toString(threads)));
		this.out.println(activation);
		printLookups(lookups("memory") - memoryBefore, lookups("table") - tableBefore);
		double elapsed = elapsedSeconds(activation);
		Thread.sleep(1000);
		long activated = this.data.jdbc()
			.sql("select count(*) from tokens where id >= ? and id < ? and status = " + TokenStatus.ACTIVE.code())
			.param(firstScan.firstTokenId())
			.param(firstScan.firstTokenId() + firstScan.quantity())
			.query(Long.class)
			.single();
		long events = this.data.jdbc()
			.sql("select count(*) from audit_events where entity_type = 'token' and action = 'activated'"
					+ " and (details ->> 'batchId')::bigint = ?")
			.param(firstScan.id())
			.query(Long.class)
			.single();
		double activationsPerSecond = activated / elapsed;
		long activationErrors = errors(activation);
		double activationP99 = p99Millis(activation);
		awaitTelemetryWritten();
		Taps taps = (options.nfcTaps() > 0) ? nfcTaps(product, url, work, options.nfcTaps(), threads, connections)
				: null;

		Resolutions measured = resolutions(url, random, paths, inTable, threads, connections, duration);
		Resolutions saturated = (saturationConnections > 0)
				? resolutions(url, random, paths, inTable, threads, saturationConnections, duration) : null;
		Path randomAgents = script(work, "random-agents.lua");
		double unclassifiedBefore = robotScans("unclassified");
		double classifiedBefore = robotScans("crawler") + robotScans("preview") + robotScans("script");
		this.out.printf("Every request with a user agent never seen before:%n");
		Resolutions distinct = resolutions(url, randomAgents, paths, inTable, threads, connections, duration);
		double unclassified = robotScans("unclassified") - unclassifiedBefore;
		this.out.printf(
				"Robot scans: %,.0f left unclassified (beyond the bot detector's parse rate), %,.0f classed as"
						+ " robots%n%n",
				unclassified, robotScans("crawler") + robotScans("preview") + robotScans("script") - classifiedBefore);
		Resolutions baseline = baseline(work, random, paths, threads, connections, duration);

		this.out.println();
		this.out.printf("%-44s %12s %10s %8s %s%n", "what", "per second", "p99 ms", "errors", "target");
		this.out.printf("%-44s %12.0f %10.2f %8d %s%n", "resolutions, " + connections + " connections", measured.rps(),
				measured.p99(), measured.errors(), ">= 20,000/s, p99 < 10 ms, 0 errors");
		if (saturated != null) {
			this.out.printf("%-44s %12.0f %10.2f %8d %s%n", "resolutions, " + saturationConnections + " connections",
					saturated.rps(), saturated.p99(), saturated.errors(), "(more connections: queueing only)");
		}
		this.out.printf("%-44s %12.0f %10.2f %8d %s%n", "resolutions, a new user agent each", distinct.rps(),
				distinct.p99(), distinct.errors(), "within 1.3x of the first row");
		this.out.printf("%-44s %12.0f %10.2f %8d %s%n", "baseline: nginx, a fixed 307", baseline.rps(), baseline.p99(),
				baseline.errors(), "(the same requests, no lookup)");
		this.out.printf("%-44s %12.0f %10.2f %8d %s%n",
				"first-scan activations, " + activationConnections + " connections", activationsPerSecond,
				activationP99, activationErrors, ">= 3,000/s");
		if (taps != null) {
			this.out.printf("%-44s %12.0f %10.2f %8d %s%n", "NFC taps (genuine), " + connections + " connections",
					taps.perSecond(), taps.p99(), taps.errors(), "no target yet (ratio to the first row below)");
		}
		double agentsRatio = measured.rps() / Math.max(1, distinct.rps());
		double nginxRatio = measured.rps() / Math.max(1, baseline.rps());
		this.out.printf("single agent / distinct agents: %.2fx (target <= 1.30x); resolver / nginx: %.2f%n",
				agentsRatio, nginxRatio);
		double nfcRatio = (taps != null) ? taps.perSecond() / Math.max(1, measured.rps()) : 0;
		if (taps != null) {
			this.out.printf("NFC taps / resolutions: %.2f (%,d taps not genuine)%n", nfcRatio, taps.rejected());
		}
		this.out.printf("(%,d tokens activated in %.1f s, %,d activation audit events)%n", activated, elapsed, events);
		this.out.printf("RESULT resolver tokens=%d rps=%.0f p99_ms=%.2f errors=%d activations_per_s=%.0f"
				+ " activation_p99_ms=%.2f activation_errors=%d telemetry_written=%d telemetry_dropped=%d"
				+ " connections=%d activation_connections=%d distinct_agents_rps=%.0f distinct_agents_p99_ms=%.2f"
				+ " distinct_agents_errors=%d agents_ratio=%.2f nginx_rps=%.0f nginx_p99_ms=%.2f nginx_ratio=%.2f",
				inTable, measured.rps(), measured.p99(), measured.errors(), activationsPerSecond, activationP99,
				activationErrors, measured.telemetryWritten(), measured.telemetryDropped(), connections,
				activationConnections, distinct.rps(), distinct.p99(), distinct.errors(), agentsRatio, baseline.rps(),
				baseline.p99(), nginxRatio);
		if (taps != null) {
			this.out.printf(
					" nfc_taps=%d nfc_taps_per_s=%.0f nfc_tap_p99_ms=%.2f nfc_tap_errors=%d nfc_rejected=%d"
							+ " nfc_ratio=%.2f",
					taps.written(), taps.perSecond(), taps.p99(), taps.errors(), taps.rejected(), nfcRatio);
		}
		this.out.println();
	}

	/**
	 * NFC taps of a fresh NFC batch: every tap URL written ahead, each sent once with
	 * {@code taps.lua}, a warm-up on other tags of the batch first.
	 */
	private Taps nfcTaps(Product product, String url, Path work, int taps, int threads, int connections)
			throws IOException, InterruptedException {
		int tags = NfcTapPaths.tags(taps, threads);
		int warmUpTags = NfcTapPaths.tags(Math.max(1, taps / 10), threads);
		if (warmUpTags + (long) tags > MintRequest.MAX_QUANTITY) {
			throw new IllegalArgumentException("--nfc-taps " + taps + " needs " + (warmUpTags + tags)
					+ " tags, more than one batch holds (" + MintRequest.MAX_QUANTITY + ")");
		}
		MintBatch batch = this.data.mint(product, warmUpTags + tags, ActivationMode.ACTIVE, Carrier.NFC);
		BrandNfcKey key = this.nfcKeys.currentOrCreate(product.brandId());
		this.out.printf("Writing NFC taps: %,d tags tapped %d times each, counters rising...%n", warmUpTags + tags,
				NfcTapPaths.TAPS_PER_TAG);
		Path warmUpPaths = work.resolve("nfc-warm-up.txt");
		Path tapPaths = work.resolve("nfc-taps.txt");
		NfcTapPaths.write(warmUpPaths, key, this.identifiers, product.gtin(), batch.firstTokenId(), warmUpTags);
		long written = NfcTapPaths.write(tapPaths, key, this.identifiers, product.gtin(),
				batch.firstTokenId() + warmUpTags, tags);
		Path script = script(work, "taps.lua");
		settle();
		this.out.printf("Warming up NFC taps (%d s, other tags)...%n", NFC_WARM_UP_SECONDS);
		wrk(List.of("-t" + threads, "-c" + connections, "-d" + NFC_WARM_UP_SECONDS + "s", "-s", script.toString(), url,
				"--", warmUpPaths.toString(), Integer.toString(threads)));
		settle();
		this.out.printf("NFC taps of %,d tags, %,d distinct tap URLs each sent once: wrk -t%d -c%d -d%ds%n", tags,
				written, threads, connections, NFC_SECONDS);
		double genuineBefore = taps("genuine");
		double rejectedBefore = taps("replay") + taps("invalid") + taps("unverified");
		String output = wrk(List.of("-t" + threads, "-c" + connections, "-d" + NFC_SECONDS + "s", "--latency", "-s",
				script.toString(), url, "--", tapPaths.toString(), Integer.toString(threads)));
		this.out.println(output);
		long genuine = Math.round(taps("genuine") - genuineBefore);
		long rejected = Math.round(taps("replay") + taps("invalid") + taps("unverified") - rejectedBefore);
		// The taps in flight when wrk stopped are judged after its window: the table,
		// read
		// a second later, counts them, the meter read at once does not.
		Thread.sleep(1000);
		Map<String, Object> counted = this.data.jdbc()
			.sql("""
					select coalesce(sum(genuine_taps), 0) as genuine, coalesce(sum(rejected_taps), 0) as rejected,
						count(*) as tags
					from nfc_tag_counters where token_id >= ? and token_id < ?""")
			.param(batch.firstTokenId() + warmUpTags)
			.param(batch.firstTokenId() + warmUpTags + tags)
			.query()
			.singleRow();
		this.out.printf(
				"NFC taps: %,d genuine, %,d not genuine (the resolver's meter, in wrk's window);"
						+ " nfc_tag_counters a second later: %s genuine taps, %s rejected, on %s tags%n",
				genuine, rejected, counted.get("genuine"), counted.get("rejected"), counted.get("tags"));
		// At most one request a connection is still in flight when a thread stops.
		if (genuine + rejected >= written - connections) {
			this.out.printf("Every tap URL was sent before the %d s were over: taps per second is a lower bound;"
					+ " give --nfc-taps more%n", NFC_SECONDS);
		}
		this.out.println();
		return new Taps(written, genuine / elapsedSeconds(output), p99Millis(output), errors(output), rejected);
	}

	private double taps(String verdict) throws IOException, InterruptedException {
		return this.meters.value("dpp.resolver.nfc.taps", "verdict:" + verdict);
	}

	/**
	 * Resolutions of random active tokens with wrk, then the lookups by source and the
	 * telemetry written meanwhile (waiting until it is).
	 */
	private Resolutions resolutions(String url, Path random, Path paths, long inTable, int threads, int connections,
			int duration) throws IOException, InterruptedException {
		settle();
		this.out.printf("Resolving random Digital Links of %,d active tokens: wrk -t%d -c%d -d%ds on loopback%n",
				inTable, threads, connections, duration);
		long writtenBefore = telemetry("written");
		long droppedBefore = telemetry("dropped");
		double memoryBefore = lookups("memory");
		double tableBefore = lookups("table");
		String resolution = wrk(List.of("-t" + threads, "-c" + connections, "-d" + duration + "s", "--latency", "-s",
				random.toString(), url, "--", paths.toString()));
		this.out.println(resolution);
		printLookups(lookups("memory") - memoryBefore, lookups("table") - tableBefore);
		awaitTelemetryWritten();
		Resolutions measured = new Resolutions(number(REQUESTS_PER_SECOND, resolution), p99Millis(resolution),
				errors(resolution), telemetry("written") - writtenBefore, telemetry("dropped") - droppedBefore);
		this.out.printf("Scan telemetry: %,d scans written to scan_events, %,d dropped (queue full)%n%n",
				measured.telemetryWritten(), measured.telemetryDropped());
		return measured;
	}

	/**
	 * The baseline: the same wrk, the same paths and connections, against nginx answering
	 * a fixed 307.
	 */
	private Resolutions baseline(Path work, Path random, Path paths, int threads, int connections, int duration)
			throws IOException, InterruptedException {
		settle();
		try (Nginx nginx = Nginx.start(work)) {
			this.out.printf("Baseline: nginx answering a fixed 307: wrk -t%d -c%d -d%ds on loopback%n", threads,
					connections, duration);
			wrk(List.of("-t" + threads, "-c" + connections, "-d5s", "-s", random.toString(), nginx.url(), "--",
					paths.toString()));
			String output = wrk(List.of("-t" + threads, "-c" + connections, "-d" + duration + "s", "--latency", "-s",
					random.toString(), nginx.url(), "--", paths.toString()));
			this.out.println(output);
			return new Resolutions(number(REQUESTS_PER_SECOND, output), p99Millis(output), errors(output), 0, 0);
		}
	}

	private double robotScans(String visitorClass) throws IOException, InterruptedException {
		return this.meters.value("dpp.resolver.robot.scans", "class:" + visitorClass);
	}

	private void printLookups(double fromMemory, double fromTable) {
		this.out.printf("Token lookups: %,.0f from memory, %,.0f from the table (%.1f %% from memory)%n", fromMemory,
				fromTable, 100 * fromMemory / Math.max(1, fromMemory + fromTable));
	}

	private double lookups(String source) throws IOException, InterruptedException {
		return this.meters.value("dpp.resolver.token.lookups", "source:" + source);
	}

	/**
	 * The resolver's telemetry count {@code written}, {@code dropped} or {@code queued}.
	 */
	private long telemetry(String count) throws IOException, InterruptedException {
		return (long) this.meters.value("dpp.resolver.telemetry." + count, null);
	}

	/**
	 * Let PostgreSQL finish what the previous run left it before the next is timed: the
	 * telemetry still queued, and the vacuum that a million new {@code scan_events} rows
	 * call for, done now (untimed) instead of by autovacuum in the middle of the next
	 * run, where it took most of a core for seconds and slowed whichever run it met.
	 */
	private void settle() throws IOException, InterruptedException {
		awaitTelemetryWritten();
		this.data.jdbc().sql("vacuum (analyze) scan_events").update();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline && this.data.jdbc()
			.sql("select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")
			.query(Long.class)
			.single() > 0) {
			Thread.sleep(200);
		}
	}

	private void awaitTelemetryWritten() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (telemetry("queued") > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		// The batch taken off the queue last is being written.
		Thread.sleep(500);
	}

	private Product benchProduct() {
		return this.data.product(BRAND, "Resolver benchmark", COMPANY_PREFIX, SKU);
	}

	/**
	 * The bench product's minted active QR batches (not the NFC taps' batches), topped up
	 * to {@code tokens} units.
	 */
	private List<MintBatch> ensureActiveTokens(Product product, long tokens) {
		List<MintBatch> active = new ArrayList<>();
		for (Long id : this.data.jdbc().sql("""
				select id from mint_batches
				where product_id = ? and status = 'minted' and activation_mode = 'active' and carrier = 'qr'
				order by id""").param(product.id()).query(Long.class).list()) {
			active.add(this.data.batches().find(id).orElseThrow());
		}
		long have = active.stream().mapToLong(MintBatch::quantity).sum();
		if (have >= tokens) {
			this.out.printf("Reusing %,d active benchmark tokens%n", have);
			return active;
		}
		this.out.printf("Creating %,d active benchmark tokens (once; later runs reuse them)...%n", tokens - have);
		long start = System.nanoTime();
		while (have < tokens) {
			int quantity = (int) Math.min(MintRequest.MAX_QUANTITY, tokens - have);
			active.add(mint(product, quantity, ActivationMode.ACTIVE));
			have += quantity;
			this.out.printf("  %,d tokens%n", have);
		}
		this.out.printf("  done in %.1f s; vacuum analyze tokens...%n", (System.nanoTime() - start) / 1e9);
		this.data.jdbc().sql("vacuum analyze tokens").update();
		return active;
	}

	private MintBatch mint(Product product, int quantity, ActivationMode activation) {
		return this.data.mint(product, quantity, activation);
	}

	private void writeRandomPaths(Product product, List<MintBatch> active, int count, Path file) throws IOException {
		String prefix = "/01/" + product.gtin().value() + "/21/";
		StringBuilder lines = new StringBuilder(count * 40);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < count; i++) {
			MintBatch batch = active.get(random.nextInt(active.size()));
			long token = batch.firstTokenId() + random.nextInt(batch.quantity());
			lines.append(prefix).append(this.identifiers.encode(token)).append('\n');
		}
		Files.writeString(file, lines, StandardCharsets.US_ASCII);
	}

	private void writeSequentialPaths(Product product, MintBatch batch, Path file) throws IOException {
		String prefix = "/01/" + product.gtin().value() + "/21/";
		StringBuilder lines = new StringBuilder(batch.quantity() * 40);
		for (String serial : this.identifiers.encodeRange(batch.firstTokenId(), batch.quantity())) {
			lines.append(prefix).append(serial).append('\n');
		}
		Files.writeString(file, lines, StandardCharsets.US_ASCII);
	}

	private static String wrk(List<String> arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add("wrk");
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException("wrk failed: " + output);
		}
		return output;
	}

	private static Path script(Path directory, String name) throws IOException {
		try (InputStream in = ResolverBenchmark.class.getResourceAsStream("/bench/" + name)) {
			if (in == null) {
				throw new IllegalStateException("Missing bench script " + name);
			}
			Path file = directory.resolve(name);
			Files.write(file, in.readAllBytes());
			return file;
		}
	}

	private static double number(Pattern pattern, String output) {
		Matcher matcher = pattern.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("wrk output lacks " + pattern + ": " + output);
		}
		return Double.parseDouble(matcher.group(1));
	}

	private static double p99Millis(String output) {
		Matcher matcher = P99.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("wrk output lacks the 99th percentile: " + output);
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

	private static double elapsedSeconds(String output) {
		Matcher matcher = REQUESTS.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("wrk output lacks the request count: " + output);
		}
		double value = Double.parseDouble(matcher.group(2));
		return switch (matcher.group(3)) {
			case "ms" -> value / 1000;
			case "m" -> value * 60;
			default -> value;
		};
	}

	private static long errors(String output) {
		long errors = 0;
		Matcher non2xx = NON_2XX_3XX.matcher(output);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		Matcher socket = SOCKET_ERRORS.matcher(output);
		if (socket.find()) {
			for (int i = 1; i <= 4; i++) {
				errors += Long.parseLong(socket.group(i));
			}
		}
		return errors;
	}

	private static long longOption(ApplicationArguments arguments, String name, long defaultValue) {
		List<String> values = arguments.getOptionValues(name);
		return (values == null || values.isEmpty()) ? defaultValue : Long.parseLong(values.get(0));
	}

	private static String gtin(String thirteen) {
		int sum = 0;
		for (int i = 0; i < thirteen.length(); i++) {
			int digit = thirteen.charAt(thirteen.length() - 1 - i) - '0';
			sum += ((i % 2) == 0) ? digit * 3 : digit;
		}
		return thirteen + (10 - sum % 10) % 10;
	}

	/**
	 * The command line.
	 *
	 * @param nfcTaps tap URLs of the NFC phase, 0 without {@code --nfc-taps}
	 */
	record Options(long tokens, int duration, int connections, int saturationConnections, int activationConnections,
			int threads, int activations, int nfcTaps) {

		static Options of(ApplicationArguments arguments) {
			int nfcTaps = 0;
			if (arguments.containsOption("nfc-taps")) {
				nfcTaps = (int) longOption(arguments, "nfc-taps", DEFAULT_NFC_TAPS);
				if (nfcTaps < 1) {
					throw new IllegalArgumentException("--nfc-taps takes a number of taps, at least 1");
				}
			}
			return new Options(longOption(arguments, "tokens", 10_000_000), (int) longOption(arguments, "duration", 30),
					(int) longOption(arguments, "connections", 32),
					(int) longOption(arguments, "saturation-connections", 64),
					(int) longOption(arguments, "activation-connections", 64),
					(int) longOption(arguments, "threads", 2),
					(int) longOption(arguments, "activation-tokens", 300_000), nfcTaps);
		}

	}

	private record Resolutions(double rps, double p99, long errors, long telemetryWritten, long telemetryDropped) {

	}

	private record Taps(long written, double perSecond, double p99, long errors, long rejected) {

	}

}
