package io.dppmint.resolver.resolution;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import io.dppmint.core.minting.Lot;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.resolver.resolution.Catalogue.MintedBatch;
import io.dppmint.resolver.resolution.JdbcTokenReader.TokenRow;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Batches are learnt from the table: the first scan of a batch reads its row as before
 * and, if the batch is minted and active-at-mint, its range is remembered (up to
 * {@code maxBatches}). First-scan batches always read the table: their tokens change
 * status on their first scan.
 * <p>
 * Memory answers only while the feed is live (listening, and the set loaded after the
 * {@code LISTEN}); when the connection fails, every scan reads the table until the feed
 * is back. A revocation therefore reaches a running resolver when PostgreSQL delivers the
 * notification after its commit (milliseconds); the set is reloaded on every new
 * listening connection ({@code renewal}), as a safety net.
 */
class MintedTokenIndex implements SmartLifecycle {

	static final String CHANNEL = "dpp_token_revoked";

	private static final Logger log = LoggerFactory.getLogger(MintedTokenIndex.class);

	private static final int POLL_MILLIS = 250;

	private final DataSource dataSource;

	private final Catalogue catalogue;

	private final int maxBatches;

	private final Duration renewal;

	/** Batches whose tokens memory can answer, by their first token number. */
	private final ConcurrentSkipListMap<Long, MintedBatch> ranges = new ConcurrentSkipListMap<>();

	private final AtomicInteger batchCount = new AtomicInteger();

	private final LongAdder fromMemory = new LongAdder();

	private final LongAdder fromTable = new LongAdder();

	private volatile Set<Long> revoked = ConcurrentHashMap.newKeySet();

	private volatile boolean live;

	private volatile Thread feed;

	MintedTokenIndex(DataSource dataSource, Catalogue catalogue, int maxBatches, Duration renewal) {
		this.dataSource = dataSource;
		this.catalogue = catalogue;
		this.maxBatches = maxBatches;
		this.renewal = renewal;
	}

	/**
	 * The token with this number from memory, or {@code null} when memory cannot say (the
	 * caller reads the table, then calls {@link #learn}).
	 */
	TokenRow find(long number) {
		if (!this.live) {
			return null;
		}
		Map.Entry<Long, MintedBatch> entry = this.ranges.floorEntry(number);
		if (entry == null || !entry.getValue().batch().contains(number)) {
			return null;
		}
		MintedBatch batch = entry.getValue();
		long lotId = 0;
		if (!batch.lots().isEmpty()) {
			Lot lot = lotOf(batch, number);
			if (lot == null) {
				return null;
			}
			lotId = lot.id();
		}
		this.fromMemory.increment();
		TokenStatus status = this.revoked.contains(number) ? TokenStatus.REVOKED : TokenStatus.ACTIVE;
		return new TokenRow(number, batch.batch().id(), lotId, status);
	}

	/** A token read from the table: remember its batch if memory can answer for it. */
	void learn(TokenRow token) {
		this.fromTable.increment();
		if (token.status() == TokenStatus.REVOKED) {
			// Final: memory may know it before the notification arrives.
			this.revoked.add(token.id());
		}
		if (this.batchCount.get() >= this.maxBatches) {
			return;
		}
		this.catalogue.mintedBatch(token.batchId())
			.filter((minted) -> minted.batch().activationMode().initialStatus() == TokenStatus.ACTIVE)
			.ifPresent((minted) -> {
				if (this.ranges.putIfAbsent(minted.batch().firstTokenId(), minted) == null) {
					this.batchCount.incrementAndGet();
				}
			});
	}

	/** How many lookups memory answered. */
	long answeredFromMemory() {
		return this.fromMemory.sum();
	}

	/** How many lookups read the table. */
	long readFromTable() {
		return this.fromTable.sum();
	}

	@Override
	public void start() {
		Thread thread = Thread.ofPlatform().name("revocation-feed").daemon().unstarted(this::run);
		this.feed = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = this.feed;
		this.feed = null;
		this.live = false;
		if (thread != null) {
			try {
				thread.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.feed != null;
	}

	private void run() {
		while (this.feed == Thread.currentThread()) {
			try (Connection connection = this.dataSource.getConnection()) {
				listen(connection);
			}
			catch (SQLException | RuntimeException ex) {
				this.live = false;
				if (this.feed != Thread.currentThread()) {
					return;
				}
				log.warn("Revocation feed lost ({}); scans read the token table until it is back", ex.getMessage());
				pause();
			}
		}
	}

	/** One listening connection: LISTEN, then load, then follow until renewal or stop. */
	private void listen(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("listen " + CHANNEL);
		}
		// Loaded after LISTEN: a revocation committed from now on is notified, one
		// committed before is in the table.
		Set<Long> loaded = ConcurrentHashMap.newKeySet();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select id from tokens where status = 2")) {
			while (rs.next()) {
				loaded.add(rs.getLong(1));
			}
		}
		this.revoked = loaded;
		this.live = true;
		PGConnection notifications = connection.unwrap(PGConnection.class);
		long renewAt = System.nanoTime() + this.renewal.toNanos();
		try {
			while (this.feed == Thread.currentThread() && System.nanoTime() < renewAt) {
				PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
				if (received != null) {
					for (PGNotification notification : received) {
						if (CHANNEL.equals(notification.getName())) {
							loaded.add(Long.parseLong(notification.getParameter()));
						}
					}
				}
			}
		}
		finally {
			this.live = false;
		}
		try (Statement statement = connection.createStatement()) {
			// The connection goes back to the pool: no notifications for whoever takes
			// it.
			statement.execute("unlisten *");
		}
	}

	private static Lot lotOf(MintedBatch batch, long number) {
		for (Lot lot : batch.lots()) {
			if (number >= lot.firstTokenId() && number < lot.firstTokenId() + lot.quantity()) {
				return lot;
			}
		}
		return null;
	}

	private static void pause() {
		try {
			Thread.sleep(Duration.ofSeconds(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
