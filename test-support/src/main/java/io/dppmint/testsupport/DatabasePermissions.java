package io.dppmint.testsupport;

import java.sql.SQLException;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What an app's own database role may not do: each statement, run on the app's own
 * connections, fails with PostgreSQL's permission error ({@code 42501},
 * {@code insufficient_privilege}) and changes nothing.
 */
public final class DatabasePermissions {

	/** PostgreSQL's SQLSTATE for a statement the role has no privilege for. */
	public static final String INSUFFICIENT_PRIVILEGE = "42501";

	private DatabasePermissions() {
	}

	/**
	 * Assert that every statement fails with a permission error on {@code jdbc}.
	 * @param jdbc the app's own database access
	 * @param statements the statements its role must not run
	 */
	public static void assertEachFailsWithAPermissionError(JdbcClient jdbc, String... statements) {
		for (String forbidden : statements) {
			assertThatExceptionOfType(DataAccessException.class).as(forbidden)
				.isThrownBy(() -> jdbc.sql(forbidden).update())
				.havingRootCause()
				.satisfies((cause) -> assertThat(((SQLException) cause).getSQLState()).as(forbidden)
					.isEqualTo(INSUFFICIENT_PRIVILEGE));
		}
	}

}
