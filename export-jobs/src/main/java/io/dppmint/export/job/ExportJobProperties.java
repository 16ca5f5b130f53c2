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
 * @param packsAhead packs written in the background ahead of the one being committed
 * (each holds a database connection while it streams); 0 writes one pack at a time
 * @param packsPerChunk packs committed together in one transaction (one chunk): 2 packs
 * are the product's 20,000-unit cycle; more packs cost fewer disk and WAL syncs, and an
 * interrupted export writes again at most the packs of the chunk it was in
 */
@ConfigurationProperties("dpp.export.job")
public record ExportJobProperties(@DefaultValue("3") int retryLimit, @DefaultValue("10000") int fetchSize,
		@DefaultValue("0s") Duration packDelay, @DefaultValue("2") int packsAhead,
		@DefaultValue("2") int packsPerChunk) {

	public ExportJobProperties {
		if (retryLimit < 0 || fetchSize < 1 || packDelay.isNegative() || packsAhead < 0 || packsAhead > 8
				|| packsPerChunk < 1 || packsPerChunk > 10) {
			throw new IllegalArgumentException("dpp.export.job: retry-limit >= 0, fetch-size >= 1, pack-delay >= 0,"
					+ " packs-ahead 0..8 and packs-per-chunk 1..10 expected");
		}
	}

}
