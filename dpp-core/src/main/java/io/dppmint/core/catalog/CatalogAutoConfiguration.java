package io.dppmint.core.catalog;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Provides the catalogue repositories to every app (the core has no component scan), on
 * the app's {@link JdbcClient}, which Boot creates only after Flyway has migrated or
 * validated the schema.
 */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@ConditionalOnSingleCandidate(JdbcClient.class)
public class CatalogAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JdbcBrandRepository jdbcBrandRepository(JdbcClient jdbc) {
		return new JdbcBrandRepository(jdbc);
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcProductRepository jdbcProductRepository(JdbcClient jdbc) {
		return new JdbcProductRepository(jdbc);
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcProductionRunRepository jdbcProductionRunRepository(JdbcClient jdbc) {
		return new JdbcProductionRunRepository(jdbc);
	}

}
