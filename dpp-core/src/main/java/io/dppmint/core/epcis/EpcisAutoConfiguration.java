package io.dppmint.core.epcis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * EPCIS event reads for the apps that serve (the console) or push (export-jobs) them.
 * Events are recorded by the changes they report, inside their transactions.
 */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@ConditionalOnSingleCandidate(JdbcClient.class)
public class EpcisAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JdbcEpcisEvents jdbcEpcisEvents(JdbcClient jdbc) {
		return new JdbcEpcisEvents(jdbc);
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcEpcisCaptureTargets jdbcEpcisCaptureTargets(JdbcClient jdbc) {
		return new JdbcEpcisCaptureTargets(jdbc);
	}

}
