package io.dppmint.mint.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the mint job.
 *
 * @param chunkSize units per chunk (one transaction, one COPY): the product's "cycle" of
 * at most 20,000 units
 * @param partitionSize units per partition; a batch is cut into {@code ceil(quantity /
 * partitionSize)} partitions when it first runs
 * @param partitionThreads partitions written at once in this process, across all running
 * jobs
 * @param retryLimit retries of a chunk after a transient database error
 * @param role what this process does: {@code standalone} (default), {@code manager} or
 * {@code worker} (see {@link MintRole}); bound here so that a misspelt role fails
 * start-up
 */
@ConfigurationProperties("dpp.mint")
public record MintJobProperties(@DefaultValue("20000") int chunkSize, @DefaultValue("500") int rangeUnits,
		@DefaultValue("100000") int partitionSize, @DefaultValue("4") int partitionThreads,
		@DefaultValue("3") int retryLimit, @DefaultValue("standalone") MintRole role) {

	public MintJobProperties {
		if (chunkSize < 1 || chunkSize > 20_000) {
			throw new IllegalArgumentException("dpp.mint.chunk-size must be 1..20000, not " + chunkSize);
		}
		if (rangeUnits < 1 || chunkSize % rangeUnits != 0) {
			throw new IllegalArgumentException("dpp.mint.range-units must divide dpp.mint.chunk-size");
		}
		if (partitionSize < chunkSize) {
			throw new IllegalArgumentException("dpp.mint.partition-size must be at least the chunk size");
		}
		if (partitionThreads < 1) {
			throw new IllegalArgumentException("dpp.mint.partition-threads must be positive");
		}
	}

}
