package io.dppmint.mint.bench;

import javax.sql.DataSource;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.mint.cli.CommandOutcome;
import io.dppmint.mint.job.MintAuditTrail;
import io.dppmint.mint.launcher.MintJobRunner;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
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
			JdbcMintBatchRepository batches, MintJobRunner mintJobRunner,
			ObjectProvider<MintJobRunner> singleProcessMintJobRunner, JdbcConnectionDetails database, JdbcClient jdbc,
			JdbcBatchItemWriterBaseline jdbcBaseline, CommandOutcome outcome) {
		return new MintBenchmark(brands, products, intake, batches, mintJobRunner,
				singleProcessMintJobRunner.getIfAvailable(), database, jdbc, jdbcBaseline, outcome);
	}

	/**
	 * For {@code --workers}: in the manager role the mint job hands its partitions to
	 * workers; this is the same job with its partitions written in this process, to
	 * compare with.
	 */
	@Bean
	@ConditionalOnExpression("'${dpp.mint.role:standalone}' == 'manager'")
	MintJobRunner singleProcessMintJobRunner(JobOperator jobOperator, JobRepository jobRepository, Step mintStartStep,
			@Qualifier("mintPartitioner") Partitioner mintPartitioner, Step mintTokensStep, Step mintCompleteStep,
			SimpleAsyncTaskExecutor mintPartitionExecutor,
			@Qualifier("mintBatchStatusListener") JobExecutionListener mintBatchStatusListener,
			JdbcMintBatchRepository batches, MintAuditTrail auditTrail) {
		Step partitions = new StepBuilder("mintPartitionStep", jobRepository)
			.partitioner("mintTokensStep", mintPartitioner)
			.step(mintTokensStep)
			.taskExecutor(mintPartitionExecutor)
			.build();
		Job job = new JobBuilder("mintJobSingleProcess", jobRepository).listener(mintBatchStatusListener)
			.start(mintStartStep)
			.next(partitions)
			.next(mintCompleteStep)
			.build();
		return new MintJobRunner(jobOperator, jobRepository, job, batches, auditTrail);
	}

}
