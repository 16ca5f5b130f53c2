package io.dppmint.core.demo;

import io.dppmint.core.catalog.CatalogAutoConfiguration;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * Loads the {@link DemoData} when the app starts with {@code dpp.demo=true}
 * ({@code ./dpp up --demo}), and never without it. It runs as an
 * {@link org.springframework.boot.ApplicationRunner}, after the context (and so Flyway)
 * is ready. The demo brands' resolver base URL is {@code dpp.demo-resolver-base-url}
 * ({@code DPP_DEMO_RESOLVER_BASE_URL}), by default
 * {@value DemoData#DEFAULT_RESOLVER_BASE_URL}; it only applies to brands it creates.
 */
@AutoConfiguration(after = CatalogAutoConfiguration.class)
@ConditionalOnBooleanProperty("dpp.demo")
public class DemoAutoConfiguration {

	@Bean
	DemoData demoData(JdbcBrandRepository brands, JdbcProductRepository products,
			JdbcProductionRunRepository productionRuns,
			@Value("${dpp.demo-resolver-base-url:" + DemoData.DEFAULT_RESOLVER_BASE_URL + "}") String resolverBaseUrl) {
		return new DemoData(brands, products, productionRuns, resolverBaseUrl);
	}

}
