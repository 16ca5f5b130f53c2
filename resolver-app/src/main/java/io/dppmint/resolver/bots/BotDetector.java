package io.dppmint.resolver.bots;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells scans by people from requests by robots, crawlers, link-preview fetchers and
 * scripted clients ({@link Visitor}), using the Yauaa user-agent analyzer (loaded with
 * only the fields it needs). A request without a user agent is a script.
 * <p>
 * Built for a stream of distinct user agents on every request thread:
 * <ul>
 * <li>Verdicts are cached per user agent (cut to {@value #MAX_USER_AGENT} characters) in
 * a bounded concurrent cache: a known agent costs one hash lookup and takes no lock.</li>
 * <li>A new agent is parsed by one of a pool of analyzers (Yauaa serialises each
 * analyzer's {@code parse}), so as many agents are parsed at once as there are analyzers,
 * never one at a time for the whole server.</li>
 * <li>The cost per request is bounded: the text parsed is at most
 * {@value #MAX_USER_AGENT} characters, and a request waits at most {@code maxWait} for an
 * analyzer; after that its agent is {@link Visitor#UNCLASSIFIED} (treated as a robot, not
 * cached, asked about again next time).</li>
 * </ul>
 * The first analyzer is built before this returns (a few seconds); the others are built
 * in the background and join the pool when ready.
 * <p>
 * Thread-safe.
 */
public class BotDetector {

	private static final Logger log = LoggerFactory.getLogger(BotDetector.class);

	private static final String DEVICE_CLASS = "DeviceClass";

	private static final String AGENT_CLASS = "AgentClass";

	private static final String AGENT_NAME = "AgentName";

	private static final String AGENT_INFORMATION_URL = "AgentInformationUrl";

	private static final Set<String> ROBOT_DEVICE_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy",
			"Hacker");

	private static final Set<String> ROBOT_AGENT_CLASSES = Set.of("Robot", "Robot Mobile", "Special", "Hacker",
			"Cloud Application");

	static final int MAX_USER_AGENT = 512;

	private static final List<String> WARM_UP = List.of(
			"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
					+ "Version/17.4 Mobile/15E148 Safari/604.1",
			"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
					+ "Chrome/124.0.0.0 Mobile Safari/537.36",
			"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0");

	private final BlockingQueue<UserAgentAnalyzer> analyzers;

	private final Set<String> previewAgents;

	private final Cache<String, Visitor> verdicts;

	private final long maxWaitNanos;

	/** Nanoseconds between parses at the allowed rate. */
	private final long parseIntervalNanos;

	/** How far ahead of now the rate's schedule may run: the burst. */
	private final long burstNanos;

	/** The rate's schedule: when the next parse would be due (GCRA). */
	private final AtomicLong parseSchedule = new AtomicLong();

	private final AtomicLong unclassified = new AtomicLong();

	/**
	 * @param previewAgents Yauaa agent names of link-preview fetchers (e.g.
	 * {@code WhatsApp}, {@code Slackbot-LinkExpanding}); an app among them that sends a
	 * browser's {@code Mozilla/} token without being classed a robot is its in-app
	 * browser, a person
	 * @param cacheSize how many distinct user agents to remember
	 * @param analyzers how many user agents may be parsed at once (Yauaa analyzers, about
	 * 100 MB of heap each)
	 * @param maxWait longest a request waits for an analyzer
	 * @param parsesPerSecond most new user agents parsed a second
	 */
	BotDetector(Set<String> previewAgents, int cacheSize, int analyzers, Duration maxWait, int parsesPerSecond) {
		if (analyzers < 1) {
			throw new IllegalArgumentException("The bot detector needs at least one analyzer");
		}
		this.previewAgents = Set.copyOf(previewAgents);
		this.verdicts = Caffeine.newBuilder().maximumSize(cacheSize).build();
		this.maxWaitNanos = maxWait.toNanos();
		if (parsesPerSecond < 1) {
			throw new IllegalArgumentException("The bot detector parses at least one user agent a second");
		}
		this.parseIntervalNanos = 1_000_000_000L / parsesPerSecond;
		this.burstNanos = this.parseIntervalNanos * Math.max(1, parsesPerSecond / 10);
		this.parseSchedule.set(System.nanoTime() - this.burstNanos);
		BlockingQueue<UserAgentAnalyzer> pool = new ArrayBlockingQueue<>(analyzers);
		UserAgentAnalyzer first = newAnalyzer();
		// Compiled before the first scans arrive: a cold parse can outlast maxWait.
		for (String common : WARM_UP) {
			first.parse(common);
		}
		pool.add(first);
		if (analyzers > 1) {
			Thread.ofVirtual().name("bot-analyzers").start(() -> {
				for (int i = 1; i < analyzers; i++) {
					pool.add(newAnalyzer());
				}
				log.debug("{} user-agent analyzers ready", analyzers);
			});
		}
		this.analyzers = pool;
	}

	private static UserAgentAnalyzer newAnalyzer() {
		return UserAgentAnalyzer.newBuilder()
			.withFields(DEVICE_CLASS, AGENT_CLASS, AGENT_NAME, AGENT_INFORMATION_URL)
			.hideMatcherLoadStats()
			.dropTests()
			.withoutCache()
			.immediateInitialization()
			.build();
	}

	/**
	 * Whether a request with this user agent comes from a robot, crawler, script or
	 * link-preview fetcher rather than a person's browser or camera app.
	 * @param userAgent the {@code User-Agent} header, or {@code null}
	 * @return {@code true} for robots
	 */
	public boolean isBot(String userAgent) {
		return classify(userAgent).robot();
	}

	/**
	 * Who sends requests with this user agent.
	 * @param userAgent the {@code User-Agent} header, or {@code null}
	 * @return the class
	 */
	public Visitor classify(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return Visitor.SCRIPT;
		}
		String key = (userAgent.length() > MAX_USER_AGENT) ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
		// Concurrent first requests of one agent wait for one parse; an agent left
		// unclassified is not cached.
		Visitor visitor = this.verdicts.get(key, this::parse);
		if (visitor == null) {
			this.unclassified.incrementAndGet();
			return Visitor.UNCLASSIFIED;
		}
		return visitor;
	}

	/** Requests whose user agent could not be classified in time, since start. */
	public long unclassified() {
		return this.unclassified.get();
	}

	/**
	 * The visitor, or {@code null} when parsing it now would pass the allowed rate or no
	 * analyzer was free in time.
	 */
	private Visitor parse(String userAgent) {
		if (!parseAllowed()) {
			return null;
		}
		UserAgentAnalyzer analyzer;
		try {
			analyzer = this.analyzers.poll(this.maxWaitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			analyzer = null;
		}
		if (analyzer == null) {
			return null;
		}
		UserAgent parsed;
		try {
			parsed = analyzer.parse(userAgent);
		}
		finally {
			this.analyzers.add(analyzer);
		}
		return visitor(parsed, userAgent);
	}

	/** Generic cell rate: one parse per interval, bursts up to the burst allowance. */
	private boolean parseAllowed() {
		long now = System.nanoTime();
		while (true) {
			long scheduled = this.parseSchedule.get();
			long due = Math.max(scheduled, now - this.burstNanos);
			if (due - now > 0) {
				return false;
			}
			if (this.parseSchedule.compareAndSet(scheduled, due + this.parseIntervalNanos)) {
				return true;
			}
		}
	}

	private Visitor visitor(UserAgent parsed, String userAgent) {
		boolean robot = ROBOT_DEVICE_CLASSES.contains(parsed.getValue(DEVICE_CLASS))
				|| ROBOT_AGENT_CLASSES.contains(parsed.getValue(AGENT_CLASS));
		if (this.previewAgents.contains(parsed.getValue(AGENT_NAME)) && (robot || !userAgent.startsWith("Mozilla/"))) {
			return Visitor.PREVIEW;
		}
		if (!robot) {
			return Visitor.PERSON;
		}
		String informationUrl = parsed.getValue(AGENT_INFORMATION_URL);
		boolean saysWhoItIs = informationUrl != null && !informationUrl.isEmpty()
				&& !informationUrl.startsWith("Unknown") && !informationUrl.equals("??");
		return ("Robot".equals(parsed.getValue(DEVICE_CLASS)) && saysWhoItIs) ? Visitor.CRAWLER : Visitor.SCRIPT;
	}

}
