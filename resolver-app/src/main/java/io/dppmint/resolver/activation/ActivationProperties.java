package io.dppmint.resolver.activation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First-scan activation settings.
 *
 * @param timeout longest a first scan waits for its activation to commit; after that the
 * scan is answered anyway and the token is activated by the commit or by a later scan
 * @param queueCapacity activations waiting for the activator; beyond it a scan is
 * answered without activating (the next scan tries again)
 * @param maxGroup most activations committed in one transaction
 */
@ConfigurationProperties("dpp.resolver.activation")
record ActivationProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("50000") int queueCapacity,
		@DefaultValue("1000") int maxGroup) {

}
