package io.dppmint.core.token;

import io.dppmint.core.audit.AuditAutoConfiguration;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.identifier.IdentifierAutoConfiguration;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.kpi.JdbcBrandCounters;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Token status changes for every app: first-scan activation (the resolver) and revocation
 * (the console and the API). Revocation names tokens by their identifiers, so it is
 * created only where it is used, and only there is the identifier key needed.
 */
@AutoConfiguration(
		after = { JdbcClientAutoConfiguration.class, AuditAutoConfiguration.class, IdentifierAutoConfiguration.class })
@ConditionalOnSingleCandidate(JdbcClient.class)
public class TokenAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JdbcTokenRepository jdbcTokenRepository(JdbcClient jdbc) {
		return new JdbcTokenRepository(jdbc);
	}

	@Bean
	@ConditionalOnMissingBean
	TokenActivation tokenActivation(JdbcTokenRepository tokens, JdbcBrandCounters counters, AuditLog auditLog,
			PlatformTransactionManager transactionManager) {
		return new TokenActivation(tokens, counters, auditLog, new TransactionTemplate(transactionManager));
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	TokenRevocation tokenRevocation(JdbcTokenRepository tokens, JdbcBrandCounters counters, AuditLog auditLog,
			IdentifierScheme identifiers, PlatformTransactionManager transactionManager) {
		return new TokenRevocation(tokens, counters, auditLog, identifiers,
				new TransactionTemplate(transactionManager));
	}

}
