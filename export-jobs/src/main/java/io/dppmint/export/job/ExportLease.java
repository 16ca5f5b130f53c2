package io.dppmint.export.job;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.dppmint.core.background.BackgroundLoop;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.jobs.runner.JobLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to run one export: the export row's lease ({@code exports.lease_owner},
 * {@code lease_expires_at}) for an owner name unique to this holding, renewed in the
 * background every third of its duration while held. Every pack, the completion and a
 * failure are recorded only under the owner ({@link #fence()}), so a process that stalled
 * past its lease records nothing more. Taking over an expired lease (its process died) is
 * audited.
 */
public final class ExportLease implements JobLease {

	private static final Logger log = LoggerFactory.getLogger(ExportLease.class);

	private static final String PROCESS = processName();

	private final JdbcExportRepository exports;

	private final long exportId;

	private final String owner;

	private final BackgroundLoop renewal;

	private ExportLease(JdbcExportRepository exports, long exportId, String owner, Duration duration) {
		this.exports = exports;
		this.exportId = exportId;
		this.owner = owner;
		this.renewal = BackgroundLoop.named("export-lease-" + exportId)
			.maxBackoff(duration.dividedBy(6))
			.rounds((loop) -> {
				if (!exports.renewLease(exportId, owner, duration)) {
					log.warn("Export {}: lease {} is gone; the job stops at its next pack", exportId, owner);
					loop.stop();
				}
				return duration.dividedBy(3);
			});
	}

	/**
	 * Take the lease of a pending export, or of a running one whose lease expired.
	 * @param exports the export rows
	 * @param auditTrail audits a takeover
	 * @param exportId the export
	 * @param duration the lease's duration, renewed every third of it
	 * @return the lease, or empty if another owner's lease is live or the export has
	 * ended
	 */
	static Optional<ExportLease> tryAcquire(JdbcExportRepository exports, ExportAuditTrail auditTrail, long exportId,
			Duration duration) {
		Export before = exports.find(exportId).orElse(null);
		if (before == null || before.status().isFinal()) {
			return Optional.empty();
		}
		String owner = PROCESS + "/" + UUID.randomUUID();
		if (exports.acquireLease(exportId, owner, duration).isEmpty()) {
			return Optional.empty();
		}
		if (before.leaseOwner() != null) {
			log.info("Export {}: taking over the lease {} left (it expired at {})", exportId, before.leaseOwner(),
					before.leaseExpiresAt());
			auditTrail.leaseTakenOver(before, before.leaseOwner());
		}
		ExportLease lease = new ExportLease(exports, exportId, owner, duration);
		lease.renewal.start();
		return Optional.of(lease);
	}

	/** The owner name this holding records under. */
	@Override
	public String fence() {
		return this.owner;
	}

	/** Stop renewing and give the lease up (the export stays as it is, to be resumed). */
	@Override
	public void close() {
		this.renewal.stop();
		this.exports.releaseLease(this.exportId, this.owner);
	}

	@Override
	public String toString() {
		return "export " + this.exportId + " lease " + this.owner;
	}

	private static String processName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
	}

}
