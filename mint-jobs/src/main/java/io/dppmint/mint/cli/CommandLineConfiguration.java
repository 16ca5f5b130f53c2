package io.dppmint.mint.cli;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.jobs.cli.CommandOutcome;
import io.dppmint.jobs.runner.LeasedJobRunner;
import io.dppmint.mint.job.BatchLease;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.task.configuration.EnableTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command-line commands of the mint-jobs app, each run as a Spring Cloud Task (its
 * execution is recorded in {@code TASK_EXECUTION} and linked to the job executions it
 * ran).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.cli.command", havingValue = "mint")
@EnableTask
class CommandLineConfiguration {

	@Bean
	CommandOutcome commandOutcome() {
		return new CommandOutcome();
	}

	@Bean
	MintRequests mintRequests(JdbcBrandRepository brands, JdbcProductRepository products,
			JdbcProductionRunRepository productionRuns, MintIntake intake) {
		return new MintRequests(brands, products, productionRuns, intake);
	}

	@Bean
	@ConditionalOnProperty(name = "dpp.cli.command", havingValue = "mint")
	MintCommand mintCommand(MintRequests requests, JdbcMintBatchRepository batches,
			LeasedJobRunner<BatchLease> mintJobRunner, CommandOutcome outcome) {
		return new MintCommand(requests, batches, mintJobRunner, outcome);
	}

}
