package io.dppmint.core.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.dppmint.core.background.BackgroundLoop;
import io.dppmint.core.database.DatabaseProperties;
import io.dppmint.core.secrets.PlatformSecrets;
import io.dppmint.core.secrets.SecretsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log for every app: recording everywhere; sealing
 * ({@code dpp.audit.sealing.enabled}, every {@code dpp.audit.seal-interval}), the
 * scheduled verification ({@code dpp.audit.verification.enabled}, shown as the
 * {@code auditChain} health component) and the checkpoint
 * ({@code dpp.audit.checkpoint.*}) where an app turns them on. The audit key is read only
 * by apps that seal or verify.
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, SecretsAutoConfiguration.class })
@EnableConfigurationProperties({ AuditProperties.class, DatabaseProperties.class })
public class AuditAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuditLog auditLog(JdbcClient jdbc) {
		return new AuditLog(jdbc);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	AuditChainKey auditChainKey(PlatformSecrets secrets) {
		byte[] key = secrets.auditKey();
		List<byte[]> retired = secrets.retiredAuditKeys();
		try {
			return new AuditChainKey(key, retired);
		}
		finally {
			Arrays.fill(key, (byte) 0);
			retired.forEach((old) -> Arrays.fill(old, (byte) 0));
		}
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	AuditChainSealer auditChainSealer(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			AuditChainKey key) {
		return new AuditChainSealer(jdbc, new TransactionTemplate(transactionManager), key);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	AuditChainVerifier auditChainVerifier(DataSource dataSource, PlatformTransactionManager transactionManager,
			AuditChainKey key) {
		// One snapshot for the walk, the head and the anchor.
		TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
		readOnly.setReadOnly(true);
		readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		return new AuditChainVerifier(dataSource, readOnly, key, Clock.systemUTC());
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	AuditCheckpointFile auditCheckpointFile(AuditProperties properties, DatabaseProperties database,
			AuditChainKey key) {
		Path file = (properties.checkpoint().file() != null) ? properties.checkpoint().file()
				: database.home().resolve("audit").resolve("checkpoint");
		return new AuditCheckpointFile(file, key);
	}

	@Bean
	@ConditionalOnBooleanProperty("dpp.audit.sealing.enabled")
	BackgroundLoop auditSealingLoop(AuditChainSealer sealer, AuditProperties properties) {
		// Only one process at a time gets the chain; the others find it busy and wait for
		// their next round.
		return BackgroundLoop.named("audit-sealer").every(properties.sealInterval(), sealer::sealAll);
	}

	@Bean
	@ConditionalOnBooleanProperty("dpp.audit.verification.enabled")
	AuditChainMonitor auditChainMonitor(AuditChainVerifier verifier, AuditCheckpointFile checkpoints,
			AuditProperties properties) {
		return new AuditChainMonitor(verifier, checkpoints, properties.checkpoint().write(),
				properties.verification().fullInterval(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnBooleanProperty("dpp.audit.verification.enabled")
	BackgroundLoop auditVerificationLoop(AuditChainMonitor monitor, AuditProperties properties) {
		return BackgroundLoop.named("audit-verifier").every(properties.verification().interval(), monitor::verifyNow);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBooleanProperty("dpp.audit.verification.enabled")
	static class AuditChainHealthConfiguration {

		/**
		 * {@code auditChain} in {@code /actuator/health}: UNKNOWN until the first
		 * verification ends, then UP with what was verified, or DOWN with the first bad
		 * position. The liveness and readiness probes do not include it: a tampered
		 * history is for people to look into, not a reason to restart or unroute the app.
		 */
		@Bean
		HealthIndicator auditChainHealthIndicator(AuditChainMonitor monitor) {
			return () -> {
				AuditVerification latest = monitor.latest();
				if (latest == null) {
					return Health.unknown().withDetail("verification", "not finished yet").build();
				}
				Health.Builder health = latest.intact() ? Health.up() : Health.down();
				health.withDetail("verifiedAt", latest.verifiedAt().toString())
					.withDetail("position", latest.position())
					.withDetail("checkpoint",
							(latest.checkpointPosition() != null) ? latest.checkpointPosition() : "none");
				if (!latest.intact()) {
					health.withDetail("problem", latest.problem());
					if (latest.brokenAt() != null) {
						health.withDetail("firstBadPosition", latest.brokenAt());
					}
				}
				return health.build();
			};
		}

	}

}
