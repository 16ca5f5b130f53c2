package io.dppmint.resolver.resolution;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.digsig.JdbcTokenSignatures;
import io.dppmint.core.deployment.PublicUrls;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.passport.JdbcAccessGrants;
import io.dppmint.core.passport.JdbcPassportLineage;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.resolver.activation.FirstScanActivator;
import io.dppmint.resolver.bots.BotDetector;
import io.dppmint.resolver.bots.Visitor;
import io.dppmint.resolver.nfc.NfcTaps;
import io.dppmint.resolver.nfc.VerdictSigner;
import io.dppmint.resolver.telemetry.ScanTelemetry;
import io.dppmint.resolver.telemetry.TelemetryRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.FormContentFilter;

/**
 * Scan resolution: where it reads, the catalogue caches, the token reader, the scan
 * servlet and the filters it skips.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ResolverProperties.class, ReadDatabaseProperties.class })
class ResolutionConfiguration {

	@Bean
	ReadDatabase readDatabase(ReadDatabaseProperties properties, DataSource dataSource, JdbcConnectionDetails database,
			MeterRegistry meters) {
		return ReadDatabase.of(properties, dataSource, database, meters);
	}

	/**
	 * The replica's health ({@code reads}) beside the primary's ({@code db}). Neither is
	 * in the readiness group: a resolver whose primary is down still answers.
	 */
	@Bean
	@ConditionalOnProperty("dpp.resolver.reads.url")
	HealthIndicator readsHealthIndicator(ReadDatabase reads) {
		return new DataSourceHealthIndicator(reads.dataSource());
	}

	/** What scans read, through the read database: the same queries as the core's. */
	@Bean
	Catalogue catalogue(ReadDatabase reads, ResolverProperties properties) {
		JdbcClient jdbc = reads.jdbc();
		return new Catalogue(new JdbcBrandRepository(jdbc), new JdbcProductRepository(jdbc),
				new JdbcMintBatchRepository(jdbc, new JdbcBrandCounters(jdbc)), new JdbcPublishedLinks(jdbc),
				new JdbcPassportLineage(jdbc), new JdbcPassports(jdbc), jdbc, properties.cacheSize(),
				properties.cacheTtl());
	}

	@Bean
	MintedTokenIndex mintedTokenIndex(JdbcConnectionDetails database, Catalogue catalogue,
			ResolverProperties properties, MeterRegistry meters) {
		MintedTokenIndex index = new MintedTokenIndex(database, catalogue, properties.tokenIndexBatches(),
				properties.tokenIndexFirstScanTokens(), properties.revocationFeedRenewal(),
				properties.revocationFeedProbe(), properties.revocationFeedProbeTimeout());
		Gauge.builder("dpp.resolver.revocation.feed.live", index, (feed) -> feed.live() ? 1 : 0)
			.description("1 while the revocation feed listens and memory answers token lookups, else 0")
			.register(meters);
		Gauge.builder("dpp.resolver.revoked.tokens", index, MintedTokenIndex::revokedCount)
			.description("Revoked tokens the resolver holds in memory")
			.register(meters);
		Gauge.builder("dpp.resolver.revoked.bytes", index, MintedTokenIndex::revokedBytes)
			.baseUnit("bytes")
			.description("Heap taken by the revoked tokens the resolver holds in memory")
			.register(meters);
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
	Resolver resolver(IdentifierScheme identifiers, Catalogue catalogue, ReadDatabase reads, MintedTokenIndex index) {
		return new Resolver(identifiers, catalogue, new JdbcTokenReader(reads.dataSource()), index);
	}

	@Bean
	ServletRegistrationBean<ScanServlet> scanServlet(Resolver resolver, FirstScanActivator activator, BotDetector bots,
			ScanTelemetry telemetry, TelemetryRequests telemetryRequests, ResolverProperties properties,
			MeterRegistry meters, Environment environment, BrandKeys brandKeys, ReadDatabase reads, NfcTaps nfcTaps,
			VerdictSigner verdicts, DataSource dataSource, PlatformTransactionManager transactionManager,
			AuditLog audit) {
		Map<Visitor, Counter> robotScans = new EnumMap<>(Visitor.class);
		for (Visitor visitor : Visitor.values()) {
			if (visitor.robot()) {
				robotScans.put(visitor,
						Counter.builder("dpp.resolver.robot.scans")
							.tag("class", visitor.tag())
							.description("Scans by robots (no activation, no telemetry), by class")
							.register(meters));
			}
		}
		ScanServlet servlet = new ScanServlet(resolver, activator, bots, telemetry, telemetryRequests,
				PublicUrls.require(properties.publicBaseUrl(), "dpp.resolver.public-base-url", environment), robotScans,
				new ResolutionMeters(meters),
				new Signatures(brandKeys, new JdbcTokenSignatures(reads.jdbc()), properties.jwksTtl()), nfcTaps,
				verdicts, passportAccess(reads, dataSource, transactionManager, audit, properties));
		ServletRegistrationBean<ScanServlet> registration = new ServletRegistrationBean<>(servlet, "/01/*",
				ResolverUrls.PUBLIC_ID_PREFIX + "*", Documents.PASSPORT_PREFIX + "/*", ScanServlet.WELL_KNOWN,
				ScanServlet.WELL_KNOWN + "/", Signatures.JWKS_PATH, JsonLd.VOCABULARY_PREFIX + "*");
		registration.setName("scanServlet");
		registration.setLoadOnStartup(1);
		return registration;
	}

	/**
	 * Grants are read on the read database, restricted answers recorded on the primary.
	 */
	private static PassportAccess passportAccess(ReadDatabase reads, DataSource dataSource,
			PlatformTransactionManager transactionManager, AuditLog audit, ResolverProperties properties) {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		return new PassportAccess(new JdbcAccessGrants(reads.jdbc(), transactions, audit),
				new JdbcAccessGrants(JdbcClient.create(dataSource), transactions, audit), properties.accessGrantTtl());
	}

	/**
	 * Compressed Digital Links ({@code /{base64}}) and EPC URIs
	 * ({@code /urn:epc:id:sgtin:...}) sit at the root, where no servlet mapping can
	 * single them out from the actuator's paths: this filter hands those to the scan
	 * servlet and lets everything else through. It costs a scan one string test.
	 */
	@Bean
	FilterRegistrationBean<Filter> rootPathScans(ServletRegistrationBean<ScanServlet> scanServlet) {
		ScanServlet servlet = scanServlet.getServlet();
		Filter filter = (request, response, chain) -> {
			if (request instanceof HttpServletRequest http && ScanTarget.atRoot(http.getRequestURI())) {
				servlet.service(request, response);
				return;
			}
			chain.doFilter(request, response);
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("rootPathScans");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.addUrlPatterns("/*");
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
