package io.dppmint.core.scans;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.dppmint.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static io.dppmint.testsupport.DatabasePermissions.assertEachFailsWithAPermissionError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * V19's monthly partitions of {@code scan_events}, their maintenance and the daily
 * roll-ups, each test in a schema of its own on the real PostgreSQL: an existing table
 * becomes the legacy partition without being copied, an insert never fails for want of a
 * partition, a month is dropped only once its days are rolled up, roll-ups are recomputed
 * (never added to) so retries and crashes cannot count twice, one run at a time, and only
 * the console may run it.
 */
class ScanRetentionIntegrationTests {

	private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

	private static final OffsetDateTime THIS_MONTH = NOW.withDayOfMonth(1)
		.withHour(0)
		.withMinute(0)
		.withSecond(0)
		.withNano(0);

	@Test
	void attachesAnExistingScanTableAsTheLegacyPartitionWithoutCopyingIt() {
		Schema schema = schema("18");
		JdbcClient jdbc = schema.jdbc();
		for (int day = 3; day >= 1; day--) {
			jdbc.sql("insert into scan_events (scanned_at, brand_id, identifier, country, first_scan) "
					+ "values (now() - make_interval(days => :day), 7, '/t/OLD', 'DE', :first)")
				.param("day", day)
				.param("first", day == 1)
				.update();
		}
		long maxId = jdbc.sql("select max(id) from scan_events").query(Long.class).single();
		long fileBefore = relfilenode(jdbc, "scan_events");
		long indexBefore = relfilenode(jdbc, "scan_events_scanned_at_ix");

		schema.migrate(null);

		assertThat(jdbc
			.sql("select relkind::text from pg_class where relname = 'scan_events' and relnamespace = "
					+ "(select oid from pg_namespace where nspname = current_schema())")
			.query(String.class)
			.single()).isEqualTo("p");
		assertThat(relfilenode(jdbc, "scan_events_legacy")).as("the old table, not a copy").isEqualTo(fileBefore);
		assertThat(relfilenode(jdbc, "scan_events_legacy_scanned_at_ix")).as("its index, attached, not rebuilt")
			.isEqualTo(indexBefore);
		assertThat(jdbc.sql("select count(*) from scan_events where identifier = '/t/OLD'").query(Long.class).single())
			.isEqualTo(3);
		assertThat(jdbc
			.sql("select pg_get_expr(relpartbound, oid) from pg_class where relname = 'scan_events_legacy'"
					+ " and relnamespace = (select oid from pg_namespace where nspname = current_schema())")
			.query(String.class)
			.single()).startsWith("FOR VALUES FROM (MINVALUE) TO ('" + THIS_MONTH.plusMonths(1).toLocalDate());
		assertThat(partitions(jdbc, "scan_events")).contains("scan_events_legacy", "scan_events_default",
				partition("scan_events", 1), partition("scan_events", 2));
		assertThat(partitions(jdbc, "scan_robot_counts")).contains("scan_robot_counts_default",
				partition("scan_robot_counts", 0), partition("scan_robot_counts", 1));

		long newId = jdbc.sql("insert into scan_events (scanned_at, identifier) values (now(), '/t/NEW') returning id")
			.query(Long.class)
			.single();
		assertThat(newId).isGreaterThan(maxId);

		assertThat(jdbc.sql("select closed_through from scan_rollup_state").query(LocalDate.class).single())
			.as("the roll-up starts with the first legacy day")
			.isEqualTo(NOW.toLocalDate().minusDays(3).minusDays(1));
		maintain(jdbc, 13, 2);
		assertThat(jdbc.sql("select sum(scans), sum(first_scans) from scan_daily where brand_id = 7")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single()).containsExactly(3L, 1L);
	}

	@Test
	void anInsertIntoAMonthWithoutPartitionLandsInTheDefaultAndMovesIntoItsMonthWhenCreated() {
		JdbcClient jdbc = schema(null).jdbc();
		OffsetDateTime later = THIS_MONTH.plusMonths(5).plusDays(3);
		jdbc.sql("insert into scan_events (scanned_at, identifier) values (:at, '/t/EARLY')")
			.param("at", later)
			.update();
		assertThat(count(jdbc, "scan_events_default")).isOne();

		Map<String, Object> result = maintain(jdbc, 13, 6);

		assertThat(result.get("created").toString()).contains(partition("scan_events", 5));
		assertThat(count(jdbc, "scan_events_default")).isZero();
		assertThat(count(jdbc, partition("scan_events", 5))).isOne();
	}

	@Test
	void dropsAMonthOnlyOnceItsDaysAreRolledUpAndKeepsTheRollUps() {
		JdbcClient jdbc = schemaWithoutLegacyPartition();
		OffsetDateTime lastMonth = THIS_MONTH.minusMonths(1);
		jdbc.sql("select scan_partition_create(p, :from, :to) from unnest(array['scan_events', 'scan_robot_counts']) p")
			.param("from", lastMonth)
			.param("to", THIS_MONTH)
			.query(String.class)
			.list();
		for (int day = 0; day < 20; day++) {
			jdbc.sql("""
					insert into scan_events (scanned_at, brand_id, product_id, identifier, country, first_scan)
					select :at, 1, 11, '/t/X', 'FR', n = 1 from generate_series(1, 3) n""")
				.param("at", lastMonth.plusDays(day).plusHours(10))
				.update();
			jdbc.sql("insert into scan_robot_counts (scanned_at, brand_id, product_id, country, scans) "
					+ "values (:at, 1, 11, 'FR', 2)")
				.param("at", lastMonth.plusDays(day).plusHours(11))
				.update();
		}
		jdbc.sql("update scan_rollup_state set closed_through = :day")
			.param("day", lastMonth.toLocalDate().minusDays(1))
			.update();

		Map<String, Object> first = maintain(jdbc, 1, 2);

		assertThat(first.get("dropped").toString()).doesNotContain(partition("scan_events", -1));
		assertThat(first.get("awaiting_rollup").toString()).contains(partition("scan_events", -1));
		assertThat(count(jdbc, partition("scan_events", -1))).isEqualTo(60);

		String dropped = "";
		for (int run = 0; run < 10 && !dropped.contains(partition("scan_events", -1)); run++) {
			dropped = maintain(jdbc, 1, 2).get("dropped").toString();
		}

		assertThat(dropped).contains(partition("scan_events", -1), partition("scan_robot_counts", -1));
		assertThat(partitions(jdbc, "scan_events")).doesNotContain(partition("scan_events", -1));
		assertThat(jdbc
			.sql("select count(*), sum(scans), sum(first_scans), sum(robot_scans) from scan_daily "
					+ "where brand_id = 1 and product_id = 11 and country = 'FR'")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single()).containsExactly(20L, 60L, 20L, 40L);
		assertThat(jdbc.sql("select sum(scans), sum(robot_scans) from scan_daily_brand where brand_id = 1")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single()).containsExactly(60L, 40L);
		assertThat(jdbc.sql("select sum(scans), sum(robot_scans) from scan_daily_all_brands where country = 'FR'")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single()).containsExactly(60L, 40L);
	}

	@Test
	void recomputesADayOnEveryRunSoRetriesAndLateRowsNeverCountTwice() {
		JdbcClient jdbc = schema(null).jdbc();
		insertScans(jdbc, NOW.minusMinutes(1), 5);
		maintain(jdbc, 13, 2);
		maintain(jdbc, 13, 2);
		assertThat(todaysScans(jdbc)).isEqualTo(5);

		insertScans(jdbc, NOW.minusMinutes(1), 2);
		maintain(jdbc, 13, 2);
		assertThat(todaysScans(jdbc)).isEqualTo(7);

		// A run that fails or is killed before its commit leaves everything as it was.
		try (Connection connection = schemaConnection(jdbc); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("insert into scan_events (scanned_at, brand_id, identifier) values (now(), 3, '/t/Y')");
			statement.execute("select scan_maintenance(13)");
			connection.rollback();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(todaysScans(jdbc)).isEqualTo(7);
	}

	@Test
	void runsOneMaintenanceAtATimeAcrossReplicas() throws SQLException {
		JdbcClient jdbc = schema(null).jdbc();
		try (Connection first = schemaConnection(jdbc); Statement statement = first.createStatement()) {
			first.setAutoCommit(false);
			try (ResultSet rs = statement.executeQuery("select scan_maintenance(13)->>'skipped'")) {
				rs.next();
				assertThat(rs.getString(1)).isEqualTo("false");
			}
			assertThat(maintain(jdbc, 13, 2)).containsEntry("skipped", true);
			first.commit();
		}
		assertThat(maintain(jdbc, 13, 2)).containsEntry("skipped", false);
	}

	@Test
	void rejectsARetentionOutsideItsBoundsAndChangesNothing() {
		JdbcClient jdbc = schema(null).jdbc();
		List<String> before = partitions(jdbc, "scan_events");
		for (int months : new int[] { 0, -1, 1201 }) {
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> maintain(jdbc, months, 2))
				.withMessageContaining("retention_months must be between 1 and 1200, not " + months);
		}
		assertThat(partitions(jdbc, "scan_events")).isEqualTo(before);
	}

	@Test
	void letsOnlyTheConsoleRunTheMaintenanceAndReadTheRollUps() {
		Schema schema = schema(null);
		JdbcClient console = JdbcClient.create(TestPostgres.get().dataSourceAs("dpp_console", schema.schema()));
		JdbcClient resolver = JdbcClient.create(TestPostgres.get().dataSourceAs("dpp_resolver", schema.schema()));

		assertThat(console.sql("select scan_maintenance(13)->>'skipped'").query(String.class).single())
			.isEqualTo("false");
		assertThat(console.sql("select count(*) from scan_daily_brand").query(Long.class).single()).isNotNegative();
		assertThat(console.sql("select count(*) from scan_daily_all_brands").query(Long.class).single())
			.isNotNegative();
		resolver.sql("insert into scan_events (scanned_at, identifier) values (now(), '/t/R')").update();
		resolver.sql("insert into scan_robot_counts (scanned_at, scans) values (now(), 3)").update();

		assertEachFailsWithAPermissionError(resolver, "select scan_maintenance(13)", "select * from scan_daily_brand",
				"select * from scan_events", "select * from scan_events_legacy",
				"insert into scan_events_default (scanned_at, identifier) values (now(), 'x')",
				"select scan_rollup(current_date, current_date + 1)");
		assertEachFailsWithAPermissionError(console, "select * from scan_events", "select * from scan_daily",
				"select scan_rollup(current_date, current_date + 1)",
				"select scan_partition_create('scan_events', now(), now() + interval '1 day')",
				"drop table scan_events_default", "insert into scan_daily_brand (day, scans, first_scans, robot_scans) "
						+ "values (current_date, 1, 1, 1)");
	}

	private static void insertScans(JdbcClient jdbc, OffsetDateTime at, int scans) {
		jdbc.sql("insert into scan_events (scanned_at, brand_id, identifier) "
				+ "select :at, 3, '/t/Y' from generate_series(1, :n)")
			.param("at", at)
			.param("n", scans)
			.update();
	}

	private static long todaysScans(JdbcClient jdbc) {
		return jdbc.sql("select coalesce(sum(scans), 0) from scan_daily where brand_id = 3 and day = :day")
			.param("day", NOW.toLocalDate())
			.query(Long.class)
			.single();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> maintain(JdbcClient jdbc, int retention, int ahead) {
		String json = jdbc.sql("select scan_maintenance(:retention, :ahead)::text")
			.param("retention", retention)
			.param("ahead", ahead)
			.query(String.class)
			.single();
		try {
			return new tools.jackson.databind.json.JsonMapper().readValue(json, Map.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(json, ex);
		}
	}

	private static String partition(String parent, int monthsFromNow) {
		OffsetDateTime month = THIS_MONTH.plusMonths(monthsFromNow);
		return "%s_%04d_%02d".formatted(parent, month.getYear(), month.getMonthValue());
	}

	private static List<String> partitions(JdbcClient jdbc, String parent) {
		return jdbc
			.sql("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
					+ "where i.inhparent = (current_schema() || '.' || :parent)::regclass order by 1")
			.param("parent", parent)
			.query(String.class)
			.list();
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static long relfilenode(JdbcClient jdbc, String table) {
		return jdbc.sql("select pg_relation_filenode((current_schema() || '.' || :table)::regclass)")
			.param("table", table)
			.query(Long.class)
			.single();
	}

	private static Connection schemaConnection(JdbcClient jdbc) throws SQLException {
		String schema = jdbc.sql("select current_schema()").query(String.class).single();
		TestPostgres db = TestPostgres.get();
		String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url, db.username(), db.password())
			.getConnection();
	}

	/**
	 * A schema migrated without the legacy partition (as if its months had long been
	 * dropped), so that months before this one can have partitions of their own.
	 */
	private static JdbcClient schemaWithoutLegacyPartition() {
		JdbcClient jdbc = schema(null).jdbc();
		jdbc.sql("alter table scan_events detach partition scan_events_legacy").update();
		jdbc.sql("drop table scan_events_legacy").update();
		jdbc.sql("delete from scan_partitions where name = 'scan_events_legacy'").update();
		return jdbc;
	}

	/** A schema of its own, migrated up to {@code target} (null: every migration). */
	private static Schema schema(String target) {
		String name = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		Schema schema = new Schema(name);
		schema.migrate(target);
		return schema;
	}

	private record Schema(String name) {

		void migrate(String target) {
			TestPostgres db = TestPostgres.get();
			var configuration = Flyway.configure()
				.dataSource(db.jdbcUrl(), db.username(), db.password())
				.schemas(this.name)
				.defaultSchema(this.name)
				.locations("classpath:db/migration");
			if (target != null) {
				configuration.target(target);
			}
			configuration.load().migrate();
		}

		String url() {
			String base = TestPostgres.get().jdbcUrl();
			return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + this.name;
		}

		DataSource dataSource() {
			TestPostgres db = TestPostgres.get();
			return new SimpleDriverDataSource(new org.postgresql.Driver(), url(), db.username(), db.password());
		}

		JdbcClient jdbc() {
			return JdbcClient.create(dataSource());
		}

		TestPostgres.Schema schema() {
			return new TestPostgres.Schema(this.name, url(), dataSource());
		}

	}

}
