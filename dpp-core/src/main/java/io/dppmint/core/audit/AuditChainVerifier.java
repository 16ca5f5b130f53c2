package io.dppmint.core.audit;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the sealed audit chain in order, with bounded memory (a server-side cursor), and
 * recomputes every link: an edited event breaks its own hash, a deleted one leaves a gap
 * in the positions (or a previous-hash mismatch), a deleted tail disagrees with the chain
 * head.
 */
public class AuditChainVerifier {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	public AuditChainVerifier(DataSource dataSource, TransactionTemplate transactions) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(1_000);
		this.transactions = transactions;
	}

	/** Verify the whole chain. */
	public AuditVerification verify() {
		// A cursor needs a transaction; so does a consistent view of events and head.
		return this.transactions.execute((status) -> {
			Walk walk = new Walk();
			this.jdbc.query("select " + AuditChainSealer.EVENT_COLUMNS
					+ ", chain_seq, previous_hash, hash from audit_events where chain_seq is not null order by chain_seq",
					(rs) -> {
						if (walk.problem != null) {
							return;
						}
						long seq = rs.getLong("chain_seq");
						String previousHash = rs.getString("previous_hash");
						String hash = rs.getString("hash");
						String canonical = AuditChainSealer.canonical(rs, 0).canonical();
						if (seq != walk.seq + 1) {
							walk.fail(walk.seq + 1,
									"event at chain position " + (walk.seq + 1) + " is missing (deleted)");
						}
						else if (!previousHash.equals(walk.hash)) {
							walk.fail(seq, "event at chain position " + seq + " does not follow its predecessor");
						}
						else if (!hash.equals(AuditChainSealer.hash(previousHash, canonical))) {
							walk.fail(seq, "event " + rs.getLong("id") + " at chain position " + seq
									+ " was changed after it was sealed");
						}
						else {
							walk.seq = seq;
							walk.hash = hash;
						}
					});
			if (walk.problem == null) {
				var head = this.jdbc.queryForList("select chain_seq, hash from audit_chain_head");
				long headSeq = head.isEmpty() ? 0 : ((Number) head.get(0).get("chain_seq")).longValue();
				String headHash = head.isEmpty() ? AuditChainSealer.GENESIS : (String) head.get(0).get("hash");
				if (headSeq != walk.seq || !headHash.equals(walk.hash)) {
					walk.fail(walk.seq + 1, "the chain ends at position " + walk.seq + " but its head records position "
							+ headSeq + " (events were deleted from the end, or the head was altered)");
				}
			}
			return (walk.problem == null) ? AuditVerification.intact(walk.seq)
					: AuditVerification.broken(walk.seq, walk.brokenAt, walk.problem);
		});
	}

	private static final class Walk {

		long seq;

		String hash = AuditChainSealer.GENESIS;

		Long brokenAt;

		String problem;

		void fail(long position, String description) {
			this.brokenAt = position;
			this.problem = description;
		}

	}

}
