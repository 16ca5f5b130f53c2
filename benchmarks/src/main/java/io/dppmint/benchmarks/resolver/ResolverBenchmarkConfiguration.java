package io.dppmint.benchmarks.resolver;

import io.dppmint.benchmarks.launch.BenchmarkApps;
import io.dppmint.benchmarks.setup.MintedBatches;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code ./dpp bench resolver}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.benchmark", havingValue = "resolver")
class ResolverBenchmarkConfiguration {

	@Bean
	ResolverBenchmark resolverBenchmark(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, JdbcClient jdbc, TransactionTemplate transactions,
			IdentifierScheme identifiers, BenchmarkApps apps, MintedBatches minted) {
		return new ResolverBenchmark(brands, products, intake, batches, jdbc, transactions, identifiers, apps, minted);
	}

}
