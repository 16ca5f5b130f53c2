package io.dppmint.core.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals recorded audit events into the keyed hash chain: each committed, unsealed event
 * gets the next chain position and a link ({@link AuditChainKey}: an HMAC, under a key
 * the database never holds, of its position, its predecessor's hash and the canonical
 * event), and the chain head moves on. One sealer runs at a time across all processes (a
 * transaction-level advisory lock); the others return at once. The chain's order is the
 * order in which events became visible to the sealer, not their ids: an event with a
 * smaller id may commit later, and it is simply chained later, so writers never wait for
 * each other.
 * <p>
 * The chain continues from its last sealed event as stored, whatever the head table says:
 * a row planted with a chain position (which the database refuses from anyone but its
 * owner) or a removed head cannot stop sealing; the verifier reports them instead.
 * <p>
 * The canonical form hashes every field as the database stores it and returns it
 * (timestamps in microseconds, {@code details} as jsonb's own text form), each
 * length-prefixed, so a sealed event cannot be changed in any field without breaking its
 * link.
 */
public class AuditChainSealer {

	static final String GENESIS = AuditCheckpoint.GENESIS;

	/**
	 * The transaction-level advisory lock a sealer holds while it seals ("AUDT"): whoever
	 * holds it keeps every sealer off the chain until its transaction ends.
	 */
	public static final long LOCK_KEY = 0x4155_4454_0000_0001L;

	private static final int BATCH = 5_000;

	static final String EVENT_COLUMNS = """
			id, (extract(epoch from occurred_at) * 1000000)::bigint as occurred_micros, brand_id, entity_type,
			entity_id, action, actor, details::text as details""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuditChainKey key;

	public AuditChainSealer(JdbcClient jdbc, TransactionTemplate transactions, AuditChainKey key) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.key = key;
	}

	/**
	 * Seal every event committed so far.
	 * @return how many were sealed (0 if another sealer holds the chain right now)
	 */
	public long sealAll() {
		long total = 0;
		int sealed;
		do {
			Integer batch = this.transactions.execute((status) -> sealBatch());
			sealed = (batch != null) ? batch : 0;
			total += sealed;
		}
		while (sealed == BATCH);
		return total;
	}

	private int sealBatch() {
		boolean locked = this.jdbc.sql("select pg_try_advisory_xact_lock(:key)")
			.param("key", LOCK_KEY)
			.query(Boolean.class)
			.single();
		if (!locked) {
			return 0;
		}
		List<CanonicalEvent> events = this.jdbc
			.sql("select " + EVENT_COLUMNS + " from audit_events where chain_seq is null order by id limit " + BATCH)
			.query(AuditChainSealer::canonical)
			.list();
		if (events.isEmpty()) {
			return 0;
		}
		ChainHead head = this.jdbc
			.sql("select chain_seq, hash from audit_events where chain_seq is not null order by chain_seq desc limit 1")
			.query((rs, row) -> new ChainHead(rs.getLong("chain_seq"), rs.getString("hash")))
			.optional()
			.orElse(new ChainHead(0, GENESIS));
		long seq = head.seq();
		String previous = head.hash();
		Long[] ids = new Long[events.size()];
		Long[] seqs = new Long[events.size()];
		String[] previousHashes = new String[events.size()];
		String[] hashes = new String[events.size()];
		for (int i = 0; i < events.size(); i++) {
			CanonicalEvent event = events.get(i);
			seq++;
			String hash = this.key.link(seq, previous, event.canonical());
			ids[i] = event.id();
			seqs[i] = seq;
			previousHashes[i] = previous;
			hashes[i] = hash;
			previous = hash;
		}
		// One statement for the batch: an update per event cost a round trip each, which
		// under 3,000 first-scan activations a second took a fifth of the resolver's CPU.
		this.jdbc.sql("""
				update audit_events e set chain_seq = s.seq, previous_hash = s.previous, hash = s.hash
				from unnest(:ids, :seqs, :previous, :hashes) as s(id, seq, previous, hash)
				where e.id = s.id""")
			.param("ids", ids)
			.param("seqs", seqs)
			.param("previous", previousHashes)
			.param("hashes", hashes)
			.update();
		this.jdbc.sql("""
				insert into audit_chain_head (singleton, chain_seq, hash) values (true, :seq, :hash)
				on conflict (singleton) do update set chain_seq = excluded.chain_seq, hash = excluded.hash""")
			.param("seq", seq)
			.param("hash", previous)
			.update();
		return events.size();
	}

	static CanonicalEvent canonical(ResultSet rs, int row) throws SQLException {
		long brandId = rs.getLong("brand_id");
		String brand = rs.wasNull() ? "" : Long.toString(brandId);
		StringBuilder canonical = new StringBuilder(256);
		for (String field : new String[] { Long.toString(rs.getLong("id")),
				Long.toString(rs.getLong("occurred_micros")), brand, rs.getString("entity_type"),
				rs.getString("entity_id"), rs.getString("action"), rs.getString("actor"), rs.getString("details") }) {
			canonical.append(field.length()).append(':').append(field).append(';');
		}
		return new CanonicalEvent(rs.getLong("id"), canonical.toString());
	}

	record CanonicalEvent(long id, String canonical) {

	}

	private record ChainHead(long seq, String hash) {

	}

}
