package io.dppmint.core.lease;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A PostgreSQL session-level advisory lock held on a dedicated, unpooled connection: the
 * right of one process in the whole deployment to do one thing (run a batch's job, run a
 * partition). If the holder dies or loses its machine, PostgreSQL ends the session and
 * the lock is free again, which is how others learn that the work has no live owner. A
 * process killed on a reachable machine frees it at once (its socket closes); a lost
 * machine frees it when the server's TCP keepalive gives up on the session
 * ({@code tcp_keepalives_idle + tcp_keepalives_interval * tcp_keepalives_count}).
 */
public final class SessionLease implements AutoCloseable {

	private final Connection connection;

	private SessionLease(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Try to take a lease.
	 * @param database where to connect (a dedicated connection, closed with the lease)
	 * @param key the advisory lock key
	 * @return the lease, or empty if another session holds it
	 * @throws SQLException if the database cannot be reached
	 */
	public static Optional<SessionLease> tryAcquire(JdbcConnectionDetails database, long key) throws SQLException {
		Connection connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword());
		try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
			lock.setLong(1, key);
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				if (result.getBoolean(1)) {
					return Optional.of(new SessionLease(connection));
				}
			}
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		connection.close();
		return Optional.empty();
	}

	/**
	 * Whether some session holds the lease right now. Reads {@code pg_locks} and never
	 * takes the lock itself, so it cannot make a would-be holder fail.
	 * @param jdbc any connection to the database
	 * @param key the advisory lock key
	 * @return whether it is held
	 */
	public static boolean isHeld(JdbcClient jdbc, long key) {
		// A bigint advisory key shows in pg_locks as classid (high half), objid (low
		// half), objsubid 1.
		return jdbc.sql("""
				select exists (select 1 from pg_locks
					where locktype = 'advisory' and objsubid = 1 and granted
					and database = (select oid from pg_database where datname = current_database())
					and classid = :high::bigint::oid and objid = :low::bigint::oid)""")
			.param("high", key >>> 32)
			.param("low", key & 0xFFFF_FFFFL)
			.query(Boolean.class)
			.single();
	}

	/** Release the lease (closing its session releases the lock). */
	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// The session is gone either way, and with it the lock.
		}
	}

}
