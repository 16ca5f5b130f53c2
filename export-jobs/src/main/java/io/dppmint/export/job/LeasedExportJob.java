package io.dppmint.export.job;

import java.time.Duration;
import java.util.Optional;

import io.dppmint.core.export.Export;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.jobs.runner.LeasedJob;

/**
 * The export job as the job toolkit runs it: an export has work while it is pending or
 * running, runs under its {@link ExportLease}, and its fate is the export's status. A
 * failure is recorded only by the lease's owner.
 */
public class LeasedExportJob implements LeasedJob<ExportLease> {

	private final JdbcExportRepository exports;

	private final ExportAuditTrail auditTrail;

	private final Duration leaseDuration;

	LeasedExportJob(JdbcExportRepository exports, ExportAuditTrail auditTrail, Duration leaseDuration) {
		this.exports = exports;
		this.auditTrail = auditTrail;
		this.leaseDuration = leaseDuration;
	}

	@Override
	public String subject() {
		return "Export";
	}

	@Override
	public boolean unfinished(long exportId) {
		return this.exports.find(exportId).map((export) -> !export.status().isFinal()).orElse(false);
	}

	@Override
	public Optional<ExportLease> tryLease(long exportId) {
		return ExportLease.tryAcquire(this.exports, this.auditTrail, exportId, this.leaseDuration);
	}

	@Override
	public void failed(long exportId, ExportLease lease, String reason) {
		Export export = this.exports.find(exportId).orElse(null);
		if (export != null && this.exports.markFailed(exportId, reason, lease.fence())) {
			this.auditTrail.failed(export, reason);
		}
	}

}
