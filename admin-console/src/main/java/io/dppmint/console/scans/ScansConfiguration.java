package io.dppmint.console.scans;

import io.dppmint.core.background.BackgroundLoop;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Scan statistics and the scan maintenance loop. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScansProperties.class)
class ScansConfiguration {

	@Bean
	ScanStatistics scanStatistics(JdbcClient jdbc) {
		return new ScanStatistics(jdbc);
	}

	@Bean
	ScanMaintenance scanMaintenance(JdbcClient jdbc, ScansProperties properties) {
		return new ScanMaintenance(jdbc, properties);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "dpp.scans.maintenance-enabled", matchIfMissing = true)
	BackgroundLoop scanMaintenanceLoop(ScanMaintenance maintenance, ScansProperties properties) {
		return BackgroundLoop.named("scan-maintenance").every(properties.maintenanceInterval(), maintenance::run);
	}

}
