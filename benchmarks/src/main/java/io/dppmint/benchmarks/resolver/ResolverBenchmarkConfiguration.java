package io.dppmint.benchmarks.resolver;

import io.dppmint.benchmarks.setup.BenchData;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.nfc.JdbcBrandNfcKeys;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code ./dpp bench resolver}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.benchmark", havingValue = "resolver")
class ResolverBenchmarkConfiguration {

	@Bean
	ResolverBenchmark resolverBenchmark(IdentifierScheme identifiers, BenchData data, JdbcBrandNfcKeys nfcKeys) {
		return new ResolverBenchmark(identifiers, data, nfcKeys);
	}

}
