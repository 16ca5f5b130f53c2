package io.dppmint.resolver.activation;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.kpi.JdbcBrandCounters;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** First-scan activation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivationProperties.class)
class ActivationConfiguration {

	@Bean
	FirstScanActivator firstScanActivator(JdbcClient jdbc, TransactionTemplate transactions, JdbcBrandCounters counters,
			AuditLog auditLog, ActivationProperties properties) {
		return new FirstScanActivator(jdbc, transactions, counters, auditLog, properties);
	}

}
