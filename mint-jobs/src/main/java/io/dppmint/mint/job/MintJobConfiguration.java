package io.dppmint.mint.job;

import javax.sql.DataSource;

import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.digsig.TokenSignatureCopy;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintJob;
import io.dppmint.jobs.metrics.CommittedCounter;
import io.dppmint.jobs.runner.HeldLeases;
import io.dppmint.jobs.runner.LeasedJobListener;
import io.dppmint.jobs.step.ChunkFaultTolerance;
import io.dppmint.jobs.step.StepProcessRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The mint job: {@code mintStartStep} moves the batch to processing,
 * {@code mintPartitionStep} writes its tokens in partitions of consecutive numbers (each
 * a fault-tolerant chunk step of 20,000-unit chunks), {@code mintCompleteStep} marks it
 * minted once every unit is committed. The single identifying parameter {@code batchId}
 * makes one job instance per batch, so a batch can never be minted by two instances; the
 * JDBC job repository makes it restartable after a failure or a killed process.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MintJobProperties.class)
public class MintJobConfiguration {

	@Bean
	LeasedMintJob leasedMintJob(JdbcConnectionDetails database, JdbcMintBatchRepository batches,
			MintAuditTrail auditTrail) {
		return new LeasedMintJob(database, batches, auditTrail);
	}

	@Bean
	HeldLeases<BatchLease> batchLeases() {
		return new HeldLeases<>("Batch");
	}

	@Bean
	Job mintJob(JobRepository jobRepository, Step mintStartStep, Step mintPartitionStep, Step mintCompleteStep,
			LeasedMintJob leasedMintJob, HeldLeases<BatchLease> batchLeases) {
		return new JobBuilder(MintJob.JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { MintJob.BATCH_ID }, new String[0]))
			.listener(new LeasedJobListener<>(leasedMintJob, batchLeases, MintJob.BATCH_ID, jobRepository))
			.start(mintStartStep)
			.next(mintPartitionStep)
			.next(mintCompleteStep)
			.build();
	}

	@Bean
	Step mintStartStep(JobRepository jobRepository, StepProcessRecorder stepProcessRecorder,
			PlatformTransactionManager transactionManager, JdbcMintBatchRepository batches, MintAuditTrail auditTrail,
			MintJobProperties properties, HeldLeases<BatchLease> batchLeases) {
		return new StepBuilder("mintStartStep", jobRepository).listener(stepProcessRecorder)
			.tasklet((contribution, chunkContext) -> {
				StepExecution stepExecution = chunkContext.getStepContext().getStepExecution();
				long batchId = stepExecution.getJobParameters().getLong(MintJob.BATCH_ID);
				MintBatch batch = batches.find(batchId)
					.orElseThrow(() -> new IllegalStateException("No mint batch " + batchId));
				ExecutionContext jobContext = stepExecution.getJobExecution().getExecutionContext();
				// Every execution, first run or restart, writes under the fence its
				// process
				// took with the lease; partitions read it from here, wherever they run.
				jobContext.putLong(MintJob.LEASE_FENCE, batchLeases.require(batchId).fence());
				if (!jobContext.containsKey(MintPartitioner.PLANNED_SIZE)) {
					// First run only: restarts inherit the plan with the job's context.
					jobContext.putInt(MintPartitioner.PLANNED_SIZE,
							MintPartitioner.plannedSize(batch.quantity(), properties));
				}
				batches.markProcessing(batchId)
					.ifPresent((previous) -> auditTrail.transition(batch, previous, MintBatchStatus.PROCESSING, null));
				return RepeatStatus.FINISHED;
			}, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Step mintPartitionStep(JobRepository jobRepository, StepProcessRecorder stepProcessRecorder,
			MintPartitioner mintPartitioner, Step mintTokensStep, SimpleAsyncTaskExecutor mintPartitionExecutor,
			ObjectProvider<PartitionHandler> remotePartitionHandler) {
		PartitionStepBuilder partitions = new StepBuilder("mintPartitionStep", jobRepository)
			.listener(stepProcessRecorder)
			.partitioner("mintTokensStep", mintPartitioner)
			.step(mintTokensStep);
		// A manager hands partitions to worker processes; otherwise this process's
		// partition threads write them.
		PartitionHandler remote = remotePartitionHandler.getIfAvailable();
		return (remote != null) ? partitions.partitionHandler(remote).build()
				: partitions.taskExecutor(mintPartitionExecutor).build();
	}

	@Bean
	Step mintTokensStep(JobRepository jobRepository, StepProcessRecorder stepProcessRecorder,
			PlatformTransactionManager transactionManager, TokenRangeReader mintTokenReader,
			CopyTokenWriter mintTokenWriter, MintJobProperties properties) {
		return ChunkFaultTolerance
			.retryTransientNeverSkip(new StepBuilder("mintTokensStep", jobRepository).listener(stepProcessRecorder)
				.<TokenRange, TokenRange>chunk(properties.chunkSize() / properties.rangeUnits())
				.transactionManager(transactionManager)
				.reader(mintTokenReader)
				.writer(mintTokenWriter), properties.retryLimit())
			.build();
	}

	@Bean
	Step mintCompleteStep(JobRepository jobRepository, StepProcessRecorder stepProcessRecorder,
			PlatformTransactionManager transactionManager, JdbcMintBatchRepository batches, MintAuditTrail auditTrail,
			HeldLeases<BatchLease> batchLeases) {
		return new StepBuilder("mintCompleteStep", jobRepository).listener(stepProcessRecorder)
			.tasklet((contribution, chunkContext) -> {
				long batchId = chunkContext.getStepContext()
					.getStepExecution()
					.getJobParameters()
					.getLong(MintJob.BATCH_ID);
				MintBatch batch = batches.find(batchId)
					.orElseThrow(() -> new IllegalStateException("No mint batch " + batchId));
				if (!batches.markMinted(batchId, batchLeases.require(batchId).fence())) {
					throw new IllegalStateException("Batch " + batchId + " has " + batch.mintedCount() + " of "
							+ batch.quantity() + " units committed: it cannot be marked minted");
				}
				auditTrail.transition(batch, MintBatchStatus.PROCESSING, MintBatchStatus.MINTED, null);
				return RepeatStatus.FINISHED;
			}, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	MintPartitioner mintPartitioner(@Value("#{jobParameters['batchId']}") Long batchId,
			@Value("#{jobExecutionContext['" + MintPartitioner.PLANNED_SIZE + "']}") Integer partitionSize,
			JdbcMintBatchRepository batches) {
		MintBatch batch = batches.find(batchId)
			.orElseThrow(() -> new IllegalStateException("No mint batch " + batchId));
		return new MintPartitioner(batch, partitionSize);
	}

	@Bean
	@StepScope
	TokenRangeReader mintTokenReader(@Value("#{stepExecutionContext['firstTokenNumber']}") Long firstTokenNumber,
			@Value("#{stepExecutionContext['units']}") Integer units, MintJobProperties properties) {
		return new TokenRangeReader(firstTokenNumber, units, properties.rangeUnits());
	}

	@Bean
	@StepScope
	CopyTokenWriter mintTokenWriter(@Value("#{jobParameters['batchId']}") Long batchId,
			@Value("#{jobExecutionContext['" + MintJob.LEASE_FENCE + "']}") Long fence, DataSource dataSource,
			JdbcMintBatchRepository batches, CommittedCounter mintedUnits, JdbcProductRepository products,
			ObjectProvider<BrandKeys> brandKeys, ObjectProvider<IdentifierScheme> identifiers) {
		MintBatch batch = batches.find(batchId)
			.orElseThrow(() -> new IllegalStateException("No mint batch " + batchId));
		if (fence == null) {
			throw new IllegalStateException("Batch " + batchId + "'s job execution carries no lease fence");
		}
		TokenSignatureCopy signatures = null;
		if (batch.signed()) {
			Gtin gtin = products.findById(batch.productId())
				.map(Product::gtin)
				.orElseThrow(() -> new IllegalStateException(
						"Signed batch " + batchId + "'s product " + batch.productId() + " has no GTIN"));
			signatures = new TokenSignatureCopy(brandKeys.getObject().signer(batch.signingKeyId()),
					identifiers.getObject(), gtin);
		}
		return new CopyTokenWriter(dataSource, batches, batch, batches.lots(batchId), fence, mintedUnits, signatures);
	}

	/**
	 * {@code dpp.mint.units}: units minted by this process (standalone, or a partition
	 * worker), counted when their chunk commits.
	 */
	@Bean
	CommittedCounter mintedUnits(MeterRegistry meters) {
		return new CommittedCounter(Counter.builder("dpp.mint.units")
			.description("Token units minted (committed) by this process")
			.register(meters));
	}

	@Bean
	SimpleAsyncTaskExecutor mintPartitionExecutor(MintJobProperties properties) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("mint-partition-");
		executor.setVirtualThreads(true);
		executor.setConcurrencyLimit(properties.partitionThreads());
		return executor;
	}

	/** Records which process runs each step, for the console's job timeline. */
	@Bean
	StepProcessRecorder stepProcessRecorder(JdbcClient jdbc, @Value("${spring.application.name}") String application) {
		return new StepProcessRecorder(jdbc, application);
	}

}
