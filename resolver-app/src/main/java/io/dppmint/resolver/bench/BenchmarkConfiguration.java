package io.dppmint.resolver.bench;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.resolver.telemetry.ScanTelemetry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code bench-resolver} command of the resolver app ({@code ./dpp bench resolver}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.cli.command", havingValue = "bench-resolver")
class BenchmarkConfiguration {

	@Bean
	ResolverBenchmark resolverBenchmark(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, JdbcClient jdbc, TransactionTemplate transactions,
			IdentifierScheme identifiers, WebServerApplicationContext server, ScanTelemetry telemetry,
			MeterRegistry meters) {
		return new ResolverBenchmark(brands, products, intake, batches, jdbc, transactions, identifiers, server,
				telemetry, meters);
	}

}
