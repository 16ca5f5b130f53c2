package io.dppmint.console.bench;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code bench-console} command of the console app ({@code ./dpp bench console}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.cli.command", havingValue = "bench-console")
class BenchmarkConfiguration {

	@Bean
	ConsoleBenchmark consoleBenchmark(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, JdbcBrandCounters counters, JdbcClient jdbc,
			TransactionTemplate transactions, PasswordEncoder passwordEncoder, WebServerApplicationContext server) {
		return new ConsoleBenchmark(brands, products, intake, batches, counters, jdbc, transactions, passwordEncoder,
				server);
	}

}
