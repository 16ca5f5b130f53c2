package io.dppmint.core.audit;

import java.time.Duration;

import javax.sql.DataSource;

import io.dppmint.core.background.BackgroundLoop;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log for every app: recording, the background sealer
 * ({@code dpp.audit.seal-interval}, default 200 ms;
 * {@code dpp.audit.sealing.enabled=false} turns it off) and verification.
 */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
public class AuditAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuditLog auditLog(JdbcClient jdbc) {
		return new AuditLog(jdbc);
	}

	@Bean
	@ConditionalOnMissingBean
	AuditChainSealer auditChainSealer(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		return new AuditChainSealer(jdbc, new TransactionTemplate(transactionManager));
	}

	@Bean
	@ConditionalOnMissingBean
	AuditChainVerifier auditChainVerifier(DataSource dataSource, PlatformTransactionManager transactionManager) {
		TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
		readOnly.setReadOnly(true);
		return new AuditChainVerifier(dataSource, readOnly);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "dpp.audit.sealing.enabled", matchIfMissing = true)
	BackgroundLoop auditSealingLoop(AuditChainSealer sealer,
			@Value("${dpp.audit.seal-interval:200ms}") Duration interval) {
		// Every app seals; only one process at a time gets the chain, the others find it
		// busy and wait for their next round.
		return BackgroundLoop.named("audit-sealer").every(interval, sealer::sealAll);
	}

}
