package io.dppmint.core.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * On the embedded development server, gives each app's role (created by the migrations,
 * without a password) its development password from {@code <home>/secrets/}, right after
 * the migrating app migrated and before any app logs in as its role. Runs on the owner's
 * connection, which created the roles and so may set their passwords. Never used with an
 * external database, whose operator sets the passwords.
 */
final class EmbeddedRolePasswords implements Callback {

	private final boolean embedded;

	private final Path home;

	EmbeddedRolePasswords(boolean embedded, Path home) {
		this.embedded = embedded;
		this.home = home;
	}

	@Override
	public boolean supports(Event event, Context context) {
		return this.embedded && event == Event.AFTER_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		Connection connection = context.getConnection();
		try {
			for (AppRole role : AppRole.values()) {
				EmbeddedPostgresServer.setPassword(connection, role.roleName(),
						EmbeddedPostgresServer.password(this.home, role.roleName()));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not set the development passwords of the apps' roles", ex);
		}
	}

	@Override
	public String getCallbackName() {
		return "dpp-embedded-role-passwords";
	}

}
