package io.dppmint.console.scans;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention of raw scan events and the maintenance that enforces it (the database
 * function {@code scan_maintenance}, see docs/operations.md). Invalid values stop the
 * console at start with a message naming the setting.
 *
 * @param retentionMonths calendar months of raw scan events kept, this month included
 * (13: this month and the twelve before it, a year-on-year comparison); older months are
 * dropped once their daily roll-ups are complete, and the roll-ups are kept
 * @param monthsAhead months after this one that get their partitions ahead of time
 * @param maintenanceInterval how often the maintenance runs (roll-ups of today and any
 * day not yet closed, partitions ahead, drops): also how old today's figures on the
 * dashboard may be
 * @param maintenanceEnabled whether this console runs the maintenance (any number of
 * replicas may: one run at a time, the others skip)
 */
@ConfigurationProperties("dpp.scans")
public record ScansProperties(@DefaultValue("13") int retentionMonths, @DefaultValue("2") int monthsAhead,
		@DefaultValue("5m") Duration maintenanceInterval, @DefaultValue("true") boolean maintenanceEnabled) {

	public ScansProperties {
		if (retentionMonths < 1 || retentionMonths > 1200) {
			throw new IllegalArgumentException("dpp.scans.retention-months must be between 1 and 1200 (calendar months "
					+ "of raw scan events kept, this month included), not " + retentionMonths);
		}
		if (monthsAhead < 1 || monthsAhead > 24) {
			throw new IllegalArgumentException("dpp.scans.months-ahead must be between 1 and 24, not " + monthsAhead);
		}
		if (maintenanceInterval.compareTo(Duration.ofSeconds(1)) < 0
				|| maintenanceInterval.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException(
					"dpp.scans.maintenance-interval must be between 1s and 1d, not " + maintenanceInterval);
		}
	}

}
