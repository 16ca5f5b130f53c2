package io.dppmint.resolver.telemetry;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScanTelemetryTests {

	@Test
	void writesCsvRowsWithQuotedTextEmptyNullsAndNoControlCharacters() {
		ScanEvent event = new ScanEvent(Instant.parse("2026-01-02T03:04:05Z"), 7L, 8L, 9L, "/t/ABC", "10.1.2.0/24",
				"DE", null, "Agent \"x\"\n\u0000y", true, 5L);
		ScanEvent product = new ScanEvent(Instant.parse("2026-01-02T03:04:06Z"), null, null, 9L, "/01/09506000134352",
				null, null, null, null, false, null);

		StringBuilder csv = new StringBuilder();
		ScanTelemetry.row(csv, event);
		ScanTelemetry.row(csv, product);

		assertThat(csv.toString()).isEqualTo("""
				2026-01-02T03:04:05Z,7,8,9,"/t/ABC","10.1.2.0/24","DE",,"Agent ""x""  y",t,5
				2026-01-02T03:04:06Z,,,9,"/01/09506000134352",,,,,f,
				""");
	}

	@Test
	void shortensUserAgentsWithoutSplittingASurrogatePair() {
		String agent = "a".repeat(511) + "\uD83D\uDE00";
		ScanEvent event = new ScanEvent(Instant.EPOCH, 1L, 1L, 1L, "/t/X", null, null, null, agent, false, null);

		StringBuilder csv = new StringBuilder();
		ScanTelemetry.row(csv, event);

		assertThat(csv.toString()).contains("\"" + "a".repeat(511) + "\"");
	}

	@Test
	void cutsUserAgentsBeforeTheyAreQueuedAndWeighsWhatIsKept() {
		String huge = "Mozilla/5.0 ".repeat(100_000);
		ScanEvent event = new ScanEvent(Instant.EPOCH, 1L, 1L, 1L, "/t/X", "10.0.0.0/24", null, null, huge, false,
				null);

		ScanEvent queued = ScanTelemetry.bounded(event);

		assertThat(queued.userAgent()).hasSize(ScanTelemetry.MAX_USER_AGENT);
		assertThat(ScanTelemetry.bytes(queued)).isLessThan(2_000);
	}

	@Test
	void refusesEventsBeyondItsByteBudgetWhateverTheirUserAgents() {
		ScanTelemetry telemetry = new ScanTelemetry(null,
				new TelemetryProperties(1_000_000, 5_000, java.time.Duration.ofSeconds(1),
						org.springframework.util.unit.DataSize.ofKilobytes(100), java.time.Duration.ofSeconds(1)));
		String agent = "x".repeat(100_000);
		int queued = 0;
		for (int i = 0; i < 10_000; i++) {
			if (telemetry
				.record(new ScanEvent(Instant.EPOCH, 1L, 1L, 1L, "/t/X", null, null, null, agent, false, null))) {
				queued++;
			}
		}

		assertThat(queued).isBetween(50, 100);
		assertThat(telemetry.queuedBytes()).isLessThanOrEqualTo(100 * 1024);
		assertThat(telemetry.dropped()).isEqualTo(10_000 - queued);
	}

}
