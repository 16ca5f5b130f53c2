package io.dppmint.mint.bench;

import javax.sql.DataSource;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.mint.cli.CommandOutcome;
import io.dppmint.mint.launcher.MintJobRunner;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The {@code bench-mint} command of the mint-jobs app ({@code ./dpp bench mint}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.cli.command", havingValue = "bench-mint")
class BenchmarkConfiguration {

	@Bean
	JdbcBatchItemWriterBaseline jdbcBatchItemWriterBaseline(JobRepository jobRepository, JobOperator jobOperator,
			PlatformTransactionManager transactionManager, DataSource dataSource) {
		return new JdbcBatchItemWriterBaseline(jobRepository, jobOperator, transactionManager, dataSource);
	}

	@Bean
	MintBenchmark mintBenchmark(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, MintJobRunner runner, JdbcConnectionDetails database, JdbcClient jdbc,
			JdbcBatchItemWriterBaseline jdbcBaseline, CommandOutcome outcome) {
		return new MintBenchmark(brands, products, intake, batches, runner, database, jdbc, jdbcBaseline, outcome);
	}

}
