package io.dppmint.core.database;

/**
 * The database role of each app, as {@code V18__app_roles.sql} creates and grants them:
 * each app connects as its own role (its {@code dpp.db.username} default), and only the
 * migrating app's Flyway uses the schema's owner.
 */
public enum AppRole {

	/** The public resolver: reads tokens and the catalogue, activates, records scans. */
	RESOLVER("dpp_resolver"),

	/** The console and the brand-portal API. */
	CONSOLE("dpp_console"),

	/** mint-jobs: mints, seals the audit chain. */
	MINT("dpp_mint"),

	/** export-jobs: writes packs. */
	EXPORT("dpp_export");

	private final String roleName;

	AppRole(String roleName) {
		this.roleName = roleName;
	}

	/** The role's name in PostgreSQL. */
	public String roleName() {
		return this.roleName;
	}

}
