package io.dppmint.core.audit;

import java.time.Instant;

/**
 * A signed statement of where the audit chain stood: the event at {@code position} had
 * {@code hash}. Kept outside the database ({@link AuditCheckpointFile}), it is what makes
 * a wiped chain, a removed tail or a rebuilt chain detectable: the database's owner can
 * change the database, but neither this statement nor a valid signature for another.
 *
 * @param position the chain position of the last event it covers (0: an empty chain)
 * @param hash that event's hash
 * @param unkeyedEnd the last position of the chain's unkeyed prefix (sealed before the
 * audit key existed), 0 for none
 * @param writtenAt when it was made
 */
public record AuditCheckpoint(long position, String hash, long unkeyedEnd, Instant writtenAt) {

	static final String GENESIS = "0".repeat(64);

	/** The checkpoint of an empty chain. */
	static AuditCheckpoint empty(Instant at) {
		return new AuditCheckpoint(0, GENESIS, 0, at);
	}

}
