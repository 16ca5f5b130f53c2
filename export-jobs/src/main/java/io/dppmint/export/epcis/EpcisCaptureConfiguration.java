package io.dppmint.export.epcis;

import java.net.http.HttpClient;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.background.BackgroundLoop;
import io.dppmint.core.epcis.JdbcEpcisCaptureTargets;
import io.dppmint.core.epcis.JdbcEpcisEvents;
import io.dppmint.core.identifier.IdentifierScheme;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The EPCIS pusher: a background loop that pushes each brand's new events to its
 * repository's capture interface. On unless {@code dpp.epcis.capture.enabled=false}, as
 * in the command-line task.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EpcisCaptureProperties.class)
@ConditionalOnBooleanProperty(name = "dpp.epcis.capture.enabled", matchIfMissing = true)
class EpcisCaptureConfiguration {

	@Bean
	EpcisPusher epcisPusher(JdbcEpcisCaptureTargets targets, JdbcEpcisEvents events, IdentifierScheme identifiers,
			AuditLog auditLog, EpcisCaptureProperties properties, MeterRegistry meters) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
		return new EpcisPusher(targets, events, new CaptureClient(http, properties), identifiers, auditLog, properties,
				meters);
	}

	@Bean
	BackgroundLoop epcisPushLoop(EpcisPusher pusher, EpcisCaptureProperties properties) {
		return BackgroundLoop.named("epcis-pusher").every(properties.pollEvery(), pusher::pushDue);
	}

}
