package io.dppmint.core.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may scrape {@code /actuator/prometheus} ({@link PrometheusScrapeGuard}).
 *
 * @param token the scrape token ({@code DPP_METRICS_TOKEN}, from a secret store in
 * production): when set, a scrape must present it as {@code Authorization: Bearer ...}
 * from wherever it comes; when unset (the development default), only a connection from
 * this machine's loopback interface may scrape. At least 16 characters; never logged.
 */
@ConfigurationProperties("dpp.metrics")
public record MetricsProperties(String token) {

	/** The shortest scrape token accepted. */
	public static final int MIN_TOKEN_LENGTH = 16;

	public MetricsProperties {
		if (token != null && token.isBlank()) {
			token = null;
		}
		if (token != null && token.length() < MIN_TOKEN_LENGTH) {
			throw new IllegalArgumentException("dpp.metrics.token (DPP_METRICS_TOKEN) must be at least "
					+ MIN_TOKEN_LENGTH + " characters, or unset to allow scrapes from loopback only");
		}
	}

	@Override
	public String toString() {
		return "MetricsProperties[token " + ((this.token != null) ? "set" : "unset") + "]";
	}

}
