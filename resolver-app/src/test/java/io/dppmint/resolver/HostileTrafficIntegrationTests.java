package io.dppmint.resolver;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.resolver.ResolverFixtures.Minted;
import io.dppmint.resolver.bots.BotDetector;
import io.dppmint.resolver.telemetry.ScanTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What hostile or merely automated traffic does to the resolver, over real HTTP: robots
 * cause no activation and no telemetry whatever their number, a stream of distinct user
 * agents does not queue every request thread behind one analyzer, huge user agents cannot
 * fill the heap through the telemetry queue, and an address that carries a client's IPv4
 * address inside IPv6 is cut to that address's /24.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dpp.resolver.telemetry.queue-bytes=256KB", "server.forward-headers-strategy=native" })
@Import(ResolverTestConfiguration.class)
class HostileTrafficIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ScanTelemetry telemetry;

	@Autowired
	BotDetector bots;

	ScanHttp http;

	@BeforeEach
	void client() {
		this.http = new ScanHttp(this.port);
	}

	@Test
	void tenThousandRobotScansActivateNothingAndRecordNoTelemetry() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 100, ActivationMode.FIRST_SCAN);
		List<String> robots = List.of(ResolverFixtures.GOOGLEBOT, "curl/8.5.0", "python-requests/2.31.0",
				"facebookexternalhit/1.1", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "");
		double crawlersBefore = robotScans("crawler");
		double scriptsBefore = robotScans("script");
		double previewsBefore = robotScans("preview");
		double unclassifiedBefore = robotScans("unclassified");

		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			List<Callable<Integer>> work = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				work.add(() -> {
					int redirects = 0;
					for (int i = thread; i < 10_000; i += 8) {
						String robot = robots.get(i % robots.size());
						HttpResponse<String> response = this.http
							.get(this.fixtures.gs1Path(product, minted.token(i % 100)), "User-Agent", robot);
						assertThat(response.statusCode()).isIn(200, 307);
						if (response.statusCode() == 307) {
							redirects++;
						}
					}
					return redirects;
				});
			}
			int redirects = 0;
			for (Future<Integer> done : threads.invokeAll(work)) {
				redirects += done.get();
			}
			// Crawlers and scripts get the standard answer; link-preview fetchers a page.
			assertThat(redirects).isGreaterThan(6_000);
		}
		// A person's scan afterwards is written: the robots' would have been before it.
		this.http.get(this.fixtures.gs1Path(product, minted.token(0)));
		awaitTelemetry(minted.batch().id(), 1);

		assertThat(this.jdbc.sql("select count(*) from scan_events where batch_id = ?")
			.param(minted.batch().id())
			.query(Long.class)
			.single()).isOne();
		for (int i = 1; i < 100; i++) {
			assertThat(this.fixtures.status(minted.token(i))).isEqualTo(TokenStatus.MINTED);
		}
		assertThat(this.fixtures.activeTokens(product.brandId())).isOne();
		// Every robot scan is counted once, by class; the first requests of a new agent
		// that find every analyzer busy count as unclassified.
		double crawlers = robotScans("crawler") - crawlersBefore;
		double scripts = robotScans("script") - scriptsBefore;
		double previews = robotScans("preview") - previewsBefore;
		double unclassified = robotScans("unclassified") - unclassifiedBefore;
		assertThat(crawlers + scripts + previews + unclassified).isEqualTo(10_000);
		assertThat(crawlers).isGreaterThan(1_500);
		assertThat(scripts).isGreaterThan(3 * 1_500);
		assertThat(previews).isGreaterThan(2 * 1_500);
	}

	@Test
	void distinctUserAgentsOnManyThreadsAreAllAnsweredWithoutQueueingBehindOneAnalyzer() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = this.fixtures.gs1Path(product, minted.token(0));

		try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
			List<Callable<Long>> work = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				int thread = t;
				work.add(() -> {
					long slowest = 0;
					for (int i = 0; i < 50; i++) {
						String agent = "Mozilla/5.0 (Linux; Android 14; Hostile-" + thread + "-" + i
								+ ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0." + i
								+ " Mobile Safari/537.36";
						long start = System.nanoTime();
						HttpResponse<String> response = this.http.get(path, "User-Agent", agent);
						slowest = Math.max(slowest, System.nanoTime() - start);
						assertThat(response.statusCode()).isEqualTo(307);
					}
					return slowest;
				});
			}
			for (Future<Long> done : threads.invokeAll(work)) {
				// Each request waits for an analyzer at most dpp.resolver.bots.max-wait
				// (5 ms) and parses are rate-limited: no request queues behind hundreds
				// of parses.
				assertThat(Duration.ofNanos(done.get())).isLessThan(Duration.ofSeconds(5));
			}
		}
		assertThat(this.bots
			.classify("Mozilla/5.0 (Linux; Android 14; Hostile-0-0) AppleWebKit/537.36 "
					+ "(KHTML, like Gecko) Chrome/124.0.0 Mobile Safari/537.36")
			.robot()).isFalse();
	}

	@Test
	void hugeUserAgentsAreCutBeforeTheyAreQueuedAndTheQueueIsBoundedInBytes() throws Exception {
		Product product = this.fixtures.aNonGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = "/t/" + this.fixtures.identifier(minted.token(0));
		String huge = ResolverFixtures.PHONE + " " + "x".repeat(7_000);
		double droppedBefore = this.telemetry.dropped();

		// A locked table holds the writer, so the queue fills.
		try (Connection lock = this.dataSource.getConnection()) {
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("lock table scan_events in share mode");
			}
			for (int i = 0; i < 600; i++) {
				assertThat(this.http.get(path, "User-Agent", huge).statusCode()).isEqualTo(307);
				assertThat(this.telemetry.queuedBytes()).isLessThanOrEqualTo(256 * 1024);
			}
			// 600 events of 512 characters would be more than 600 kB: some were dropped.
			assertThat(this.telemetry.dropped() - droppedBefore).isPositive();
			lock.rollback();
		}
		awaitTelemetry(minted.batch().id(), 1);
		assertThat(this.jdbc.sql("select max(length(user_agent)) from scan_events where batch_id = ?")
			.param(minted.batch().id())
			.query(Integer.class)
			.single()).isEqualTo(512);
	}

	@Test
	void cutsTheIpv4AddressInside6to4AndTeredoAddressesToItsSlash24() throws Exception {
		Product product = this.fixtures.aNonGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = "/t/" + this.fixtures.identifier(minted.token(0));

		this.http.get(path, "X-Forwarded-For", "2002:cb00:7158:1::5");
		this.http.get(path, "X-Forwarded-For", "2001:0:4136:e378:8000:63bf:3fff:fdd2");

		awaitTelemetry(minted.batch().id(), 2);
		assertThat(this.jdbc.sql("select network_prefix::text from scan_events where batch_id = ? order by id")
			.param(minted.batch().id())
			.query(String.class)
			.list()).containsExactly("203.0.113.0/24", "192.0.2.0/24");
	}

	private double robotScans(String visitorClass) {
		return this.meters.get("dpp.resolver.robot.scans").tag("class", visitorClass).counter().count();
	}

	private void awaitTelemetry(long batchId, long rows) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (this.jdbc.sql("select count(*) from scan_events where batch_id = ?")
			.param(batchId)
			.query(Long.class)
			.single() < rows) {
			assertThat(System.nanoTime()).as("telemetry rows").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
