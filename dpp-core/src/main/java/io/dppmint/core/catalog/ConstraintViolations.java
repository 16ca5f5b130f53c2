package io.dppmint.core.catalog;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Which named constraint of {@code V4__catalogue.sql} refused a write, so that the
 * repositories can turn it into a {@link CatalogValidationException} naming the input
 * field. Constraint names are stable: they are part of the schema.
 */
final class ConstraintViolations {

	private ConstraintViolations() {
	}

	/**
	 * The name of the constraint PostgreSQL reported, or {@code null} if none is known.
	 */
	static String constraintOf(DataIntegrityViolationException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PSQLException psql) {
				ServerErrorMessage message = psql.getServerErrorMessage();
				return (message != null) ? message.getConstraint() : null;
			}
		}
		return null;
	}

}
