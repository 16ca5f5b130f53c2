package io.dppmint.export.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the export job.
 *
 * @param retryLimit retries of a pack after a transient database error
 * @param fetchSize token rows fetched per round trip while a pack streams
 * @param packDelay a pause before each pack (zero in production; tests slow an export
 * down with it to interrupt it mid-way)
 */
@ConfigurationProperties("dpp.export.job")
public record ExportJobProperties(@DefaultValue("3") int retryLimit, @DefaultValue("10000") int fetchSize,
		@DefaultValue("0s") Duration packDelay) {

}
