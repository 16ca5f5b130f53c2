package io.dppmint.core.background;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;

/**
 * Follows PostgreSQL notifications ({@code LISTEN}) in the background, on a dedicated,
 * unpooled connection, for as long as it runs: the one LISTEN loop of the platform (job
 * launchers, the resolver's revocation feed).
 * <p>
 * What it guarantees to its {@link Handler}:
 * <ul>
 * <li>{@link Handler#listening(Connection)} runs after every successful {@code LISTEN}
 * (at start and after every reconnection), on the listening connection: whatever was
 * committed before it is in the tables, whatever is committed after it is notified. A
 * handler that keeps state from notifications reloads it there.</li>
 * <li>{@link Handler#lost()} runs whenever notifications may have been missed: the
 * connection failed, was renewed, or the listener stopped. Until the next
 * {@code listening}, the handler must not trust its notified state.</li>
 * <li>A connection that died silently (a NAT or proxy that dropped it without a word) is
 * noticed within {@code probeInterval + probeTimeout}: every probe interval the listener
 * makes a round trip under a network timeout, and a probe without an answer counts as a
 * lost connection. Reconnection backs off from 1 s to 30 s.</li>
 * <li>{@link Handler#tick()} runs every {@code tickInterval} while listening (a
 * launcher's sweep).</li>
 * </ul>
 * Every callback runs in the listener's own thread, one at a time.
 */
public final class PostgresListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);

	private static final int POLL_MILLIS = 500;

	private final String name;

	private final JdbcConnectionDetails database;

	private final List<String> channels;

	private final Handler handler;

	private final Duration probeInterval;

	private final Duration probeTimeout;

	private final Duration tickInterval;

	private final Duration renewal;

	private final BackgroundLoop loop;

	private Connection connection;

	private long nextProbe;

	private long nextTick;

	private long renewAt;

	private PostgresListener(Builder builder, Handler handler) {
		this.name = builder.name;
		this.database = builder.database;
		this.channels = List.copyOf(builder.channels);
		this.handler = handler;
		this.probeInterval = builder.probeInterval;
		this.probeTimeout = builder.probeTimeout;
		this.tickInterval = builder.tickInterval;
		this.renewal = builder.renewal;
		for (String channel : this.channels) {
			if (!channel.matches("[a-z_][a-z0-9_]*")) {
				throw new IllegalArgumentException("Not a plain channel name: " + channel);
			}
		}
		BackgroundLoop.Builder loop = BackgroundLoop.named(this.name).onStop(this::disconnect);
		if (builder.platformThread) {
			loop.platformThread();
		}
		this.loop = loop.rounds((running) -> round());
	}

	/**
	 * Start describing a listener.
	 * @param name its thread's name, also used in its log lines
	 * @param database where to connect (a dedicated connection of its own)
	 * @param channels the channels to listen on
	 * @return a builder
	 */
	public static Builder named(String name, JdbcConnectionDetails database, String... channels) {
		return new Builder(name, database, List.of(channels));
	}

	@Override
	public void start() {
		this.loop.start();
	}

	@Override
	public void stop() {
		this.loop.stop();
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	/** One round: be connected and listening, then wait up to half a second for news. */
	private Duration round() throws SQLException {
		try {
			if (this.connection == null) {
				connect();
			}
			PGNotification[] notifications = this.connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					this.handler.notified(notification.getName(), notification.getParameter());
				}
			}
			long now = System.nanoTime();
			if (now - this.nextProbe >= 0) {
				probe();
				this.nextProbe = now + this.probeInterval.toNanos();
			}
			if (this.tickInterval != null && now - this.nextTick >= 0) {
				this.handler.tick();
				this.nextTick = System.nanoTime() + this.tickInterval.toNanos();
			}
			if (this.renewal != null && now - this.renewAt >= 0) {
				log.debug("{}: renewing its connection", this.name);
				disconnect();
			}
			return Duration.ZERO;
		}
		catch (SQLException | RuntimeException ex) {
			disconnect();
			throw ex;
		}
	}

	private void connect() throws SQLException {
		Properties properties = new Properties();
		if (this.database.getUsername() != null) {
			properties.setProperty("user", this.database.getUsername());
		}
		if (this.database.getPassword() != null) {
			properties.setProperty("password", this.database.getPassword());
		}
		// Named in pg_stat_activity, for operators.
		properties.setProperty("ApplicationName", this.name);
		Connection opened = DriverManager.getConnection(this.database.getJdbcUrl(), properties);
		try {
			opened.setNetworkTimeout(Runnable::run, Math.toIntExact(this.probeTimeout.toMillis()));
			try (Statement statement = opened.createStatement()) {
				for (String channel : this.channels) {
					statement.execute("listen " + channel);
				}
			}
			this.connection = opened;
			this.handler.listening(opened);
		}
		catch (SQLException | RuntimeException ex) {
			this.connection = null;
			closeQuietly(opened);
			throw ex;
		}
		long now = System.nanoTime();
		this.nextProbe = now + this.probeInterval.toNanos();
		this.nextTick = now;
		this.renewAt = (this.renewal != null) ? now + this.renewal.toNanos() : 0;
	}

	/**
	 * A round trip under the connection's network timeout: a connection whose peer is
	 * gone without a word fails here instead of waiting in silence.
	 */
	private void probe() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("select 1");
		}
	}

	private void disconnect() {
		Connection closing = this.connection;
		this.connection = null;
		if (closing != null) {
			closeQuietly(closing);
			try {
				this.handler.lost();
			}
			catch (RuntimeException ex) {
				log.warn("{}: its handler failed on a lost connection: {}", this.name, ex.toString());
			}
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// The session ends either way.
		}
	}

	/** What a listener tells its owner. Every method runs in the listener's thread. */
	public interface Handler {

		/**
		 * Listening now, after a (re)connection: reload what notifications keep current.
		 * @param connection the listening connection (for a consistent reload)
		 * @throws SQLException if the reload failed (the listener reconnects and tries
		 * again)
		 */
		default void listening(Connection connection) throws SQLException {
		}

		/**
		 * A notification.
		 * @param channel its channel
		 * @param payload its payload
		 */
		void notified(String channel, String payload);

		/** Notifications may be missed from now until the next {@link #listening}. */
		default void lost() {
		}

		/** Every tick interval while listening. */
		default void tick() {
		}

	}

	/** Describes a {@link PostgresListener}. */
	public static final class Builder {

		private final String name;

		private final JdbcConnectionDetails database;

		private final List<String> channels;

		private Duration probeInterval = Duration.ofSeconds(5);

		private Duration probeTimeout = Duration.ofSeconds(5);

		private Duration tickInterval;

		private Duration renewal;

		private boolean platformThread;

		private Builder(String name, JdbcConnectionDetails database, List<String> channels) {
			this.name = Objects.requireNonNull(name);
			this.database = Objects.requireNonNull(database);
			if (channels.isEmpty()) {
				throw new IllegalArgumentException("A listener needs a channel");
			}
			this.channels = channels;
		}

		/**
		 * How often the connection is probed, and how long a probe may wait for its
		 * answer (defaults 5 s and 5 s).
		 */
		public Builder probe(Duration interval, Duration timeout) {
			this.probeInterval = interval;
			this.probeTimeout = timeout;
			return this;
		}

		/** Call {@link Handler#tick()} at this interval while listening. */
		public Builder tick(Duration interval) {
			this.tickInterval = interval;
			return this;
		}

		/** Replace the connection at this interval (a fresh session, a full reload). */
		public Builder renewal(Duration interval) {
			this.renewal = interval;
			return this;
		}

		/** Listen on a platform (daemon) thread instead of a virtual one. */
		public Builder platformThread() {
			this.platformThread = true;
			return this;
		}

		/**
		 * The listener, not started yet.
		 * @param handler what to tell
		 * @return the listener
		 */
		public PostgresListener handler(Handler handler) {
			return new PostgresListener(this, handler);
		}

	}

}
