package io.dppmint.resolver.telemetry;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scan telemetry buffering.
 *
 * @param queueCapacity scans held in memory awaiting the writer; when full, new scans are
 * dropped and counted (a scan never waits for telemetry)
 * @param maxBatch most scans written by one {@code COPY}
 * @param flushInterval how long the writer gathers scans before one {@code COPY} (less
 * when {@code maxBatch} are already waiting): about the last scans a crash can lose
 * @param queueBytes most heap the queued scans may take (their texts, cut to what the
 * table keeps, and a fixed cost each); beyond it new scans are dropped and counted
 * @param retryEvery while the primary is unavailable, how often the writer tries the
 * batch it holds again
 */
@ConfigurationProperties("dpp.resolver.telemetry")
record TelemetryProperties(@DefaultValue("100000") int queueCapacity, @DefaultValue("5000") int maxBatch,
		@DefaultValue("200ms") Duration flushInterval, @DefaultValue("64MB") DataSize queueBytes,
		@DefaultValue("1s") Duration retryEvery) {

}
