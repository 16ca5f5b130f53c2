package io.dppmint.resolver.resolution;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.dppmint.core.background.PostgresListener;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.token.JdbcTokenRepository;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.resolver.resolution.Catalogue.MintedBatch;
import io.dppmint.resolver.resolution.JdbcTokenReader.TokenRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;

/**
 * Answers a scan's token lookup from memory where that is exact, so that most scans never
 * wait on PostgreSQL.
 * <p>
 * A minted batch's tokens are the numbers of its range, and in an {@code active}-at-mint
 * batch every one of them is active unless it was revoked (revocation is final; nothing
 * else changes their status). So for such a batch the token row follows from the batch
 * (its id, the lot whose range holds the number) and from one set: the revoked numbers.
 * The set is loaded from the table and kept current by {@code LISTEN dpp_token_revoked},
 * which a trigger notifies when a revocation commits (migration V13).
 * <p>
 * A first-scan batch's tokens are {@code minted} until their first scan, so memory also
 * keeps one bit per token of such a batch: known to be active (activated by this
 * resolver, or read as active from the table). A token known active is answered from
 * memory. One not known active is answered {@code minted} only to a scan that will try to
 * activate it ({@link #find(long, boolean) activating}): the activation's guarded update
 * (only a {@code minted} token changes) decides whether it still was, and that scan's
 * answer (a redirect) does not show the status. Any other request (a passport view, HEAD)
 * reads the table, so a token activated by another resolver is never shown as minted.
 * <p>
 * Batches are learnt from the table: the first scan of a batch reads its row as before
 * and, if the batch is minted, its range is remembered (up to {@code maxBatches}, and for
 * first-scan batches up to {@code maxFirstScanTokens} tokens in all: a bit each).
 * <p>
 * Memory answers only while the feed is live (listening, and the set loaded after the
 * {@code LISTEN}); when the connection fails, every scan reads the table until the feed
 * is back. The feed is a {@link PostgresListener}: its probe (a round trip every few
 * seconds under a network timeout) notices a connection that a NAT or proxy dropped in
 * silence within seconds, not at the next renewal. A revocation therefore reaches a
 * running resolver when PostgreSQL delivers the notification after its commit
 * (milliseconds); the set is reloaded on every new listening connection
 * ({@code renewal}), as a safety net. The set is a compressed bitmap
 * ({@link RevokedTokens}), so mass revocations fit in memory.
 */
class MintedTokenIndex implements SmartLifecycle, PostgresListener.Handler {

	static final String CHANNEL = "dpp_token_revoked";

	private static final Logger log = LoggerFactory.getLogger(MintedTokenIndex.class);

	private final Catalogue catalogue;

	private final int maxBatches;

	private final long maxFirstScanTokens;

	private final PostgresListener feed;

	/** Batches whose tokens memory can answer, by their first token number. */
	private final ConcurrentSkipListMap<Long, Known> ranges = new ConcurrentSkipListMap<>();

	private final AtomicInteger batchCount = new AtomicInteger();

	private final AtomicLong firstScanTokens = new AtomicLong();

	private final LongAdder fromMemory = new LongAdder();

	private final LongAdder fromTable = new LongAdder();

	private volatile RevokedTokens revoked = new RevokedTokens();

	private volatile boolean live;

	MintedTokenIndex(JdbcConnectionDetails database, Catalogue catalogue, int maxBatches, long maxFirstScanTokens,
			Duration renewal, Duration probeInterval, Duration probeTimeout) {
		this.catalogue = catalogue;
		this.maxBatches = maxBatches;
		this.maxFirstScanTokens = maxFirstScanTokens;
		this.feed = PostgresListener.named("revocation-feed", database, CHANNEL)
			.probe(probeInterval, probeTimeout)
			.renewal(renewal)
			.platformThread()
			.handler(this);
	}

	/**
	 * The token with this number from memory, or {@code null} when memory cannot say (the
	 * caller reads the table, then calls {@link #learn}).
	 * @param number the token number
	 * @param activating whether the caller activates a token answered {@code minted}
	 * (then a first-scan token not known to be active is answered {@code minted}, and the
	 * activation decides; otherwise the table is read for it)
	 */
	TokenRow find(long number, boolean activating) {
		if (!this.live) {
			return null;
		}
		Known known = known(number);
		if (known == null) {
			return null;
		}
		MintedBatch batch = known.minted();
		long lotId = 0;
		if (!batch.lots().isEmpty()) {
			Lot lot = lotOf(batch, number);
			if (lot == null) {
				return null;
			}
			lotId = lot.id();
		}
		TokenStatus status;
		if (this.revoked.contains(number)) {
			status = TokenStatus.REVOKED;
		}
		else if (!known.firstScan() || known.knownActive(number)) {
			status = TokenStatus.ACTIVE;
		}
		else if (activating) {
			status = TokenStatus.MINTED;
		}
		else {
			return null;
		}
		this.fromMemory.increment();
		return new TokenRow(number, batch.batch().id(), lotId, status);
	}

	/** A token read from the table: remember its batch if memory can answer for it. */
	void learn(TokenRow token) {
		this.fromTable.increment();
		if (token.status() == TokenStatus.REVOKED) {
			// Final: memory may know it before the notification arrives.
			this.revoked.add(token.id());
		}
		Known known = known(token.id());
		if (known == null && this.batchCount.get() < this.maxBatches) {
			known = this.catalogue.mintedBatch(token.batchId()).map(this::remember).orElse(null);
		}
		if (known != null && known.firstScan() && token.status() == TokenStatus.ACTIVE) {
			known.markActive(token.id());
		}
	}

	/** A token this resolver has just activated (committed). */
	void activated(long number) {
		Known known = known(number);
		if (known != null && known.firstScan()) {
			known.markActive(number);
		}
	}

	/** How many lookups memory answered. */
	long answeredFromMemory() {
		return this.fromMemory.sum();
	}

	/** How many lookups read the table. */
	long readFromTable() {
		return this.fromTable.sum();
	}

	/** Whether memory answers (the feed listens and its set is loaded). */
	boolean live() {
		return this.live;
	}

	/** How many revoked tokens memory knows. */
	long revokedCount() {
		return this.revoked.size();
	}

	/** The heap the revoked set takes, about, in bytes. */
	long revokedBytes() {
		return this.revoked.bytes();
	}

	@Override
	public void start() {
		this.feed.start();
	}

	@Override
	public void stop() {
		this.feed.stop();
		this.live = false;
	}

	@Override
	public boolean isRunning() {
		return this.feed.isRunning();
	}

	/**
	 * Listening: load the revoked set on the listening connection. Loaded after
	 * {@code LISTEN}: a revocation committed from now on is notified, one committed
	 * before is in the table.
	 */
	@Override
	public void listening(Connection connection) throws SQLException {
		RevokedTokens loaded = new RevokedTokens();
		JdbcTokenRepository.forEachRevoked(connection, loaded::add);
		loaded.optimize();
		this.revoked = loaded;
		this.live = true;
		log.debug("Revocation feed listening; {} revoked tokens in memory", loaded.size());
	}

	@Override
	public void notified(String channel, String payload) {
		if (CHANNEL.equals(channel)) {
			try {
				this.revoked.add(Long.parseLong(payload));
			}
			catch (NumberFormatException ex) {
				log.warn("Revocation feed: ignored a notification that names no token: {}", payload);
			}
		}
	}

	/** Notifications may be missed: stop trusting memory until the set is reloaded. */
	@Override
	public void lost() {
		if (this.live) {
			log.warn("Revocation feed lost; scans read the token table until it is back");
		}
		this.live = false;
	}

	private Known known(long number) {
		Map.Entry<Long, Known> entry = this.ranges.floorEntry(number);
		return (entry != null && entry.getValue().minted().batch().contains(number)) ? entry.getValue() : null;
	}

	/** Start answering for this batch, if its first-scan bits fit; the batch as known. */
	private Known remember(MintedBatch minted) {
		AtomicLongArray active = null;
		long quantity = minted.batch().quantity();
		boolean firstScan = minted.batch().activationMode().initialStatus() != TokenStatus.ACTIVE;
		if (firstScan) {
			if (this.firstScanTokens.addAndGet(quantity) > this.maxFirstScanTokens) {
				this.firstScanTokens.addAndGet(-quantity);
				return null;
			}
			active = new AtomicLongArray((int) ((quantity + Long.SIZE - 1) / Long.SIZE));
		}
		Known candidate = new Known(minted, active);
		Known existing = this.ranges.putIfAbsent(minted.batch().firstTokenId(), candidate);
		if (existing != null) {
			if (firstScan) {
				this.firstScanTokens.addAndGet(-quantity);
			}
			return existing;
		}
		this.batchCount.incrementAndGet();
		return candidate;
	}

	private static Lot lotOf(MintedBatch batch, long number) {
		for (Lot lot : batch.lots()) {
			if (number >= lot.firstTokenId() && number < lot.firstTokenId() + lot.quantity()) {
				return lot;
			}
		}
		return null;
	}

	/**
	 * A batch memory answers for.
	 *
	 * @param minted the batch and its lots
	 * @param active for a first-scan batch, a bit per token (by its offset in the batch):
	 * known to be active; {@code null} for an active-at-mint batch
	 */
	private record Known(MintedBatch minted, AtomicLongArray active) {

		boolean firstScan() {
			return this.active != null;
		}

		boolean knownActive(long number) {
			long offset = number - this.minted.batch().firstTokenId();
			return (this.active.get((int) (offset >>> 6)) & (1L << offset)) != 0;
		}

		void markActive(long number) {
			long offset = number - this.minted.batch().firstTokenId();
			long bit = 1L << offset;
			if ((this.active.get((int) (offset >>> 6)) & bit) == 0) {
				this.active.accumulateAndGet((int) (offset >>> 6), bit, (word, mask) -> word | mask);
			}
		}

	}

}
