package io.dppmint.resolver.bots;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link BotDetector}, built once at start-up (Yauaa takes a few seconds). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BotProperties.class)
class BotConfiguration {

	@Bean
	BotDetector botDetector(BotProperties properties) {
		return new BotDetector(properties.previewAgents(), properties.cacheSize(), properties.analyzers(),
				properties.maxWait(), properties.parsesPerSecond());
	}

}
