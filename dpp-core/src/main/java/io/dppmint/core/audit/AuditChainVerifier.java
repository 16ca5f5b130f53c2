package io.dppmint.core.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the sealed audit chain in order, with bounded memory (a server-side cursor), and
 * recomputes every link with the audit key: an edited event breaks its own link, a
 * deleted one leaves a gap in the positions, events moved to other positions or re-hashed
 * without the key break their links, a planted event's link does not check out, a removed
 * tail disagrees with the chain head. Against a {@link AuditCheckpoint} (kept outside the
 * database) it also finds what the database alone cannot show: a wiped or truncated chain
 * (shorter than the checkpoint) and a chain rebuilt from scratch (another hash at the
 * checkpoint's position).
 * <p>
 * Chains sealed before the audit key existed begin with unkeyed links; they are accepted
 * only as a prefix, and only as long as the checkpoint's, so a keyed chain cannot be
 * rewritten as an unkeyed one either. After a rotation of the audit key, links made with
 * retired keys verify with them, and only before every link made with a newer key
 * ({@link AuditChainKey}).
 */
public class AuditChainVerifier {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final AuditChainKey key;

	private final Clock clock;

	public AuditChainVerifier(DataSource dataSource, TransactionTemplate transactions, AuditChainKey key, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(1_000);
		this.transactions = transactions;
		this.key = key;
		this.clock = clock;
	}

	/**
	 * Verify the whole chain.
	 * @param checkpoint the checkpoint to hold it against, or {@code null} for none (then
	 * a wiped or truncated chain cannot be told from a young one)
	 * @return the outcome
	 */
	public AuditVerification verify(AuditCheckpoint checkpoint) {
		return walk(Anchor.START, checkpoint, true);
	}

	/**
	 * Verify the chain after {@code anchor}, a position earlier verification found
	 * intact: the anchor's event must still hold its hash, every event after it is
	 * verified.
	 * @param anchor where the previous verification ended
	 * @param checkpoint the checkpoint to hold it against, or {@code null}
	 * @return the outcome
	 */
	public AuditVerification verifyAfter(Anchor anchor, AuditCheckpoint checkpoint) {
		return walk(anchor, checkpoint, false);
	}

	private AuditVerification walk(Anchor anchor, AuditCheckpoint checkpoint, boolean full) {
		// A cursor needs a transaction; so does a consistent view of events and head.
		return this.transactions.execute((status) -> {
			int generation = (anchor.position() > 0) ? anchorGeneration(anchor) : 0;
			Walk walk = new Walk(anchor, Math.max(generation, 0), checkpoint);
			if (generation < 0) {
				walk.fail(anchor.position(), "event at chain position " + anchor.position()
						+ ", verified before, was changed or removed since");
			}
			if (walk.problem == null) {
				this.jdbc.query("select " + AuditChainSealer.EVENT_COLUMNS
						+ ", chain_seq, previous_hash, hash from audit_events"
						+ " where chain_seq is not null and chain_seq > ? order by chain_seq", (rs) -> {
							if (walk.problem == null) {
								walk.next(rs.getLong("chain_seq"), rs.getLong("id"), rs.getString("previous_hash"),
										rs.getString("hash"), AuditChainSealer.canonical(rs, 0).canonical());
							}
						}, anchor.position());
			}
			if (walk.problem == null) {
				walk.end(this.jdbc.queryForList("select chain_seq, hash from audit_chain_head"));
			}
			return walk.outcome(full, this.clock.instant());
		});
	}

	/**
	 * Whether the anchor's event is still there, with its hash, and its link still checks
	 * out (its fields were not changed since): the generation of the key that linked it
	 * (0 for an unkeyed link), or -1 if it does not hold.
	 */
	private int anchorGeneration(Anchor anchor) {
		List<Integer> generations = this.jdbc.query("select " + AuditChainSealer.EVENT_COLUMNS
				+ ", previous_hash, hash from audit_events where chain_seq = ?", (rs, row) -> {
					String hash = rs.getString("hash");
					String previous = rs.getString("previous_hash");
					String canonical = AuditChainSealer.canonical(rs, row).canonical();
					if (!hash.equals(anchor.hash())) {
						return -1;
					}
					if (!AuditChainKey.isKeyed(hash)) {
						return hash.equals(AuditChainKey.unkeyedLink(previous, canonical)) ? 0 : -1;
					}
					return this.key.generationOf(hash, 0, anchor.position(), previous, canonical);
				}, anchor.position());
		return (generations.size() == 1) ? generations.getFirst() : -1;
	}

	/**
	 * Where a verification ended intact: the position, its event's hash, and the end of
	 * the chain's unkeyed prefix.
	 *
	 * @param position the chain position (0: the start)
	 * @param hash its event's hash
	 * @param unkeyedEnd the last position of the unkeyed prefix, 0 for none
	 */
	public record Anchor(long position, String hash, long unkeyedEnd) {

		static final Anchor START = new Anchor(0, AuditChainSealer.GENESIS, 0);

	}

	private final class Walk {

		private final AuditCheckpoint checkpoint;

		private long seq;

		private String hash;

		private long unkeyedEnd;

		/** The generation of the audit key that linked the last keyed event walked. */
		private int generation;

		private long checked;

		private Long brokenAt;

		private String problem;

		Walk(Anchor anchor, int generation, AuditCheckpoint checkpoint) {
			this.seq = anchor.position();
			this.generation = generation;
			this.hash = anchor.hash();
			this.unkeyedEnd = anchor.unkeyedEnd();
			this.checkpoint = checkpoint;
		}

		void next(long seq, long id, String previousHash, String hash, String canonical) {
			long expected = this.seq + 1;
			if (seq != expected) {
				fail(expected, "event at chain position " + expected + " is missing (deleted or moved)");
				return;
			}
			if (!previousHash.equals(this.hash)) {
				fail(seq, "event at chain position " + seq + " does not follow its predecessor");
				return;
			}
			boolean keyed = AuditChainKey.isKeyed(hash);
			if (!keyed && this.unkeyedEnd != this.seq) {
				fail(seq, "event at chain position " + seq
						+ " has an unkeyed link after keyed ones: it was sealed without the audit key");
				return;
			}
			AuditChainKey key = AuditChainVerifier.this.key;
			if (keyed) {
				int generation = key.generationOf(hash, this.generation, seq, previousHash, canonical);
				if (generation < 0) {
					boolean retired = key.generationOf(hash, 0, seq, previousHash, canonical) >= 0;
					fail(seq, "event " + id + " at chain position " + seq + (retired
							? " is linked with a retired audit key after events linked with a newer one: it was forged with an old key"
							: " was changed after it was sealed, or sealed without the audit key"));
					return;
				}
				this.generation = generation;
			}
			else if (!hash.equals(AuditChainKey.unkeyedLink(previousHash, canonical))) {
				fail(seq, "event " + id + " at chain position " + seq
						+ " was changed after it was sealed, or sealed without the audit key");
				return;
			}
			else {
				this.unkeyedEnd = seq;
			}
			if (this.checkpoint != null && seq == this.checkpoint.position()) {
				if (!hash.equals(this.checkpoint.hash()) || this.unkeyedEnd != this.checkpoint.unkeyedEnd()) {
					fail(seq, "event at chain position " + seq + " is not the one the checkpoint of "
							+ this.checkpoint.writtenAt() + " recorded: the chain was rebuilt or rewritten");
					return;
				}
			}
			this.seq = seq;
			this.hash = hash;
			this.checked++;
		}

		void end(List<Map<String, Object>> head) {
			if (this.checkpoint != null && this.checkpoint.position() > this.seq) {
				fail(this.seq + 1,
						"the chain ends at position " + this.seq + " but the checkpoint of "
								+ this.checkpoint.writtenAt() + " covers position " + this.checkpoint.position()
								+ ": events were removed (the chain was wiped or truncated)");
				return;
			}
			long headSeq = head.isEmpty() ? 0 : ((Number) head.getFirst().get("chain_seq")).longValue();
			String headHash = head.isEmpty() ? AuditChainSealer.GENESIS : (String) head.getFirst().get("hash");
			if (headSeq != this.seq || !headHash.equals(this.hash)) {
				fail(this.seq + 1, "the chain ends at position " + this.seq + " but its head records position "
						+ headSeq + " (events were deleted from the end, or the head was altered)");
			}
		}

		void fail(long position, String description) {
			this.brokenAt = position;
			this.problem = description;
		}

		AuditVerification outcome(boolean full, Instant at) {
			Long checkpointPosition = (this.checkpoint != null) ? this.checkpoint.position() : null;
			return new AuditVerification(this.problem == null, this.seq, this.hash, this.unkeyedEnd, this.checked,
					this.brokenAt, this.problem, checkpointPosition, full, at);
		}

	}

}
