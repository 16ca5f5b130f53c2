package io.dppmint.export.backup;

import java.time.Clock;

import javax.sql.DataSource;

import io.dppmint.core.database.DatabaseProperties;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.jobs.cli.CommandOutcome;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The {@code backup} and {@code restore} commands of the export-jobs app. They connect as
 * the schema's owner ({@code DPP_DB_MIGRATION_USERNAME}; the embedded server's owner by
 * default), over connections of their own: a restore writes tables and sequences the
 * app's role may not, and a backup reads tables it may not (grants, signing keys). The
 * app itself keeps its own role. The data source is not a bean, so that it does not
 * replace the app's.
 */
@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

	@Bean
	@ConditionalOnProperty(name = "dpp.cli.command", havingValue = "backup")
	BackupCommand backupCommand(DatabaseProperties database, JdbcConnectionDetails connection,
			IdentifierScheme identifiers, CommandOutcome outcome) {
		return new BackupCommand(new BrandBackup(owner(database, connection), identifiers, Clock.systemUTC()), outcome);
	}

	@Bean
	@ConditionalOnProperty(name = "dpp.cli.command", havingValue = "restore")
	RestoreCommand restoreCommand(DatabaseProperties database, JdbcConnectionDetails connection,
			IdentifierScheme identifiers, CommandOutcome outcome) {
		return new RestoreCommand(new BrandRestore(owner(database, connection), identifiers), outcome);
	}

	private static DataSource owner(DatabaseProperties database, JdbcConnectionDetails connection) {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), connection.getJdbcUrl(),
				database.ownerUsername(), database.ownerPassword());
	}

}
