package io.dppmint.resolver.activation;

import io.dppmint.core.token.TokenActivation;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** First-scan activation, and its meters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivationProperties.class)
class ActivationConfiguration {

	@Bean
	FirstScanActivator firstScanActivator(TokenActivation activation, ActivationProperties properties,
			MeterRegistry meters) {
		FirstScanActivator activator = new FirstScanActivator(activation, properties);
		Gauge.builder("dpp.resolver.activations.waiting", activator, FirstScanActivator::waiting)
			.description("First-scan activations waiting to commit (held while the primary is unavailable)")
			.register(meters);
		FunctionCounter.builder("dpp.resolver.activations.deferred", activator, FirstScanActivator::deferrals)
			.description("First scans answered before their activation committed (primary unavailable or slow)")
			.register(meters);
		return activator;
	}

}
