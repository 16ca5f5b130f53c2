package io.dppmint.core.audit;

import java.time.Instant;

/**
 * The outcome of verifying the audit chain.
 *
 * @param intact whether every link checked out, and the head and the checkpoint agree
 * @param position the last chain position found intact (0: none)
 * @param hash that event's hash
 * @param unkeyedEnd the last position of the chain's unkeyed prefix (sealed before the
 * audit key existed), 0 for none
 * @param eventsChecked how many events this verification checked
 * @param brokenAt chain position of the first problem, or {@code null}
 * @param problem what is wrong there, or {@code null}
 * @param checkpointPosition the position of the checkpoint the chain was held against, or
 * {@code null} when there was none
 * @param full whether the whole chain was walked (or only what was sealed since the last
 * verification)
 * @param verifiedAt when
 */
public record AuditVerification(boolean intact, long position, String hash, long unkeyedEnd, long eventsChecked,
		Long brokenAt, String problem, Long checkpointPosition, boolean full, Instant verifiedAt) {

	/** Where this verification ended, for the next one to start from. */
	public AuditChainVerifier.Anchor anchor() {
		return new AuditChainVerifier.Anchor(this.position, this.hash, this.unkeyedEnd);
	}

	/**
	 * A verification that could not walk the chain at all (its checkpoint is invalid).
	 */
	static AuditVerification refused(String problem, Instant at) {
		return new AuditVerification(false, 0, AuditChainSealer.GENESIS, 0, 0, null, problem, null, false, at);
	}

}
