package io.dppmint.benchmarks.mint;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The baseline "what a user would build": a plain, single-threaded Spring Batch chunk job
 * with the same 20,000-unit chunks, writing the same token rows with
 * {@link JdbcBatchItemWriter} (batched {@code INSERT}s through the default driver
 * settings).
 */
final class JdbcBatchItemWriterBaseline {

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final PlatformTransactionManager transactionManager;

	private final DataSource dataSource;

	JdbcBatchItemWriterBaseline(JobRepository jobRepository, JobOperator jobOperator,
			PlatformTransactionManager transactionManager, DataSource dataSource) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.transactionManager = transactionManager;
		this.dataSource = dataSource;
	}

	/**
	 * Write {@code units} tokens numbered from {@code first} for batch {@code batchId}.
	 */
	void run(long first, int units, long batchId) throws Exception {
		JdbcBatchItemWriter<Long> writer = new JdbcBatchItemWriterBuilder<Long>().dataSource(this.dataSource)
			.sql("insert into tokens (id, batch_id, lot_id, status) values (?, ?, null, 1)")
			.itemPreparedStatementSetter((number, statement) -> {
				statement.setLong(1, number);
				statement.setLong(2, batchId);
			})
			.assertUpdates(true)
			.build();
		writer.afterPropertiesSet();
		Job job = new JobBuilder("benchJdbcBatchItemWriterJob", this.jobRepository)
			.start(new StepBuilder("benchJdbcBatchItemWriterStep", this.jobRepository).<Long, Long>chunk(20_000)
				.transactionManager(this.transactionManager)
				.reader(new RangeReader(first, units))
				.writer(writer)
				.build())
			.build();
		JobExecution execution = this.jobOperator.start(job,
				new JobParametersBuilder().addLong("run", System.nanoTime()).toJobParameters());
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("The JdbcBatchItemWriter baseline ended " + execution.getStatus());
		}
	}

	private static final class RangeReader extends AbstractItemCountingItemStreamItemReader<Long> {

		private final long first;

		private int position;

		RangeReader(long first, int units) {
			this.first = first;
			setName("benchRangeReader");
			setMaxItemCount(units);
		}

		@Override
		protected Long doRead() {
			return this.first + this.position++;
		}

		@Override
		protected void doOpen() {
		}

		@Override
		protected void doClose() {
		}

	}

}
