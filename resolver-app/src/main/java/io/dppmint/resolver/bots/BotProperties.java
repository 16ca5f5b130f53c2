package io.dppmint.resolver.bots;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bot detection settings.
 *
 * @param previewAgents Yauaa agent names of link-preview fetchers
 * @param cacheSize distinct user agents whose verdict is remembered
 * @param analyzers user agents parsed at once (Yauaa analyzers, about 100 MB of heap
 * each)
 * @param maxWait longest a request waits for a free analyzer before its user agent is
 * left unclassified (treated as a robot)
 * @param parsesPerSecond most new user agents parsed a second; agents beyond the rate are
 * left unclassified (treated as a robot) until the next request
 */
@ConfigurationProperties("dpp.resolver.bots")
record BotProperties(@DefaultValue( {
		"WhatsApp", "Facebookexternalhit", "Facebot Twitterbot", "Slackbot-LinkExpanding", "Slackbot", "Twitterbot",
		"LinkedInBot", "TelegramBot", "Discordbot", "Skypeuripreview", "Iframely", "Embedly", "Pinterestbot",
		"Redditbot", "Mastodon", "Bluesky Cardyb" }) Set<String> previewAgents, @DefaultValue("100000") int cacheSize,
		@DefaultValue("2") int analyzers, @DefaultValue("5ms") Duration maxWait,
		@DefaultValue("200") int parsesPerSecond){

}
