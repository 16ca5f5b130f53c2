package io.dppmint.export.launcher;

import io.dppmint.core.export.ExportProperties;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.export.job.ActiveLeases;
import io.dppmint.export.job.ExportAuditTrail;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runner every way of exporting goes through, and the background launcher (on unless
 * {@code dpp.export.launcher.enabled=false}, as in the command-line task).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExportLauncherProperties.class)
class LauncherConfiguration {

	@Bean
	ExportJobRunner exportJobRunner(JobOperator jobOperator, JobRepository jobRepository, Job exportJob,
			JdbcExportRepository exports, ActiveLeases leases, ExportAuditTrail auditTrail,
			ExportProperties properties) {
		return new ExportJobRunner(jobOperator, jobRepository, exportJob, exports, leases, auditTrail,
				properties.leaseDuration());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "dpp.export.launcher.enabled", matchIfMissing = true)
	ExportLauncher exportLauncher(JdbcConnectionDetails database, JdbcExportRepository exports, ExportJobRunner runner,
			ExportLauncherProperties properties) {
		return new ExportLauncher(database, exports, runner, properties);
	}

}
