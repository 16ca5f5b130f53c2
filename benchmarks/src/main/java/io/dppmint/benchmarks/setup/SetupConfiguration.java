package io.dppmint.benchmarks.setup;

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
	MintedBatches mintedBatches(MintIntake intake, JdbcMintBatchRepository batches, JdbcClient jdbc,
			TransactionTemplate transactions) {
		return new MintedBatches(intake, batches, jdbc, transactions);
	}

}
