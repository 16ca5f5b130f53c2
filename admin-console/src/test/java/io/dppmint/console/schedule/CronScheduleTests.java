package io.dppmint.console.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CronScheduleTests {

	@Test
	void nextRunsFollowTheTimeZoneAndSkipATimeThatDoesNotExist() {
		CronSchedule nightly = CronSchedule.parse(" 0 0 2 * * ? ", "Europe/Berlin");
		// 2026-03-29: Berlin moves from UTC+1 to UTC+2 at 02:00, so 02:00 does not exist
		// that day and Quartz does not fire then (docs/operations.md says so: pick a time
		// outside the change hour, or UTC). The next runs shown are what Quartz fires.
		Instant before = Instant.parse("2026-03-27T12:00:00Z");

		assertThat(nightly.expression()).isEqualTo("0 0 2 * * ?");
		assertThat(nightly.nextRuns(before, 3)).containsExactly(Instant.parse("2026-03-28T01:00:00Z"),
				Instant.parse("2026-03-30T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z"));
		assertThat(CronSchedule.parse("0 0 4 * * ?", "Europe/Berlin").nextRuns(before, 3)).containsExactly(
				Instant.parse("2026-03-28T03:00:00Z"), Instant.parse("2026-03-29T02:00:00Z"),
				Instant.parse("2026-03-30T02:00:00Z"));
	}

	@Test
	void defaultsToUtcAndMeasuresTheShortestGap() {
		CronSchedule weekdays = CronSchedule.parse("0 30 4 ? * MON-FRI", null);

		assertThat(weekdays.zone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(weekdays.shortestGap(Instant.parse("2026-12-04T00:00:00Z"), 10)).isEqualTo(Duration.ofDays(1));
		assertThat(CronSchedule.parse("0 */5 * * * ?", "UTC").shortestGap(Instant.now(), 10))
			.isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void namesTheFieldAndTheProblem() {
		assertThatExceptionOfType(InvalidScheduleException.class).isThrownBy(() -> CronSchedule.parse("", "UTC"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("REQUIRED"));
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> CronSchedule.parse("0 0 25 * * ?", "UTC"))
			.satisfies((ex) -> {
				assertThat(ex.field()).isEqualTo("cron");
				assertThat(ex.code()).isEqualTo("INVALID_CRON");
				assertThat(ex.getMessage()).startsWith("'0 0 25 * * ?' is not a valid cron expression");
			});
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> CronSchedule.parse("0 0 2 * * ?", "Europe/Atlantis"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("timeZone"));
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> CronSchedule.parse("0 0 2 * * ?" + " ".repeat(10) + "0".repeat(120), "UTC"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("TOO_LONG"));
		assertThatExceptionOfType(InvalidScheduleException.class).isThrownBy(() -> ScheduleKind.fromCode("purge"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("export_minted, restart_failed_mints"));
	}

}
