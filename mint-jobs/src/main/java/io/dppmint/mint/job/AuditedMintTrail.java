package io.dppmint.mint.job;

import java.util.HashMap;
import java.util.Map;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;

import org.springframework.stereotype.Component;

/**
 * Writes the mint job's events to the platform's audit log, as the {@code system} actor.
 */
@Component
class AuditedMintTrail implements MintAuditTrail {

	private static final String ACTOR = "system:mint-jobs";

	private final AuditLog auditLog;

	AuditedMintTrail(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@Override
	public void transition(MintBatch batch, MintBatchStatus from, MintBatchStatus to, String reason) {
		Map<String, Object> details = new HashMap<>();
		details.put("from", from.value());
		details.put("to", to.value());
		if (reason != null) {
			details.put("reason", reason);
		}
		record(batch, (to == MintBatchStatus.FAILED) ? "failed" : "status_changed", details);
	}

	@Override
	public void restarted(MintBatch batch, long jobExecutionId, int attempt) {
		record(batch, "restarted", Map.of("jobExecutionId", jobExecutionId, "attempt", attempt));
	}

	@Override
	public void recovered(MintBatch batch, long jobExecutionId) {
		record(batch, "recovered", Map.of("jobExecutionId", jobExecutionId));
	}

	private void record(MintBatch batch, String action, Map<String, Object> details) {
		this.auditLog
			.record(new AuditEvent(batch.brandId(), "batch", Long.toString(batch.id()), action, ACTOR, details));
	}

}
