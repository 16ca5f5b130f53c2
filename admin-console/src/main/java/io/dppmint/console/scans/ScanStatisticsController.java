package io.dppmint.console.scans;

import java.time.LocalDate;
import java.time.ZoneOffset;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.scans.ScanStatistics.Statistics;
import io.dppmint.console.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scan statistics of the caller's brands over the last days, from the daily roll-ups.
 */
@RestController
@Tag(name = "Scans", description = "Scan statistics from the daily roll-ups")
class ScanStatisticsController {

	private final ScanStatistics statistics;

	ScanStatisticsController(ScanStatistics statistics) {
		this.statistics = statistics;
	}

	@GetMapping("/api/v1/scan-statistics")
	@Operation(summary = "Scans per day, first scans, robot scans and top countries of the last days (UTC, today "
			+ "included; today's figures are at most one maintenance interval old)")
	Statistics statistics(Caller caller, @Parameter(
			description = "how many days, today included (1 to 366)") @RequestParam(defaultValue = "30") int days) {
		if (days < 1 || days > ScanStatistics.MAX_DAYS) {
			throw ApiException.invalid("days", "OUT_OF_RANGE",
					"days must be between 1 and " + ScanStatistics.MAX_DAYS + ", not " + days);
		}
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		return this.statistics.of(caller.scope(), today.minusDays(days - 1), today);
	}

}
