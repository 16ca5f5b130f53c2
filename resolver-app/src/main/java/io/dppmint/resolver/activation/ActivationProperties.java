package io.dppmint.resolver.activation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First-scan activation settings.
 *
 * @param timeout longest a first scan waits for its activation to commit; after that the
 * scan is answered anyway and the activation is applied when its group commits
 * @param queueCapacity activations waiting for the activator, including those queued
 * while the primary is unavailable; beyond it a first scan is refused ({@code 503}, try
 * again)
 * @param maxGroup most activations committed in one transaction
 * @param retryEvery while the primary is unavailable, how often the activator tries the
 * waiting activations again
 */
@ConfigurationProperties("dpp.resolver.activation")
record ActivationProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("50000") int queueCapacity,
		@DefaultValue("1000") int maxGroup, @DefaultValue("1s") Duration retryEvery) {

}
