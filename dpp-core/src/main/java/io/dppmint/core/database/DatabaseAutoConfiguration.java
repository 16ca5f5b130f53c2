package io.dppmint.core.database;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.ValidateResult;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Connects every app to the platform's PostgreSQL: the one named by {@code DPP_DB_URL},
 * or the embedded server started (or joined) on first use, as the app's own role
 * ({@link AppRole}). Also decides who migrates: the process with
 * {@code dpp.db.migrate=true} applies pending Flyway migrations over a connection of its
 * own as the schema's owner ({@code dpp.db.migration-username}), the only use of the
 * owner; every other process only checks, as its own role, that the schema is current and
 * refuses to start otherwise. On the embedded server the migrating app then gives the
 * apps' roles their development passwords.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(JdbcConnectionDetails.class)
	PlatformJdbcConnectionDetails platformJdbcConnectionDetails(DatabaseProperties properties) {
		return PlatformJdbcConnectionDetails.of(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	FlywayMigrationStrategy platformMigrationStrategy(DatabaseProperties properties) {
		return (flyway) -> {
			if (properties.migrate()) {
				flyway.migrate();
				return;
			}
			ValidateResult result = flyway.validateWithResult();
			if (!result.validationSuccessful) {
				throw new FlywayException("The database schema is not current (" + result.getAllErrorMessages()
						+ "). Migrations are applied by the mint-jobs app (dpp.db.migrate=true): start it first.");
			}
		};
	}

	/**
	 * The migrating app's Flyway connects as the schema's owner, over a connection of its
	 * own; the app itself keeps its own role.
	 */
	@Bean
	@ConditionalOnBooleanProperty("dpp.db.migrate")
	@ConditionalOnMissingBean(FlywayConnectionDetails.class)
	FlywayConnectionDetails ownerFlywayConnectionDetails(DatabaseProperties properties,
			JdbcConnectionDetails database) {
		String username = properties.ownerUsername();
		String password = properties.ownerPassword();
		return new FlywayConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return database.getJdbcUrl();
			}

			@Override
			public String getUsername() {
				return username;
			}

			@Override
			public String getPassword() {
				return password;
			}

		};
	}

}
