package io.dppmint.core.nfc;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The NFC tags' tap counters ({@code nfc_tag_counters}, one row per tag tapped genuinely
 * at least once): the resolver records taps here, the console reads a batch's totals. A
 * tap is genuine only if {@link #recordGenuine} moves the tag's counter up for the UID
 * its first genuine tap bound; that one guarded upsert is the whole freshness decision,
 * so concurrent taps with the same counter give exactly one genuine tap.
 */
public class JdbcNfcTagCounters {

	private final JdbcClient jdbc;

	public JdbcNfcTagCounters(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Record a verified tap if it is fresh, in the caller's transaction.
	 * @param tokenId the token whose tag was tapped
	 * @param tap the tap's UID and counter, authenticated by its MAC
	 * @param tappedAt when
	 * @return whether it was genuine: the tag's first genuine tap, or the bound UID with
	 * a counter above the last accepted
	 */
	public boolean recordGenuine(long tokenId, SunVerification.Valid tap, Instant tappedAt) {
		return this.jdbc.sql("""
				insert into nfc_tag_counters as c (token_id, uid, last_counter, first_tap_at, last_tap_at, genuine_taps)
				values (:tokenId, :uid, :counter, :now, :now, 1)
				on conflict (token_id) do update set last_counter = excluded.last_counter,
					last_tap_at = excluded.last_tap_at, genuine_taps = c.genuine_taps + 1
				where c.last_counter < excluded.last_counter and c.uid = excluded.uid
				returning token_id""")
			.param("tokenId", tokenId)
			.param("uid", tap.uid())
			.param("counter", tap.counter())
			.param("now", Timestamp.from(tappedAt))
			.query(Long.class)
			.optional()
			.isPresent();
	}

	/**
	 * Count an authentic tap that was not fresh (a replay, a stale counter, another UID)
	 * against its tag.
	 * @param tokenId the token whose tag it claims to be
	 */
	public void recordRejected(long tokenId) {
		this.jdbc.sql("update nfc_tag_counters set rejected_taps = rejected_taps + 1 where token_id = :tokenId")
			.param("tokenId", tokenId)
			.update();
	}

	/**
	 * The taps of a range of tokens (a batch), read by primary key.
	 * @param firstTokenId the first token
	 * @param count how many tokens
	 * @return tags tapped genuinely at least once, genuine and rejected taps
	 */
	public TapTotals totals(long firstTokenId, int count) {
		return this.jdbc.sql("""
				select count(*), coalesce(sum(genuine_taps), 0), coalesce(sum(rejected_taps), 0) from nfc_tag_counters
				where token_id >= :first and token_id < :end""")
			.param("first", firstTokenId)
			.param("end", firstTokenId + count)
			.query((rs, row) -> new TapTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	/**
	 * Tap totals.
	 *
	 * @param tags tags tapped genuinely at least once
	 * @param genuineTaps genuine taps
	 * @param rejectedTaps authentic taps that were not fresh
	 */
	public record TapTotals(long tags, long genuineTaps, long rejectedTaps) {

	}

}
