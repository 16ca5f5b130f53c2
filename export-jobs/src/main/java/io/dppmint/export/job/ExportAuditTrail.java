package io.dppmint.export.job;

import java.util.HashMap;
import java.util.Map;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportPack;

/**
 * Writes the export job's events to the platform's audit log as the export-jobs system
 * actor, each in the transaction of the change it describes: start (or resume), every
 * pack, completion, failure, and the takeover of a lease left by a dead process.
 */
public class ExportAuditTrail {

	private static final String ACTOR = "system:export-jobs";

	private final AuditLog auditLog;

	public ExportAuditTrail(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	void started(Export export, int packsDone) {
		record(export, (packsDone == 0) ? "started" : "resumed",
				Map.of("batchId", export.batchId(), "packCount", export.packCount(), "packsDone", packsDone));
	}

	void packCompleted(Export export, ExportPack pack) {
		record(export, "pack_completed", Map.of("pack", pack.packNumber(), "rows", pack.rowCount(), "bytes",
				pack.byteSize(), "sha256", pack.sha256()));
	}

	void completed(Export export, String manifestSha256) {
		record(export, "completed", Map.of("packCount", export.packCount(), "manifestSha256", manifestSha256));
	}

	public void failed(Export export, String reason) {
		Map<String, Object> details = new HashMap<>();
		details.put("reason", (reason != null) ? reason : "unknown");
		record(export, "failed", details);
	}

	public void leaseTakenOver(Export export, String previousOwner) {
		record(export, "lease_taken_over", Map.of("previousOwner", previousOwner));
	}

	private void record(Export export, String action, Map<String, Object> details) {
		this.auditLog
			.record(new AuditEvent(export.brandId(), "export", Long.toString(export.id()), action, ACTOR, details));
	}

}
