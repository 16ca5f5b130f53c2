package io.dppmint.resolver.activation;

import io.dppmint.core.token.TokenActivation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** First-scan activation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivationProperties.class)
class ActivationConfiguration {

	@Bean
	FirstScanActivator firstScanActivator(TokenActivation activation, ActivationProperties properties) {
		return new FirstScanActivator(activation, properties);
	}

}
