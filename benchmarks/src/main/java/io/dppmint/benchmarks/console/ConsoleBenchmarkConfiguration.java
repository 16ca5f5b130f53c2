package io.dppmint.benchmarks.console;

import io.dppmint.benchmarks.setup.BenchData;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** {@code ./dpp bench console}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.benchmark", havingValue = "console")
class ConsoleBenchmarkConfiguration {

	@Bean
	ConsoleBenchmark consoleBenchmark(BenchData data) {
		// The console stores delegating password hashes ({bcrypt}...); so must its users.
		return new ConsoleBenchmark(PasswordEncoderFactories.createDelegatingPasswordEncoder(), data);
	}

}
