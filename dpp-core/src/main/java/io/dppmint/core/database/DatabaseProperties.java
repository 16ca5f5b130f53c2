package io.dppmint.core.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where the platform's PostgreSQL is. With no {@code url} (environment
 * {@code DPP_DB_URL}) every app uses the embedded server on
 * 127.0.0.1:{@code embeddedPort}, data under {@code home}.
 *
 * @param url JDBC URL of an external PostgreSQL ({@code DPP_DB_URL}), or empty for the
 * embedded one
 * @param username the app's own role ({@code DPP_DB_USERNAME}; each app's
 * {@code application.yml} names its {@link AppRole})
 * @param password its password ({@code DPP_DB_PASSWORD}; on the embedded server, its
 * development password from {@code <home>/secrets/})
 * @param embeddedPort loopback port of the embedded server ({@code DPP_DB_EMBEDDED_PORT})
 * @param home the platform's local folder: embedded data, development secrets, export
 * packs ({@code DPP_DB_HOME}, or {@code DPP_HOME} through {@code application.yml}
 * defaults)
 * @param migrate whether this process applies pending migrations (the mint-jobs app does)
 * or only validates that the schema is current
 * @param migrationUsername the schema's owner, whom the migrating app's Flyway connects
 * as ({@code DPP_DB_MIGRATION_USERNAME}; on the embedded server {@code dpp}; else, if
 * empty, {@code username}); nothing else uses it
 * @param migrationPassword its password ({@code DPP_DB_MIGRATION_PASSWORD}; on the
 * embedded server its development password)
 */
@ConfigurationProperties("dpp.db")
public record DatabaseProperties(String url, String username, String password, @DefaultValue("5499") int embeddedPort,
		@DefaultValue(".dpp-data") Path home, @DefaultValue("false") boolean migrate, String migrationUsername,
		String migrationPassword) {

	/** Whether the embedded server is in use (no external URL configured). */
	public boolean embedded() {
		return !StringUtils.hasText(this.url);
	}

	public Path embeddedDataDirectory() {
		return this.home.resolve("postgres");
	}

	/**
	 * The schema owner's role: {@code migrationUsername}, else on the embedded server
	 * {@value EmbeddedPostgresServer#OWNER}, else {@code username}.
	 */
	public String ownerUsername() {
		if (StringUtils.hasText(this.migrationUsername)) {
			return this.migrationUsername;
		}
		return embedded() ? EmbeddedPostgresServer.OWNER : this.username;
	}

	/**
	 * The schema owner's password: {@code migrationPassword}, else on the embedded server
	 * the owner's development password, else {@code password}.
	 */
	public String ownerPassword() {
		if (StringUtils.hasText(this.migrationPassword)) {
			return this.migrationPassword;
		}
		return embedded() ? EmbeddedPostgresServer.password(this.home.toAbsolutePath(), ownerUsername())
				: this.password;
	}

}
