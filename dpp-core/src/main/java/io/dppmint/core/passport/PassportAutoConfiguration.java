package io.dppmint.core.passport;

import io.dppmint.core.audit.AuditAutoConfiguration;
import io.dppmint.core.audit.AuditLog;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provides {@link JdbcPassports} and {@link JdbcAccessGrants} to every app that has a
 * database.
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, AuditAutoConfiguration.class })
@ConditionalOnSingleCandidate(JdbcClient.class)
public class PassportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JdbcPassports jdbcPassports(JdbcClient jdbc, PlatformTransactionManager transactionManager, AuditLog audit) {
		return new JdbcPassports(jdbc, new TransactionTemplate(transactionManager), audit);
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcPassportLineage jdbcPassportLineage(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			AuditLog audit) {
		return new JdbcPassportLineage(jdbc, new TransactionTemplate(transactionManager), audit);
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcAccessGrants jdbcAccessGrants(JdbcClient jdbc, PlatformTransactionManager transactionManager, AuditLog audit) {
		return new JdbcAccessGrants(jdbc, new TransactionTemplate(transactionManager), audit);
	}

}
