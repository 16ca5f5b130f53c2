package io.dppmint.mint.job;

import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;

/**
 * The audit events the mint job writes: status transitions, restarts and failures of a
 * batch.
 */
public interface MintAuditTrail {

	void transition(MintBatch batch, MintBatchStatus from, MintBatchStatus to, String reason);

	void restarted(MintBatch batch, long jobExecutionId, int attempt);

	void recovered(MintBatch batch, long jobExecutionId);

}
