package io.dppmint.core.audit;

/**
 * The outcome of verifying the audit chain.
 *
 * @param intact whether every sealed event and the head check out
 * @param eventsVerified events verified before the first problem (all of them when
 * intact)
 * @param brokenAt chain position of the first problem, or {@code null}
 * @param problem what is wrong there, or {@code null}
 */
public record AuditVerification(boolean intact, long eventsVerified, Long brokenAt, String problem) {

	static AuditVerification intact(long events) {
		return new AuditVerification(true, events, null, null);
	}

	static AuditVerification broken(long verified, long at, String problem) {
		return new AuditVerification(false, verified, at, problem);
	}

}
