package io.dppmint.resolver.telemetry;

import javax.sql.DataSource;

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
			Gauge.builder("dpp.resolver.telemetry.dropped", telemetry, ScanTelemetry::dropped).register(registry);
			Gauge.builder("dpp.resolver.telemetry.queued", telemetry, ScanTelemetry::queued).register(registry);
			Gauge.builder("dpp.resolver.telemetry.queued.bytes", telemetry, ScanTelemetry::queuedBytes)
				.baseUnit("bytes")
				.register(registry);
			Gauge.builder("dpp.resolver.telemetry.written", telemetry, ScanTelemetry::written).register(registry);
			Gauge.builder("dpp.resolver.telemetry.robots.counted", telemetry, ScanTelemetry::robotsCounted)
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
