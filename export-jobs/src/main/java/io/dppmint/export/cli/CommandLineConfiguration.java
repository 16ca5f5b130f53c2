package io.dppmint.export.cli;

import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.export.job.ExportLease;
import io.dppmint.jobs.cli.CommandOutcome;
import io.dppmint.jobs.runner.LeasedJobRunner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.task.configuration.EnableTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command-line commands of the export-jobs app, each run as a Spring Cloud Task (its
 * execution is recorded in {@code TASK_EXECUTION} and linked to the job executions it
 * ran).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("dpp.cli.command")
@EnableTask
class CommandLineConfiguration {

	@Bean
	CommandOutcome commandOutcome() {
		return new CommandOutcome();
	}

	@Bean
	@ConditionalOnProperty(name = "dpp.cli.command", havingValue = "export")
	ExportCommand exportCommand(ExportIntake intake, JdbcExportRepository exports,
			LeasedJobRunner<ExportLease> exportJobRunner, CommandOutcome outcome) {
		return new ExportCommand(intake, exports, exportJobRunner, outcome);
	}

}
