package io.dppmint.resolver.telemetry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scan telemetry buffering.
 *
 * @param queueCapacity scans held in memory awaiting the writer; when full, new scans are
 * dropped and counted (a scan never waits for telemetry)
 * @param maxBatch most scans written by one {@code COPY}
 * @param flushInterval longest a scan waits in the queue when traffic is low
 */
@ConfigurationProperties("dpp.resolver.telemetry")
record TelemetryProperties(@DefaultValue("100000") int queueCapacity, @DefaultValue("5000") int maxBatch,
		@DefaultValue("200ms") Duration flushInterval) {

}
