package io.dppmint.resolver;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.token.JdbcTokenRepository;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.resolver.ResolverFixtures.Minted;
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
 * Scans answered from memory ({@code MintedTokenIndex}) over real HTTP against a real
 * PostgreSQL: after a batch's first scan its other tokens need no table read, lots follow
 * from their ranges, a revocation reaches memory through the database's notification, and
 * first scans activate without a read while every other request about a token not known
 * to be active reads the table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ResolverTestConfiguration.class)
class MintedTokenIndexIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	ScanHttp http;

	@BeforeEach
	void client() {
		this.http = new ScanHttp(this.port);
	}

	@Test
	void afterABatchsFirstScanItsTokensAreAnsweredFromMemory() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 6, ActivationMode.ACTIVE);
		awaitMemoryAnswers(product, minted);

		double memory = lookups("memory");
		double table = lookups("table");
		for (int unit = 2; unit < 6; unit++) {
			String path = this.fixtures.gs1Path(product, minted.token(unit));
			HttpResponse<String> response = this.http.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(307);
			assertThat(response.headers().firstValue("Location")).hasValue("/passport" + path);
		}

		assertThat(lookups("memory") - memory).isEqualTo(4);
		assertThat(lookups("table") - table).isZero();
	}

	@Test
	void memoryKnowsEachTokensLotFromTheLotRanges() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintLots(product, ActivationMode.ACTIVE, new LotRequest("LOT-A", 2),
				new LotRequest("LOT-B", 3));
		awaitMemoryAnswers(product, minted);
		String serial = this.fixtures.identifier(minted.token(3));
		double table = lookups("table");

		assertThat(this.http.get("/01/" + product.gtin().value() + "/10/LOT-B/21/" + serial).statusCode())
			.isEqualTo(307);
		assertThat(this.http.get("/01/" + product.gtin().value() + "/10/LOT-A/21/" + serial)
			.headers()
			.firstValue("Location")).as("the token is in LOT-B, not LOT-A: the scan walks up to LOT-A")
			.hasValue("/passport/01/" + product.gtin().value() + "/10/LOT-A");
		assertThat(lookups("table") - table).isZero();
	}

	@Test
	void aRevocationReachesMemoryThroughTheDatabasesNotification() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 3, ActivationMode.ACTIVE);
		awaitMemoryAnswers(product, minted);
		String path = this.fixtures.gs1Path(product, minted.token(2));
		assertThat(this.http.get(path).statusCode()).isEqualTo(307);

		this.fixtures.revoke(minted.token(2), "Recalled");

		assertGoneFromMemorySoon(path);
	}

	@Test
	void aRevocationMadeWhileTheFeedIsDownIsKnownWhenItIsBack() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 4, ActivationMode.ACTIVE);
		awaitMemoryAnswers(product, minted);

		// The feed's connection dies: its notifications, and the revocation below, are
		// lost.
		assertThat(this.jdbc.sql("""
				select count(pg_terminate_backend(pid)) from pg_stat_activity
				where query = ? and pid <> pg_backend_pid()""")
			.param(JdbcTokenRepository.REVOKED_TOKEN_NUMBERS)
			.query(Long.class)
			.single()).isPositive();
		this.fixtures.revoke(minted.token(3), "Recalled while the feed was down");

		// Memory answers again only once the feed has listened again and reloaded the
		// set.
		String path = this.fixtures.gs1Path(product, minted.token(3));
		long started = System.nanoTime();
		double memory;
		int status;
		do {
			memory = lookups("memory");
			status = this.http.get(path).statusCode();
		}
		while ((status != 410 || lookups("memory") == memory) && System.nanoTime() - started < PATIENCE.toNanos());
		assertThat(status).isEqualTo(410);
		assertThat(lookups("memory")).as("answered from memory again").isGreaterThan(memory);
		assertThat(this.http.get(this.fixtures.gs1Path(product, minted.token(2))).statusCode()).isEqualTo(307);
	}

	@Test
	void firstScansOfALearntBatchActivateWithoutReadingTheTable() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 6, ActivationMode.FIRST_SCAN);
		awaitMemoryAnswers(product, minted);
		long activeBefore = this.fixtures.activeTokens(product.brandId());
		double memory = lookups("memory");
		double table = lookups("table");

		for (int unit = 2; unit < 6; unit++) {
			String path = this.fixtures.gs1Path(product, minted.token(unit));
			assertThat(this.http.get(path).statusCode()).as(path).isEqualTo(307);
		}
		String path = this.fixtures.gs1Path(product, minted.token(2));
		assertThat(this.http.get(path).statusCode()).as("a second scan").isEqualTo(307);
		HttpResponse<String> passport = this.http.get("/passport" + path);

		assertThat(lookups("table") - table).isZero();
		assertThat(lookups("memory") - memory).isEqualTo(6);
		for (int unit = 2; unit < 6; unit++) {
			assertThat(this.fixtures.status(minted.token(unit))).as("token %d activated", unit)
				.isEqualTo(TokenStatus.ACTIVE);
			assertThat(this.fixtures.activationEvents(minted.token(unit))).as("token %d's audit event", unit).isOne();
		}
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 4);
		assertThat(passport.statusCode()).isEqualTo(200);
		assertThat(passport.body()).contains("Status: active");
	}

	@Test
	void aTokenActivatedElsewhereIsNeverShownAsMintedNorActivatedTwice() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 5, ActivationMode.FIRST_SCAN);
		awaitMemoryAnswers(product, minted);
		// Another resolver activates tokens 2 and 3: this one's memory does not know.
		this.jdbc.sql("update tokens set status = ?, activated_at = now() where id in (?, ?)")
			.param(TokenStatus.ACTIVE.code())
			.param(minted.token(2))
			.param(minted.token(3))
			.update();
		long activeBefore = this.fixtures.activeTokens(product.brandId());
		double table = lookups("table");

		assertThat(this.http.get(this.fixtures.gs1Path(product, minted.token(3))).statusCode()).isEqualTo(307);
		assertThat(this.http.get("/passport" + this.fixtures.gs1Path(product, minted.token(2))).body())
			.contains("Status: active");
		assertThat(this.http.get("/passport" + this.fixtures.gs1Path(product, minted.token(3))).body())
			.contains("Status: active");
		HttpResponse<String> neverScanned = this.http
			.get("/passport" + this.fixtures.gs1Path(product, minted.token(4)));
		assertThat(this.http
			.send("HEAD", this.fixtures.gs1Path(product, minted.token(4)), "User-Agent", ResolverFixtures.PHONE)
			.statusCode()).isEqualTo(307);

		assertThat(this.fixtures.activationEvents(minted.token(3))).as("the scan lost to the earlier activation")
			.isZero();
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore);
		assertThat(neverScanned.body()).contains("Status: not yet activated");
		assertThat(this.fixtures.status(minted.token(4))).as("a passport view and HEAD do not activate")
			.isEqualTo(TokenStatus.MINTED);
		assertThat(lookups("table") - table).as("the passports of tokens not known active, and HEAD, read the table")
			.isEqualTo(4);
	}

	@Test
	void aRevokedFirstScanTokenIsAnsweredGoneFromMemoryAndNeverActivated() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 3, ActivationMode.FIRST_SCAN);
		awaitMemoryAnswers(product, minted);
		this.fixtures.revoke(minted.token(2), "Recalled before sale");
		String path = this.fixtures.gs1Path(product, minted.token(2));

		assertGoneFromMemorySoon(path);
		assertThat(this.fixtures.status(minted.token(2))).isEqualTo(TokenStatus.REVOKED);
		assertThat(this.fixtures.activationEvents(minted.token(2))).isZero();
	}

	/**
	 * Scan a token just revoked until it answers 410 (the notification may take a
	 * moment), then once more: that 410 must come from memory.
	 */
	private void assertGoneFromMemorySoon(String path) {
		long revoked = System.nanoTime();
		int status;
		do {
			status = this.http.get(path).statusCode();
		}
		while (status != 410 && System.nanoTime() - revoked < PATIENCE.toNanos());
		assertThat(status).as("a revoked token answers 410 within " + PATIENCE).isEqualTo(410);
		double table = lookups("table");
		assertThat(this.http.get(path).statusCode()).isEqualTo(410);
		assertThat(lookups("table") - table).as("the 410 came from memory").isZero();
	}

	/**
	 * Scan the batch's first token (a table read that teaches memory the batch), then its
	 * second until memory answers: the revocation feed goes live shortly after start.
	 */
	private void awaitMemoryAnswers(Product product, Minted minted) {
		assertThat(this.http.get(this.fixtures.gs1Path(product, minted.token(0))).statusCode()).isEqualTo(307);
		long started = System.nanoTime();
		while (System.nanoTime() - started < PATIENCE.toNanos()) {
			double memory = lookups("memory");
			assertThat(this.http.get(this.fixtures.gs1Path(product, minted.token(1))).statusCode()).isEqualTo(307);
			if (lookups("memory") > memory) {
				return;
			}
		}
		throw new AssertionError("Memory answered no scan of batch " + minted.batch().id() + " within " + PATIENCE);
	}

	private double lookups(String source) {
		return this.meters.get("dpp.resolver.token.lookups").tag("source", source).functionCounter().count();
	}

}
