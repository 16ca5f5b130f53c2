package io.dppmint.benchmarks.mint;

import javax.sql.DataSource;

import io.dppmint.benchmarks.database.BenchmarkDatabase;
import io.dppmint.benchmarks.launch.BenchmarkApps;
import io.dppmint.benchmarks.setup.BenchData;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** {@code ./dpp bench mint}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.benchmark", havingValue = "mint")
class MintBenchmarkConfiguration {

	@Bean
	JdbcBatchItemWriterBaseline jdbcBatchItemWriterBaseline(JobRepository jobRepository, JobOperator jobOperator,
			PlatformTransactionManager transactionManager, DataSource dataSource) {
		return new JdbcBatchItemWriterBaseline(jobRepository, jobOperator, transactionManager, dataSource);
	}

	@Bean
	MintBenchmark mintBenchmark(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, BenchmarkDatabase database, JdbcClient jdbc,
			JdbcBatchItemWriterBaseline jdbcBaseline, BenchmarkApps apps, BenchData data) {
		return new MintBenchmark(intake, database, jdbcBaseline, data);
	}

}
