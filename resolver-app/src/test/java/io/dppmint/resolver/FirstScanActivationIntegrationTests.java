package io.dppmint.resolver;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.resolver.ResolverFixtures.Minted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First-scan activation over real HTTP: exactly once, durably, with its audit event and
 * counter, and never by HEAD, OPTIONS, robots, link previews or linkset requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ResolverTestConfiguration.class)
class FirstScanActivationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	ScanHttp http;

	@BeforeEach
	void client() {
		this.http = new ScanHttp(this.port);
	}

	@Test
	void theFirstScanActivatesAMintedTokenWithAnAuditEventAndTheCounter() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 2, ActivationMode.FIRST_SCAN);
		long token = minted.token(0);
		String path = this.fixtures.gs1Path(product, token);
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		HttpResponse<String> first = this.http.get(path);
		HttpResponse<String> second = this.http.get(path);
		HttpResponse<String> passport = this.http.get("/passport" + path);

		assertThat(first.statusCode()).isEqualTo(307);
		assertThat(second.statusCode()).isEqualTo(307);
		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.status(minted.token(1))).isEqualTo(TokenStatus.MINTED);
		assertThat(this.jdbc.sql("select activated_at is not null from tokens where id = ?")
			.param(token)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(this.fixtures.activationEvents(token)).isOne();
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 1);
		assertThat(passport.body()).contains("Status: active");
	}

	@Test
	void fiftyConcurrentFirstScansGiveOneActivationAndOneAuditEvent() throws Exception {
		Product product = this.fixtures.aNonGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.FIRST_SCAN);
		long token = minted.token(0);
		String path = "/t/" + this.fixtures.identifier(token);
		long activeBefore = this.fixtures.activeTokens(product.brandId());
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> scans = new ArrayList<>();

		try (ExecutorService executor = Executors.newFixedThreadPool(50)) {
			for (int i = 0; i < 50; i++) {
				scans.add(executor.submit(() -> {
					start.await();
					return this.http.get(path).statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> scan : scans) {
				assertThat(scan.get()).isEqualTo(307);
			}
		}

		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.activationEvents(token)).isOne();
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 1);
	}

	@Test
	void headOptionsRobotsPreviewsAndLinksetRequestsNeverActivate() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.FIRST_SCAN);
		long token = minted.token(0);
		String path = this.fixtures.gs1Path(product, token);

		assertThat(this.http.send("HEAD", path, "User-Agent", ResolverFixtures.PHONE).statusCode()).isEqualTo(307);
		assertThat(this.http.send("OPTIONS", path, "User-Agent", ResolverFixtures.PHONE).statusCode()).isEqualTo(204);
		for (String robot : List.of(ResolverFixtures.GOOGLEBOT, "curl/8.5.0", "")) {
			HttpResponse<String> response = this.http.get(path, "User-Agent", robot);
			assertThat(response.statusCode()).as(robot).isEqualTo(307);
			assertThat(response.headers().firstValue("Location")).as(robot).hasValue("/passport" + path);
		}
		for (String preview : List.of("facebookexternalhit/1.1",
				"Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "WhatsApp/2.23.20.0 A",
				"Twitterbot/1.0")) {
			HttpResponse<String> response = this.http.get(path, "User-Agent", preview);
			assertThat(response.statusCode()).as(preview).isEqualTo(200);
			assertThat(response.body()).as(preview)
				.contains("<meta property=\"og:title\" content=\"Merino &lt;Jumper&gt; – Resolver GS1 Brand\">")
				.doesNotContain("Status");
			assertThat(response.headers().firstValue("X-Robots-Tag")).as(preview).hasValue("noindex");
		}
		assertThat(this.http.get(path, "User-Agent", ResolverFixtures.GOOGLEBOT, "Accept", "application/json")
			.statusCode()).isEqualTo(307);
		assertThat(this.http.get(path, "Accept", "application/linkset+json").statusCode()).isEqualTo(200);
		assertThat(this.http.get(path + "?linkType=linkset").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/passport" + path).statusCode()).isEqualTo(200);

		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.MINTED);
		assertThat(this.fixtures.activationEvents(token)).isZero();
	}

	@Test
	void robotsGetTheStandardAnswersForUnknownTokensAndMalformedPaths() {
		assertThat(this.http
			.get("/t/" + this.fixtures.identifier(Long.MAX_VALUE - 99), "User-Agent", ResolverFixtures.GOOGLEBOT)
			.statusCode()).isEqualTo(404);
		assertThat(this.http.get("/01/123", "User-Agent", ResolverFixtures.GOOGLEBOT).statusCode()).isEqualTo(400);
	}

}
