package io.dppmint.core.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as the database being unavailable, by PostgreSQL's SQLSTATE codes
 * (PostgreSQL 18 documentation, Appendix A) and by how Spring and HikariCP wrap them.
 */
class DatabaseUnavailableTests {

	@Test
	void aConnectionFailureInsideSpringsTranslationIsUnavailable() {
		assertThat(DatabaseUnavailable.test(new DataAccessResourceFailureException("update",
				new SQLException("An I/O error occurred while sending to the backend", "08006"))))
			.isTrue();
	}

	@Test
	void aPoolThatCouldNotConnectIsUnavailable() {
		SQLTransientConnectionException timeout = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 2000ms", "08001");
		assertThat(DatabaseUnavailable
			.test(new CannotCreateTransactionException("Could not open JDBC Connection", timeout))).isTrue();
	}

	@Test
	void shutdownsAndAStandbyAreUnavailable() {
		for (String state : new String[] { "57P01", "57P02", "57P03", "25006", "53300" }) {
			assertThat(DatabaseUnavailable.test(new SQLException("server says no", state))).as(state).isTrue();
		}
	}

	@Test
	void aRollbackThatFailedAfterTheConnectionWasLostIsUnavailable() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("rollback failed"));
		rollback.initApplicationException(new DataAccessResourceFailureException("update",
				new SQLException("An I/O error occurred while sending to the backend", "08006")));
		assertThat(DatabaseUnavailable.test(rollback)).isTrue();
	}

	@Test
	void whatTheWorkItselfGotWrongIsNot() {
		assertThat(DatabaseUnavailable.test(new DataIntegrityViolationException("insert",
				new SQLException("duplicate key value violates unique constraint", "23505"))))
			.isFalse();
		assertThat(DatabaseUnavailable.test(new SQLException("canceling statement due to statement timeout", "57014")))
			.isFalse();
		assertThat(DatabaseUnavailable.test(new IllegalStateException("a bug"))).isFalse();
	}

}
