package io.dppmint.benchmarks.setup;

import io.dppmint.benchmarks.launch.BenchmarkApps;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What every benchmark sets its data up with. */
@Configuration(proxyBeanMethods = false)
class SetupConfiguration {

	@Bean
	BenchData benchData(BenchmarkApps apps, JdbcBrandRepository brands, JdbcProductRepository products,
			MintIntake intake, JdbcMintBatchRepository batches, JdbcClient jdbc, TransactionTemplate transactions) {
		return new BenchData(apps, brands, products, intake, batches, jdbc, transactions);
	}

}
