package io.dppmint.console.audit;

import java.time.Instant;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.core.audit.AuditChainMonitor;
import io.dppmint.core.audit.AuditVerification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whether the audit chain verifies, as the console's scheduled verification last found
 * (operators only: it is about the whole platform). The same outcome is the console's
 * {@code auditChain} health component and the status line of the Activity tab.
 */
@RestController
@RequestMapping("/api/v1/audit-chain")
@Tag(name = "Audit", description = "The append-only, hash-chained activity log")
class AuditChainController {

	private final ObjectProvider<AuditChainMonitor> monitor;

	AuditChainController(ObjectProvider<AuditChainMonitor> monitor) {
		this.monitor = monitor;
	}

	@GetMapping
	@Operation(summary = "The outcome of the last scheduled verification of the audit chain (operators)")
	AuditChainStatus status(Caller caller) {
		if (!caller.isOperator()) {
			throw ApiException.forbidden("Only operators see the audit chain's verification");
		}
		return status();
	}

	/** The last verification's outcome as the console shows it. */
	AuditChainStatus status() {
		AuditChainMonitor current = this.monitor.getIfAvailable();
		if (current == null) {
			return new AuditChainStatus("off", null, null, null, null, null,
					"This console does not verify the audit chain (dpp.audit.verification.enabled=false)");
		}
		AuditVerification latest = current.latest();
		if (latest == null) {
			return new AuditChainStatus("pending", null, null, null, null, null,
					"The first verification of the audit chain has not finished yet");
		}
		String checkpoint = (latest.checkpointPosition() != null)
				? "against the checkpoint at position " + latest.checkpointPosition()
				: "without a checkpoint (a wiped or truncated chain cannot be told from a young one)";
		return latest.intact()
				? new AuditChainStatus("intact", latest.verifiedAt(), latest.position(), latest.checkpointPosition(),
						null, null,
						"Every sealed event up to position " + latest.position() + " verifies, " + checkpoint)
				: new AuditChainStatus("broken", latest.verifiedAt(), latest.position(), latest.checkpointPosition(),
						latest.brokenAt(), latest.problem(), "The audit chain does NOT verify: " + latest.problem());
	}

	/**
	 * The audit chain's verification.
	 *
	 * @param status {@code intact}, {@code broken}, {@code pending} (not verified yet) or
	 * {@code off}
	 * @param verifiedAt when it was last verified
	 * @param position the last chain position found intact
	 * @param checkpointPosition the position of the checkpoint it was held against, or
	 * {@code null} for none
	 * @param firstBadPosition the first position that does not verify, when broken
	 * @param problem what is wrong there, when broken
	 * @param summary a sentence for people
	 */
	record AuditChainStatus(String status, Instant verifiedAt, Long position, Long checkpointPosition,
			Long firstBadPosition, String problem, String summary) {

		public boolean intact() {
			return "intact".equals(this.status);
		}

		public boolean broken() {
			return "broken".equals(this.status);
		}

	}

}
