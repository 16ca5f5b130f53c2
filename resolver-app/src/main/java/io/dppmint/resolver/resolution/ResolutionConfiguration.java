package io.dppmint.resolver.resolution;

import java.util.List;

import javax.sql.DataSource;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.resolver.activation.FirstScanActivator;
import io.dppmint.resolver.bots.BotDetector;
import io.dppmint.resolver.telemetry.ScanTelemetry;
import io.dppmint.resolver.telemetry.TelemetryRequests;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.FormContentFilter;

/**
 * Scan resolution: the catalogue caches, the token reader, the scan servlet and the
 * filters it skips.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResolverProperties.class)
class ResolutionConfiguration {

	@Bean
	Catalogue catalogue(JdbcBrandRepository brands, JdbcProductRepository products, JdbcMintBatchRepository batches,
			JdbcClient jdbc, ResolverProperties properties) {
		return new Catalogue(brands, products, batches, new JdbcPublishedLinks(jdbc), properties.cacheSize(),
				properties.cacheTtl());
	}

	@Bean
	MintedTokenIndex mintedTokenIndex(DataSource dataSource, Catalogue catalogue, ResolverProperties properties,
			MeterRegistry meters) {
		MintedTokenIndex index = new MintedTokenIndex(dataSource, catalogue, properties.tokenIndexBatches(),
				properties.tokenIndexFirstScanTokens(), properties.revocationFeedRenewal());
		FunctionCounter.builder("dpp.resolver.token.lookups", index, MintedTokenIndex::answeredFromMemory)
			.tag("source", "memory")
			.description("Token lookups of scans, by where the answer came from")
			.register(meters);
		FunctionCounter.builder("dpp.resolver.token.lookups", index, MintedTokenIndex::readFromTable)
			.tag("source", "table")
			.description("Token lookups of scans, by where the answer came from")
			.register(meters);
		return index;
	}

	@Bean
	Resolver resolver(IdentifierScheme identifiers, Catalogue catalogue, DataSource dataSource,
			MintedTokenIndex index) {
		return new Resolver(identifiers, catalogue, new JdbcTokenReader(dataSource), index);
	}

	@Bean
	ServletRegistrationBean<ScanServlet> scanServlet(Resolver resolver, FirstScanActivator activator, BotDetector bots,
			ScanTelemetry telemetry, TelemetryRequests telemetryRequests, ResolverProperties properties) {
		ScanServlet servlet = new ScanServlet(resolver, activator, bots, telemetry, telemetryRequests,
				properties.publicBaseUrl());
		ServletRegistrationBean<ScanServlet> registration = new ServletRegistrationBean<>(servlet, "/01/*",
				ResolverUrls.PUBLIC_ID_PREFIX + "*", Documents.PASSPORT_PREFIX + "/*", ScanServlet.WELL_KNOWN,
				ScanServlet.WELL_KNOWN + "/");
		registration.setName("scanServlet");
		registration.setLoadOnStartup(1);
		return registration;
	}

	/**
	 * Spring MVC's request filters (character encoding, form content, request context)
	 * serve the DispatcherServlet, which answers only the actuator here; registered for
	 * it alone, so that scans do not pass through them. The scan servlet reads its own
	 * path and query string, and under wrk the three filters cost about a tenth of the
	 * resolver's CPU and allocations per scan.
	 */
	@Bean
	FilterRegistrationBean<CharacterEncodingFilter> characterEncodingFilterRegistration(
			CharacterEncodingFilter filter) {
		return dispatcherServletOnly(filter);
	}

	@Bean
	FilterRegistrationBean<FormContentFilter> formContentFilterRegistration(FormContentFilter filter) {
		return dispatcherServletOnly(filter);
	}

	// Named: the bean's declared type is not visible to a lookup by type this early.
	@Bean
	FilterRegistrationBean<Filter> requestContextFilterRegistration(@Qualifier("requestContextFilter") Filter filter) {
		return dispatcherServletOnly(filter);
	}

	private static <F extends Filter> FilterRegistrationBean<F> dispatcherServletOnly(F filter) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setServletNames(List.of(DispatcherServletAutoConfiguration.DEFAULT_DISPATCHER_SERVLET_BEAN_NAME));
		if (filter instanceof Ordered ordered) {
			registration.setOrder(ordered.getOrder());
		}
		return registration;
	}

	/**
	 * Let {@code %2F} through to the resolver: a lot or serial containing {@code /} is
	 * percent-encoded in a Digital Link, and Tomcat would otherwise reject the request.
	 */
	@Bean
	TomcatConnectorCustomizer encodedSolidusPassthrough() {
		return (connector) -> connector.setEncodedSolidusHandling("passthrough");
	}

}
