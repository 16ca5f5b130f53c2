package io.dppmint.export.launcher;

import io.dppmint.core.export.ExportJob;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.export.job.ExportLease;
import io.dppmint.export.job.LeasedExportJob;
import io.dppmint.jobs.launcher.NotifiedLauncher;
import io.dppmint.jobs.runner.HeldLeases;
import io.dppmint.jobs.runner.LeasedJobRunner;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runner every way of exporting goes through, and the background launcher: it LISTENs
 * for requested exports ({@value #CHANNEL}, notified by a trigger when an export becomes
 * pending) and sweeps pending exports and running ones whose lease expired (their process
 * died), which it takes over. On unless {@code dpp.export.launcher.enabled=false}, as in
 * the command-line task.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExportLauncherProperties.class)
class LauncherConfiguration {

	static final String CHANNEL = "dpp_export_requested";

	@Bean
	LeasedJobRunner<ExportLease> exportJobRunner(LeasedExportJob leasedExportJob, HeldLeases<ExportLease> exportLeases,
			Job exportJob, JobOperator jobOperator, JobRepository jobRepository, MeterRegistry meters) {
		return new LeasedJobRunner<>(leasedExportJob, exportLeases, exportJob, ExportJob.EXPORT_ID, jobOperator,
				jobRepository, meters);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "dpp.export.launcher.enabled", matchIfMissing = true)
	NotifiedLauncher exportLauncher(JdbcConnectionDetails database, JdbcExportRepository exports,
			LeasedJobRunner<ExportLease> exportJobRunner, ExportLauncherProperties properties) {
		return new NotifiedLauncher("export-launcher", CHANNEL, database, exports::unfinished, exportJobRunner::run,
				properties);
	}

}
