package io.dppmint.core.database;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.ValidateResult;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Connects every app to the platform's PostgreSQL: the one named by {@code DPP_DB_URL},
 * or the embedded server started (or joined) on first use. Also decides who migrates: the
 * process with {@code dpp.db.migrate=true} applies pending Flyway migrations, every other
 * process only checks that the schema is current and refuses to start otherwise.
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

}
