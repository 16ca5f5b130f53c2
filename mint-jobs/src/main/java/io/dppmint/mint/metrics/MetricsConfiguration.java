package io.dppmint.mint.metrics;

import java.time.Duration;

import io.dppmint.core.audit.AuditChainMonitor;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.audit.AuditVerification;
import io.dppmint.core.background.BackgroundLoop;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform's database gauges ({@link PlatformGauges}) and the audit chain's
 * verification outcome, in a standalone or manager process; partition workers report only
 * what they do (units minted, Spring Batch's step and chunk metrics), so that one process
 * per deployment reports the shared state.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${dpp.mint.role:standalone}' != 'worker'")
class MetricsConfiguration {

	@Bean
	PlatformGauges platformGauges(JdbcMintBatchRepository batches, AuditLog auditLog, MeterRegistry meters) {
		return new PlatformGauges(batches, auditLog, meters);
	}

	@Bean
	BackgroundLoop platformGaugesLoop(PlatformGauges gauges,
			@Value("${dpp.metrics.refresh-interval:15s}") Duration interval) {
		return BackgroundLoop.named("metrics-gauges").every(interval, gauges::refresh);
	}

	/**
	 * {@code dpp.audit.chain.intact}: 1 when the last scheduled verification found the
	 * chain intact, 0 when it did not, absent (NaN) before the first one ended.
	 */
	@Bean
	MeterBinder auditChainIntactGauge(ObjectProvider<AuditChainMonitor> monitor) {
		return (meters) -> monitor.ifAvailable((chain) -> Gauge.builder("dpp.audit.chain.intact", chain, (each) -> {
			AuditVerification latest = each.latest();
			return (latest == null) ? Double.NaN : (latest.intact() ? 1 : 0);
		}).description("1 when the audit chain's last verification found it intact, else 0").register(meters));
	}

}
