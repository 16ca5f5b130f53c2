package io.dppmint.benchmarks.console;

import io.dppmint.benchmarks.launch.BenchmarkApps;
import io.dppmint.benchmarks.setup.MintedBatches;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code ./dpp bench console}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.benchmark", havingValue = "console")
class ConsoleBenchmarkConfiguration {

	@Bean
	ConsoleBenchmark consoleBenchmark(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, JdbcClient jdbc, TransactionTemplate transactions, BenchmarkApps apps,
			MintedBatches minted) {
		// The console stores delegating password hashes ({bcrypt}...); so must its users.
		return new ConsoleBenchmark(brands, products, intake, batches, jdbc, transactions,
				PasswordEncoderFactories.createDelegatingPasswordEncoder(), apps, minted);
	}

}
