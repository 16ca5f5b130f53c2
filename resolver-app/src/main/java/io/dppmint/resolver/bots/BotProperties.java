package io.dppmint.resolver.bots;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bot detection settings.
 *
 * @param previewAgents Yauaa agent names of messaging apps whose link-preview fetcher
 * sends the app's own user agent (no {@code Mozilla/} token)
 * @param cacheSize distinct user agents whose verdict is remembered
 */
@ConfigurationProperties("dpp.resolver.bots")
record BotProperties(@DefaultValue("WhatsApp") Set<String> previewAgents, @DefaultValue("10000") int cacheSize) {

}
