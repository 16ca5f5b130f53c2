package io.dppmint.core.audit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit log, for every app. */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
public class AuditAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuditLog auditLog(JdbcClient jdbc) {
		return new AuditLog(jdbc);
	}

}
