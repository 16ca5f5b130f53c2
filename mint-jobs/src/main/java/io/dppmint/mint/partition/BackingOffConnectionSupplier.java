package io.dppmint.mint.partition;

import java.sql.SQLException;
import java.time.Duration;

import org.postgresql.jdbc.PgConnection;

import org.springframework.integration.jdbc.channel.PgConnectionSupplier;

/**
 * The LISTEN connection of a worker, with a pause before each new attempt after a failed
 * one (doubling from 250 ms to 30 s): the subscriber reconnects in a loop without any,
 * which floods the log and a core while the database is down.
 */
class BackingOffConnectionSupplier implements PgConnectionSupplier {

	private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

	private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

	private final PgConnectionSupplier connections;

	private Duration pause = Duration.ZERO;

	BackingOffConnectionSupplier(PgConnectionSupplier connections) {
		this.connections = connections;
	}

	@Override
	public synchronized PgConnection get() throws SQLException {
		if (!this.pause.isZero()) {
			try {
				Thread.sleep(this.pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("Interrupted while waiting to reconnect", ex);
			}
		}
		try {
			PgConnection connection = this.connections.get();
			this.pause = Duration.ZERO;
			return connection;
		}
		catch (SQLException ex) {
			Duration doubled = this.pause.isZero() ? FIRST_PAUSE : this.pause.multipliedBy(2);
			this.pause = (doubled.compareTo(LONGEST_PAUSE) > 0) ? LONGEST_PAUSE : doubled;
			throw ex;
		}
	}

}
