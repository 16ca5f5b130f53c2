package io.dppmint.console;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.console.Http.Response;
import io.dppmint.console.scans.ScanMaintenance;
import io.dppmint.console.scans.ScansProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Scan statistics over real HTTP on the real test PostgreSQL: raw scans of today rolled
 * up by the console's own maintenance (as its database role), an older day known only
 * from its roll-up (its raw events long dropped), each brand seeing only its own scans,
 * the range switch, and refused ranges.
 */
class ScanStatisticsIntegrationTests extends ApiTestSupport {

	@Autowired
	ScanMaintenance maintenance;

	@Test
	void showsTheBrandsScansFirstScansRobotShareAndCountriesFromTheRollUps() throws Exception {
		Tenant tenant = tenant();
		Tenant other = tenant();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		LocalDate today = now.toLocalDate();
		scans(tenant, "DE", 3, 2);
		scans(tenant, "FR", 2, 0);
		scans(tenant, null, 1, 0);
		scans(other, "US", 100, 10);
		this.jdbc
			.sql("insert into scan_robot_counts (scanned_at, brand_id, product_id, country, scans) "
					+ "values (now(), :brand, :product, 'DE', 6)")
			.param("brand", tenant.brandId())
			.param("product", tenant.ready().id())
			.update();
		// A day rolled up long ago, its raw events dropped since (as the roll-up left
		// it).
		this.jdbc.sql("""
				with brand as (
					insert into scan_daily_brand (day, brand_id, country, scans, first_scans, robot_scans)
					values (:day, :brand, 'PT', 7, 1, 0))
				insert into scan_daily_all_brands (day, country, scans, first_scans, robot_scans)
				values (:day, 'PT', 7, 1, 0)
				on conflict (day, country) do update set scans = scan_daily_all_brands.scans + 7,
					first_scans = scan_daily_all_brands.first_scans + 1""")
			.param("day", today.minusDays(10))
			.param("brand", tenant.brandId())
			.update();

		maintain();

		JsonNode month = api(tenant).get("/api/v1/scan-statistics?days=30").json();
		assertThat(month.path("scans").asLong()).isEqualTo(13);
		assertThat(month.path("firstScans").asLong()).isEqualTo(3);
		assertThat(month.path("robotScans").asLong()).isEqualTo(6);
		assertThat(month.path("days").size()).isEqualTo(30);
		assertThat(month.path("days").get(29).path("day").asString()).isEqualTo(today.toString());
		assertThat(month.path("days").get(29).path("scans").asLong()).isEqualTo(6);
		assertThat(month.path("days").get(19).path("scans").asLong()).isEqualTo(7);
		assertThat(
				month.path("topCountries")
					.valueStream()
					.map((c) -> c.path("country").asString("unknown") + "=" + c.path("scans").asLong() + "/"
							+ c.path("robotScans").asLong()))
			.containsExactly("PT=7/0", "DE=3/6", "FR=2/0", "unknown=1/0");
		JsonNode week = api(tenant).get("/api/v1/scan-statistics?days=7").json();
		assertThat(week.path("scans").asLong()).isEqualTo(6);
		assertThat(week.path("days").size()).isEqualTo(7);

		Http owner = login(tenant.owner(), tenant.password());
		Response dashboard = owner.page("/mint");
		assertThat(dashboard.status()).isEqualTo(200);
		assertThat(figure(dashboard.body(), "scans")).isEqualTo("13");
		assertThat(figure(dashboard.body(), "first-scans")).isEqualTo("3");
		assertThat(figure(dashboard.body(), "robot-share")).isEqualTo("31.6 %");
		assertThat(dashboard.body()).contains("data-country=\"PT\"", "data-country=\"DE\"")
			.doesNotContain("data-country=\"US\"");
		Response weekFragment = owner.fragment("/mint/scans?days=7");
		assertThat(figure(weekFragment.body(), "scans")).isEqualTo("6");
		assertThat(weekFragment.body()).doesNotContain("data-country=\"PT\"")
			.containsPattern("aria-current=\"true\"[^>]*>7 days");

		Http otherOwner = login(other.owner(), other.password());
		assertThat(figure(otherOwner.page("/mint").body(), "scans")).isEqualTo("100");

		String operatorPassword = "operator-password-1";
		Http operator = login(operator(operatorPassword), operatorPassword);
		assertThat(Long.parseLong(figure(operator.page("/mint").body(), "scans").replace(",", "")))
			.isGreaterThanOrEqualTo(113);
	}

	@Test
	void refusesARangeOutsideOneTo366Days() {
		Tenant tenant = tenant();
		for (String days : new String[] { "0", "367", "-3", "many" }) {
			Response refused = api(tenant).get("/api/v1/scan-statistics?days=" + days);
			assertThat(refused.status()).as(days).isEqualTo(400);
			assertThat(refused.isProblem()).as(days).isTrue();
			assertThat(refused.errorFields()).as(days).containsExactly("days");
		}
		Response page = login(tenant.owner(), tenant.password()).page("/mint?days=12345");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).containsPattern("aria-current=\"true\"[^>]*>30 days");
	}

	@Test
	void refusesARetentionOutsideItsBoundsNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScansProperties(0, 2, java.time.Duration.ofMinutes(5), true))
			.withMessageContaining("dpp.scans.retention-months must be between 1 and 1200");
		assertThatIllegalArgumentException().isThrownBy(() -> new ScansProperties(13, 2, java.time.Duration.ZERO, true))
			.withMessageContaining("dpp.scans.maintenance-interval");
	}

	private void scans(Tenant tenant, String country, int scans, int firstScans) {
		this.jdbc.sql("""
				insert into scan_events (scanned_at, brand_id, product_id, identifier, country, first_scan)
				select now() - interval '1 second', :brand, :product, '/t/STATS', :country, n <= :first
				from generate_series(1, :scans) n""")
			.param("brand", tenant.brandId())
			.param("product", tenant.ready().id())
			.param("country", country)
			.param("first", firstScans)
			.param("scans", scans)
			.update();
	}

	/** Run the console's maintenance until this run was not skipped for another's. */
	private void maintain() throws InterruptedException {
		for (int attempt = 0; attempt < 100; attempt++) {
			if (this.maintenance.run().contains("\"skipped\": false")) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The scan maintenance was skipped 100 times");
	}

	private static String figure(String html, String name) {
		Matcher matcher = Pattern.compile("data-scans=\"" + name + "\">([^<]*)<").matcher(html);
		assertThat(matcher.find()).as(name).isTrue();
		return matcher.group(1);
	}

}
