package io.dppmint.resolver;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
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
 * Scan telemetry over real HTTP: what a row holds (a truncated network, the edge's coarse
 * location, the user agent, whether the scan activated), what is never recorded, and that
 * a blocked database write never holds a scan up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ResolverTestConfiguration.class)
class ScanTelemetryIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	ScanHttp http;

	@BeforeEach
	void client() {
		this.http = new ScanHttp(this.port);
	}

	@Test
	void recordsATruncatedNetworkCoarseLocationUserAgentAndFirstScan() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.FIRST_SCAN);
		long token = minted.token(0);
		String path = this.fixtures.gs1Path(product, token);

		this.http.get(path, "CF-IPCountry", "DE", "CF-Region-Code", "BY");
		this.http.get(path, "CF-IPCountry", "AT");

		awaitEvents(token, 2);
		var rows = this.jdbc.sql("""
				select host(network_prefix) as host, masklen(network_prefix) as bits, country, region, user_agent,
					first_scan, identifier, batch_id, brand_id, product_id
				from scan_events where token_id = ? order by id""").param(token).query().listOfRows();
		Map<String, Object> first = rows.get(0);
		assertThat(first).containsEntry("host", "127.0.0.0")
			.containsEntry("bits", 24)
			.containsEntry("country", "DE")
			.containsEntry("region", "BY")
			.containsEntry("user_agent", ResolverFixtures.PHONE)
			.containsEntry("first_scan", true)
			.containsEntry("identifier", path)
			.containsEntry("batch_id", minted.batch().id())
			.containsEntry("brand_id", product.brandId())
			.containsEntry("product_id", product.id());
		assertThat(rows.get(1)).containsEntry("first_scan", false)
			.containsEntry("country", "AT")
			.containsEntry("region", null);
		assertThat(this.jdbc.sql("select count(*) from scan_events where host(network_prefix) = '127.0.0.1'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void recordsNoScanEventForRobotsHeadOrMalformedAndUnknownPathsAndOnlyCountsRobots() throws Exception {
		Product product = this.fixtures.aNonGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 2, ActivationMode.ACTIVE);
		String robotPath = "/t/" + this.fixtures.identifier(minted.token(0));
		String personPath = "/t/" + this.fixtures.identifier(minted.token(1));

		this.http.get(robotPath, "User-Agent", ResolverFixtures.GOOGLEBOT, "CF-IPCountry", "FR");
		this.http.get(robotPath, "User-Agent", "facebookexternalhit/1.1", "CF-IPCountry", "FR");
		this.http.send("HEAD", robotPath, "User-Agent", ResolverFixtures.GOOGLEBOT);
		this.http.send("HEAD", robotPath, "User-Agent", ResolverFixtures.PHONE);
		this.http.get("/t/" + this.fixtures.identifier(Long.MAX_VALUE - 7));
		this.http.get("/t/BAD");
		this.http.get(personPath);

		// One writer drains the queue in order: once the last scan is written, earlier
		// ones would be too.
		awaitEvents(minted.token(1), 1);
		assertThat(this.jdbc.sql("select count(*) from scan_events where batch_id = ?")
			.param(minted.batch().id())
			.query(Long.class)
			.single()).isOne();
		// The robots' GETs are counted (for the robot share), with nothing about them but
		// the day, brand, product and country; their HEAD is not.
		assertThat(this.jdbc.sql("""
				select brand_id, product_id, country, sum(scans) as scans from scan_robot_counts
				where brand_id = ? group by 1, 2, 3""").param(product.brandId()).query().listOfRows()).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("product_id", product.id())
				.containsEntry("country", "FR")
				.containsEntry("scans", 2L));
	}

	@Test
	void aBlockedTelemetryWriteNeverHoldsScansUp() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 20, ActivationMode.ACTIVE);

		try (Connection blocker = this.dataSource.getConnection(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("lock table scan_events in share mode");
			long started = System.nanoTime();
			for (int i = 0; i < 20; i++) {
				assertThat(this.http.get(this.fixtures.gs1Path(product, minted.token(i))).statusCode()).isEqualTo(307);
				Thread.sleep(50);
			}
			Duration scans = Duration.ofNanos(System.nanoTime() - started);
			assertThat(countEvents(minted.batch().id())).isZero();
			assertThat(scans).isLessThan(Duration.ofSeconds(3));
			blocker.rollback();
		}

		for (int i = 0; i < 20; i++) {
			awaitEvents(minted.token(i), 1);
		}
		assertThat(countEvents(minted.batch().id())).isEqualTo(20);
	}

	private long countEvents(long batchId) {
		return this.jdbc.sql("select count(*) from scan_events where batch_id = ?")
			.param(batchId)
			.query(Long.class)
			.single();
	}

	private void awaitEvents(long token, int expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			long count = this.jdbc.sql("select count(*) from scan_events where token_id = ?")
				.param(token)
				.query(Long.class)
				.single();
			if (count >= expected) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("Fewer than " + expected + " scan events for token " + token + " after 10 s");
	}

}
