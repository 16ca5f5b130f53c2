package io.dppmint.resolver.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.dppmint.resolver.ResolverTestConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The telemetry writer against the real database: steady traffic is written in a few
 * large {@code COPY}s rather than one per scan or per handful, a lone scan is written
 * within about the flush interval, and stopping writes everything still queued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ResolverTestConfiguration.class)
class ScanTelemetryWriterIntegrationTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void gathersSteadyTrafficIntoAFewLargeCopies() throws Exception {
		CountingDataSource copies = new CountingDataSource(this.dataSource);
		ScanTelemetry telemetry = new ScanTelemetry(copies, new TelemetryProperties(100_000, 5_000,
				Duration.ofMillis(200), DataSize.ofMegabytes(64), Duration.ofSeconds(1)));
		String identifier = "/t/BURST-" + UUID.randomUUID();
		long recording;
		telemetry.start();
		try {
			long started = System.nanoTime();
			// 5,000 scans over about a second, 25 every 5 ms.
			for (int tick = 0; tick < 200; tick++) {
				for (int i = 0; i < 25; i++) {
					assertThat(telemetry.record(event(identifier))).isTrue();
				}
				Thread.sleep(5);
			}
			recording = Duration.ofNanos(System.nanoTime() - started).toMillis();
			awaitWritten(telemetry, 5_000);
		}
		finally {
			telemetry.stop();
		}

		assertThat(rows(identifier)).isEqualTo(5_000);
		assertThat(telemetry.dropped()).isZero();
		// About one COPY per 200 ms of traffic (plus the last), not one per handful of
		// scans that arrived while the previous COPY ran (which made ~200 here).
		assertThat(copies.connections.get()).isPositive().isLessThanOrEqualTo((int) (recording / 200) + 3);
	}

	@Test
	void writesALoneScanWithinAboutTheFlushInterval() throws Exception {
		ScanTelemetry telemetry = new ScanTelemetry(this.dataSource, new TelemetryProperties(100_000, 5_000,
				Duration.ofMillis(200), DataSize.ofMegabytes(64), Duration.ofSeconds(1)));
		String identifier = "/t/LONE-" + UUID.randomUUID();
		telemetry.start();
		try {
			long started = System.nanoTime();
			telemetry.record(event(identifier));
			awaitWritten(telemetry, 1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			telemetry.stop();
		}
		assertThat(rows(identifier)).isOne();
	}

	@Test
	void stoppingWritesWhatIsStillQueued() {
		ScanTelemetry telemetry = new ScanTelemetry(this.dataSource, new TelemetryProperties(100_000, 5_000,
				Duration.ofSeconds(30), DataSize.ofMegabytes(64), Duration.ofSeconds(1)));
		String identifier = "/t/STOP-" + UUID.randomUUID();
		telemetry.start();
		for (int i = 0; i < 7_500; i++) {
			telemetry.record(event(identifier));
		}
		telemetry.stop();

		assertThat(rows(identifier)).isEqualTo(7_500);
		assertThat(telemetry.written()).isEqualTo(7_500);
	}

	@Test
	void countsRobotScansPerDayBrandProductAndCountryWithoutARowEach() throws Exception {
		ScanTelemetry telemetry = new ScanTelemetry(this.dataSource, new TelemetryProperties(100_000, 5_000,
				Duration.ofMillis(200), DataSize.ofMegabytes(64), Duration.ofSeconds(1)));
		long brand = -Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) - 1;
		Instant now = Instant.now();
		Instant yesterday = now.minus(Duration.ofDays(1));
		telemetry.start();
		try {
			for (int i = 0; i < 300; i++) {
				telemetry.recordRobot(new RobotScan(now, brand, 11L, (i % 3 == 0) ? "FR" : "DE"));
			}
			telemetry.recordRobot(new RobotScan(yesterday, brand, 11L, "DE"));
			telemetry.record(event("/t/ROBOTS-" + UUID.randomUUID()));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (telemetry.robotsCounted() < 301 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
		}
		finally {
			telemetry.stop();
		}

		var rows = this.jdbc.sql("""
				select (scanned_at at time zone 'UTC')::date as day, country, sum(scans) as scans, count(*) as rows
				from scan_robot_counts where brand_id = ? and product_id = 11 group by 1, 2 order by 1, 2""")
			.param(brand)
			.query()
			.listOfRows();
		assertThat(rows).extracting((row) -> row.get("country") + "=" + row.get("scans"))
			.containsExactly("DE=1", "DE=200", "FR=100");
		// Added up per batch: a row per group and batch, not per robot.
		assertThat(rows).allSatisfy((row) -> assertThat((Long) row.get("rows")).isLessThanOrEqualTo(3));
		assertThat(telemetry.robotsCounted()).isEqualTo(301);
		assertThat(telemetry.written()).isOne();
	}

	private static ScanEvent event(String identifier) {
		return new ScanEvent(Instant.now(), null, null, null, identifier, "192.0.2.0/24", "DE", null,
				"Mozilla/5.0 (iPhone)", false, null);
	}

	private long rows(String identifier) {
		return this.jdbc.sql("select count(*) from scan_events where identifier = ?")
			.param(identifier)
			.query(Long.class)
			.single();
	}

	private static void awaitWritten(ScanTelemetry telemetry, long expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (telemetry.written() < expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(telemetry.written()).isEqualTo(expected);
	}

	/** Counts connections taken: the writer takes one per {@code COPY}. */
	private static final class CountingDataSource extends DelegatingDataSource {

		final AtomicInteger connections = new AtomicInteger();

		CountingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.connections.incrementAndGet();
			return super.getConnection();
		}

	}

}
