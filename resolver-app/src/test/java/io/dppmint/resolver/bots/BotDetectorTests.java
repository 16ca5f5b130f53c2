package io.dppmint.resolver.bots;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BotDetectorTests {

	private static BotDetector detector;

	@BeforeAll
	static void analyzer() {
		detector = new BotDetector(Set.of("WhatsApp", "Facebookexternalhit", "Slackbot-LinkExpanding", "Twitterbot",
				"LinkedInBot", "TelegramBot", "Discordbot"), 1000, 1, Duration.ofSeconds(30), 100_000);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
			"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
			"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.0.0" })
	void letsPeoplesBrowsersThrough(String userAgent) {
		assertThat(detector.isBot(userAgent)).isFalse();
		assertThat(detector.classify(userAgent)).isEqualTo(Visitor.PERSON);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "curl/8.5.0", "python-requests/2.31.0", "wrk", "   ", "Java-http-client/21",
			"Go-http-client/1.1", "GS1 Resolver test suite" })
	void classesScriptsAndMachineClientsAsScripts(String userAgent) {
		assertThat(detector.classify(userAgent)).isEqualTo(Visitor.SCRIPT);
		assertThat(detector.isBot(userAgent)).isTrue();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)        | CRAWLER
			Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)         | CRAWLER
			facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)       | PREVIEW
			Twitterbot/1.0                                                                    | PREVIEW
			Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)                        | PREVIEW
			WhatsApp/2.23.20.0 A                                                              | PREVIEW
			TelegramBot (like TwitterBot)                                                     | PREVIEW
			Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)                 | PREVIEW
			LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com) | PREVIEW
			""")
	void classesCrawlersAndLinkPreviewFetchers(String userAgent, Visitor expected) {
		assertThat(detector.classify(userAgent)).isEqualTo(expected);
		assertThat(detector.isBot(userAgent)).isTrue();
	}

	@Test
	void spendsABoundedTimeOnEachRequestWhenEveryAnalyzerIsBusy() throws Exception {
		BotDetector impatient = new BotDetector(Set.of(), 100_000, 1, Duration.ZERO, 100_000);
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			List<Callable<long[]>> work = new java.util.ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				work.add(() -> {
					long slowest = 0;
					long unclassified = 0;
					for (int i = 0; i < 100; i++) {
						long start = System.nanoTime();
						Visitor visitor = impatient.classify("Mozilla/5.0 (Linux; Android 14; Model-" + thread + "-" + i
								+ ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36");
						slowest = Math.max(slowest, System.nanoTime() - start);
						if (visitor == Visitor.UNCLASSIFIED) {
							unclassified++;
						}
					}
					return new long[] { slowest, unclassified };
				});
			}
			long unclassified = 0;
			for (Future<long[]> result : threads.invokeAll(work)) {
				unclassified += result.get()[1];
			}
			// Eight threads share one analyzer that nobody waits for: some agents are
			// left unclassified instead of queueing every thread behind one lock.
			assertThat(unclassified).isPositive();
			assertThat(impatient.unclassified()).isEqualTo(unclassified);
		}
	}

	@Test
	void parsesAtMostItsRateOfNewUserAgentsAndLeavesTheRestUnclassified() {
		BotDetector limited = new BotDetector(Set.of(), 100_000, 1, Duration.ofSeconds(1), 10);
		int classified = 0;
		for (int i = 0; i < 200; i++) {
			Visitor visitor = limited.classify("Mozilla/5.0 (Linux; Android 14; Flood-" + i
					+ ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36");
			if (visitor != Visitor.UNCLASSIFIED) {
				classified++;
			}
		}

		// Ten a second with a burst of one: 200 agents within a few milliseconds get a
		// handful of parses, whatever the machine.
		assertThat(classified).isBetween(1, 5);
		assertThat(limited.unclassified()).isEqualTo(200 - classified);
		// A known agent costs no parse.
		assertThat(limited.classify("curl/8.5.0")).isIn(Visitor.SCRIPT, Visitor.UNCLASSIFIED);
	}

}
