package io.dppmint.core.metrics;

import java.util.List;

import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The scrape guard of {@code /actuator/prometheus} in every app that serves HTTP
 * ({@link PrometheusScrapeGuard}, configured by {@link MetricsProperties}), before any
 * other security filter.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Filter.class)
@EnableConfigurationProperties(MetricsProperties.class)
public class MetricsAutoConfiguration {

	/** Where the actuator puts the Prometheus endpoint under its base path. */
	static final String PROMETHEUS = "/prometheus";

	@Bean
	FilterRegistrationBean<PrometheusScrapeGuard> prometheusScrapeGuard(MetricsProperties properties,
			Environment environment) {
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		FilterRegistrationBean<PrometheusScrapeGuard> registration = new FilterRegistrationBean<>(
				new PrometheusScrapeGuard(basePath + PROMETHEUS, properties.token()));
		registration.setName("prometheusScrapeGuard");
		// The DispatcherServlet serves the actuator; other servlets (the resolver's
		// scans)
		// never pass through this filter.
		registration.setServletNames(List.of("dispatcherServlet"));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
