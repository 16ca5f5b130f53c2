package io.dppmint.resolver.bots;

import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Tells scans by people from requests by robots, crawlers, link-preview fetchers and
 * scripted clients, using the Yauaa user-agent analyzer (loaded with only the two fields
 * it needs). A request without a user agent counts as a robot (Yauaa classes it as a
 * "Hacker"). Verdicts are cached per user-agent string in a bounded cache, so a scan pays
 * for one hash lookup.
 * <p>
 * Thread-safe.
 */
public class BotDetector {

	private static final String DEVICE_CLASS = "DeviceClass";

	private static final String AGENT_CLASS = "AgentClass";

	private static final String AGENT_NAME = "AgentName";

	private static final Set<String> ROBOT_DEVICE_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy",
			"Hacker");

	private static final Set<String> ROBOT_AGENT_CLASSES = Set.of("Robot", "Robot Mobile", "Special", "Hacker",
			"Cloud Application");

	private static final int MAX_USER_AGENT = 1024;

	private final UserAgentAnalyzer analyzer;

	private final Set<String> previewAgents;

	private final Cache<String, Boolean> verdicts;

	/**
	 * @param previewAgents Yauaa agent names of apps whose link previews identify as the
	 * app itself rather than as a robot (e.g. {@code WhatsApp}); their requests without a
	 * browser token ({@code Mozilla/}) are previews
	 * @param cacheSize how many distinct user agents to remember
	 */
	BotDetector(Set<String> previewAgents, int cacheSize) {
		this.analyzer = UserAgentAnalyzer.newBuilder()
			.withFields(DEVICE_CLASS, AGENT_CLASS, AGENT_NAME)
			.hideMatcherLoadStats()
			.dropTests()
			.withoutCache()
			.immediateInitialization()
			.build();
		this.previewAgents = Set.copyOf(previewAgents);
		this.verdicts = Caffeine.newBuilder().maximumSize(cacheSize).build();
	}

	/**
	 * Whether a request with this user agent comes from a robot, crawler, script or
	 * link-preview fetcher rather than a person's browser or camera app.
	 * @param userAgent the {@code User-Agent} header, or {@code null}
	 * @return {@code true} for robots
	 */
	public boolean isBot(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return true;
		}
		String key = (userAgent.length() > MAX_USER_AGENT) ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
		return this.verdicts.get(key, this::classify);
	}

	private boolean classify(String userAgent) {
		UserAgent parsed;
		synchronized (this.analyzer) {
			parsed = this.analyzer.parse(userAgent);
		}
		if (ROBOT_DEVICE_CLASSES.contains(parsed.getValue(DEVICE_CLASS))
				|| ROBOT_AGENT_CLASSES.contains(parsed.getValue(AGENT_CLASS))) {
			return true;
		}
		return this.previewAgents.contains(parsed.getValue(AGENT_NAME)) && !userAgent.startsWith("Mozilla/");
	}

}
