package io.dppmint.mint.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatchStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges of the platform's state as the database holds it, read by one background loop at
 * a modest interval and served from memory, so a scrape (or many Prometheus servers
 * scraping) never queries the database:
 * <ul>
 * <li>{@code dpp.mint.batches}, tag {@code status} (queued, processing, minted, failed):
 * batches in each status.</li>
 * <li>{@code dpp.audit.unsealed.events}: audit events committed but not chained yet.</li>
 * <li>{@code dpp.audit.unsealed.age} (seconds): how long the oldest of them has waited,
 * the audit chain's lag.</li>
 * </ul>
 * Each value is the database's as of the last refresh; the refresh age is
 * {@code dpp.metrics.refresh.age}.
 */
final class PlatformGauges {

	private final JdbcMintBatchRepository batches;

	private final AuditLog auditLog;

	private final Map<MintBatchStatus, AtomicLong> batchesByStatus = new EnumMap<>(MintBatchStatus.class);

	private final AtomicLong unsealedEvents = new AtomicLong();

	private volatile double unsealedAge;

	private volatile long refreshedAt;

	PlatformGauges(JdbcMintBatchRepository batches, AuditLog auditLog, MeterRegistry meters) {
		this.batches = batches;
		this.auditLog = auditLog;
		for (MintBatchStatus status : MintBatchStatus.values()) {
			AtomicLong count = new AtomicLong();
			this.batchesByStatus.put(status, count);
			Gauge.builder("dpp.mint.batches", count, AtomicLong::get)
				.tag("status", status.value())
				.description("Mint batches in each status, as of the last refresh")
				.register(meters);
		}
		Gauge.builder("dpp.audit.unsealed.events", this.unsealedEvents, AtomicLong::get)
			.description("Audit events committed but not sealed into the chain yet")
			.register(meters);
		Gauge.builder("dpp.audit.unsealed.age", this, (gauges) -> gauges.unsealedAge)
			.baseUnit("seconds")
			.description("How long the oldest unsealed audit event has waited: the audit chain's lag")
			.register(meters);
		Gauge
			.builder("dpp.metrics.refresh.age", this,
					(gauges) -> (gauges.refreshedAt == 0) ? Double.NaN
							: (System.currentTimeMillis() - gauges.refreshedAt) / 1000.0)
			.baseUnit("seconds")
			.description("Seconds since the database gauges were last read")
			.register(meters);
	}

	/** Read the database once and update every gauge. */
	void refresh() {
		Map<MintBatchStatus, Long> counts = this.batches.countByStatus();
		counts.forEach((status, count) -> this.batchesByStatus.get(status).set(count));
		AuditLog.Unsealed unsealed = this.auditLog.unsealed();
		this.unsealedEvents.set(unsealed.events());
		this.unsealedAge = unsealed.oldestSeconds();
		this.refreshedAt = System.currentTimeMillis();
	}

}
