package io.dppmint.console.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.tenancy.BrandScope;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run ledger on the real PostgreSQL: a fire time is claimed once, whoever asks a
 * second time (a trigger delivered twice, a second replica) is refused, and a deleted
 * schedule cannot be claimed.
 */
class JdbcSchedulesIntegrationTests {

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	private final JdbcSchedules schedules = new JdbcSchedules(this.jdbc);

	@Test
	void claimsAFireTimeOnceAndRecordsItsOutcome() {
		long brandId = this.fixtures.aProduct().create().brandId();
		long id = this.schedules.insert(brandId, "Nightly", ScheduleKind.EXPORT_MINTED,
				CronSchedule.parse("0 0 2 * * ?", "UTC"), true, "test");
		Instant fireTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		boolean first = this.schedules.claimRun(id, fireTime, "replica-a");
		boolean second = this.schedules.claimRun(id, fireTime, "replica-b");
		this.schedules.finishRun(id, fireTime, "succeeded", "exports queued: 0");

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		assertThat(this.schedules.runs(id, 10)).singleElement().satisfies((run) -> {
			assertThat(run.fireTime()).isEqualTo(fireTime);
			assertThat(run.instance()).isEqualTo("replica-a");
			assertThat(run.outcome()).isEqualTo("succeeded");
			assertThat(run.finishedAt()).isNotNull();
		});
		assertThat(this.schedules.claimRun(id, fireTime.plusSeconds(1), "replica-b")).isTrue();
		assertThat(this.schedules.find(BrandScope.of(brandId + 1), id, false)).isEmpty();

		this.schedules.delete(id);
		assertThat(this.schedules.claimRun(id, fireTime.plusSeconds(2), "replica-a")).isFalse();
		assertThat(this.schedules.find(BrandScope.everyBrand(), id, false)).isEmpty();
	}

}
