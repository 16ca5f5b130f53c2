package io.dppmint.core.digsig;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of signed codes (GS1 AI 8030).
 *
 * @param prepublication how long a rotated-in key is published in the JWK set before it
 * signs ({@code DPP_DIGSIG_PREPUBLICATION}, default 24 hours), so that verifiers holding
 * a cached JWK set have fetched it before the first code signed with it is printed
 */
@ConfigurationProperties("dpp.digsig")
public record DigsigProperties(@DefaultValue("24h") Duration prepublication) {

	public DigsigProperties {
		if (prepublication.isNegative()) {
			throw new IllegalArgumentException("dpp.digsig.prepublication must not be negative");
		}
	}

}
