package io.dppmint.export.epcis;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pushing brands' EPCIS events to their own repositories (docs/epcis.md).
 *
 * @param enabled whether this process pushes (the command-line task does not)
 * @param pollEvery how often it looks for targets with events to push
 * @param leaseFor how long a claimed target stays this process's without progress
 * @param maxBackoff the longest wait between retries of a failing repository (waits
 * double from 1 s)
 * @param eventLimit most events per capture document when the repository advertises no
 * {@code GS1-EPCIS-Capture-Limit}
 * @param byteLimit largest capture document when the repository advertises no
 * {@code GS1-EPCIS-Capture-File-Size-Limit}; also the most this process sends whatever it
 * advertises (a document is held in memory while sent)
 * @param requestTimeout how long one HTTP request may take
 * @param statusPollEvery how often a running capture job's status is asked for
 * @param statusTimeout how long a capture job may run before the push is retried
 * @param authorization the {@code Authorization} header to send, per brand id (from the
 * environment, e.g. {@code DPP_EPCIS_CAPTURE_AUTHORIZATION_12="Bearer ..."}); never
 * stored in the database, never logged
 */
@ConfigurationProperties("dpp.epcis.capture")
public record EpcisCaptureProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration pollEvery,
		@DefaultValue("2m") Duration leaseFor, @DefaultValue("15m") Duration maxBackoff,
		@DefaultValue("500") int eventLimit, @DefaultValue("5242880") long byteLimit,
		@DefaultValue("30s") Duration requestTimeout, @DefaultValue("500ms") Duration statusPollEvery,
		@DefaultValue("2m") Duration statusTimeout, Map<Long, String> authorization) {

	public EpcisCaptureProperties {
		authorization = (authorization != null) ? Map.copyOf(authorization) : Map.of();
	}

	@Override
	public String toString() {
		return "EpcisCaptureProperties[enabled=" + this.enabled + ", authorization for brands "
				+ this.authorization.keySet() + "]";
	}

}
