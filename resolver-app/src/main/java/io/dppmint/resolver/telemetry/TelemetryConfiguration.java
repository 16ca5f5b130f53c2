package io.dppmint.resolver.telemetry;

import javax.sql.DataSource;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Scan telemetry: the queue, its writer, its gauges and the client-network filter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TelemetryProperties.class, GeoProperties.class })
class TelemetryConfiguration {

	@Bean
	ScanTelemetry scanTelemetry(DataSource dataSource, TelemetryProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		ScanTelemetry telemetry = new ScanTelemetry(dataSource, properties);
		meters.ifAvailable((registry) -> {
			// Counters read from the queue's own totals: nothing is added to a scan.
			FunctionCounter.builder("dpp.resolver.telemetry.dropped", telemetry, ScanTelemetry::dropped)
				.description("Scan events dropped (queue full, or their write failed) instead of stored")
				.register(registry);
			FunctionCounter.builder("dpp.resolver.telemetry.written", telemetry, ScanTelemetry::written)
				.description("Scan events written to scan_events")
				.register(registry);
			Gauge.builder("dpp.resolver.telemetry.queued", telemetry, ScanTelemetry::queued)
				.description("Scan events waiting to be written")
				.register(registry);
			Gauge.builder("dpp.resolver.telemetry.queued.bytes", telemetry, ScanTelemetry::queuedBytes)
				.baseUnit("bytes")
				.description("Heap taken by the scan events waiting to be written")
				.register(registry);
			FunctionCounter.builder("dpp.resolver.telemetry.robots.counted", telemetry, ScanTelemetry::robotsCounted)
				.description("Robot scans counted (per day, brand, product and country) in scan_robot_counts")
				.register(registry);
		});
		return telemetry;
	}

	@Bean
	TelemetryRequests telemetryRequests(GeoProperties geo) {
		return new TelemetryRequests(geo);
	}

	@Bean
	FilterRegistrationBean<ClientNetworkFilter> clientNetworkFilter() {
		FilterRegistrationBean<ClientNetworkFilter> registration = new FilterRegistrationBean<>(
				new ClientNetworkFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/*");
		return registration;
	}

}
