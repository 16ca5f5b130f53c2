package io.dppmint.mint.launcher;

import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintJob;
import io.dppmint.jobs.launcher.NotifiedLauncher;
import io.dppmint.jobs.runner.HeldLeases;
import io.dppmint.jobs.runner.LeasedJobRunner;
import io.dppmint.mint.job.BatchLease;
import io.dppmint.mint.job.LeasedMintJob;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runner every way of minting goes through, and the background launcher: it LISTENs
 * for queued batches ({@value #CHANNEL}, notified by a trigger when a batch is queued)
 * and sweeps unfinished ones, which resumes jobs whose process died. On unless
 * {@code dpp.mint.launcher.enabled=false}, as in the command-line task, or the process is
 * a partition worker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MintLauncherProperties.class)
class LauncherConfiguration {

	static final String CHANNEL = "dpp_mint_batch_queued";

	@Bean
	LeasedJobRunner<BatchLease> mintJobRunner(LeasedMintJob leasedMintJob, HeldLeases<BatchLease> batchLeases,
			Job mintJob, JobOperator jobOperator, JobRepository jobRepository, MeterRegistry meters) {
		return new LeasedJobRunner<>(leasedMintJob, batchLeases, mintJob, MintJob.BATCH_ID, jobOperator, jobRepository,
				meters);
	}

	@Bean
	@ConditionalOnExpression("${dpp.mint.launcher.enabled:true} and '${dpp.mint.role:standalone}' != 'worker'")
	NotifiedLauncher mintLauncher(JdbcConnectionDetails database, JdbcMintBatchRepository batches,
			LeasedJobRunner<BatchLease> mintJobRunner, MintLauncherProperties properties) {
		return new NotifiedLauncher("mint-launcher", CHANNEL, database, batches::unfinished, mintJobRunner::run,
				properties);
	}

}
