package io.dppmint.mint.launcher;

import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.mint.job.MintAuditTrail;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The runner every way of minting goes through, and the background launcher (on unless
 * {@code dpp.mint.launcher.enabled=false}, as in the command-line task, or the process is
 * a partition worker).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MintLauncherProperties.class)
class LauncherConfiguration {

	@Bean
	@Primary
	MintJobRunner mintJobRunner(JobOperator jobOperator, JobRepository jobRepository, Job mintJob,
			JdbcMintBatchRepository batches, MintAuditTrail auditTrail) {
		return new MintJobRunner(jobOperator, jobRepository, mintJob, batches, auditTrail);
	}

	@Bean
	@ConditionalOnExpression("${dpp.mint.launcher.enabled:true} and '${dpp.mint.role:standalone}' != 'worker'")
	MintLauncher mintLauncher(JdbcConnectionDetails database, JdbcMintBatchRepository batches, MintJobRunner runner,
			MintLauncherProperties properties) {
		return new MintLauncher(database, batches, runner, properties);
	}

}
