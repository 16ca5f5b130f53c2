package io.dppmint.core.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure because the database cannot be reached or cannot write right now (its
 * primary stopped, restarting or failing over) from any other: the one kind of failure
 * that is worth waiting out, since the same write will succeed once the primary is back,
 * where any other (a constraint, a bug) would fail again.
 * <p>
 * By the SQLSTATE of an {@link SQLException} in the chain (PostgreSQL, Appendix A): class
 * {@code 08} (connection exception), {@code 57P01}..{@code 57P03} (administrator or crash
 * shutdown, cannot connect now), class {@code 53} (insufficient resources: too many
 * connections) and {@code 25006} (read-only transaction: connected to a standby, as a
 * multi-host URL may be during a failover); or by a connection that could not be had at
 * all (the pool's timeout, Spring's connection failure; a transaction that could not
 * begin carries the pool's failure as its cause).
 */
public final class DatabaseUnavailable {

	private DatabaseUnavailable() {
	}

	/**
	 * Whether {@code failure} says the database is unavailable rather than that the work
	 * itself is wrong.
	 * @param failure what a database call threw
	 * @return {@code true} for a failure worth retrying once the database is back
	 */
	public static boolean test(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof SQLException sql && unavailable(sql.getSQLState())) {
				return true;
			}
			// A rollback that failed too hides what failed first (the connection, say).
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& test(rollback.getApplicationException())) {
				return true;
			}
		}
		return false;
	}

	private static boolean unavailable(String state) {
		if (state == null) {
			return false;
		}
		return state.startsWith("08") || state.startsWith("53") || state.equals("57P01") || state.equals("57P02")
				|| state.equals("57P03") || state.equals("25006");
	}

}
