package io.dppmint.core.gs1;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: every link, written under any valid base URL, reads back as itself. Each run
 * draws a fresh seed and names it in a failure; set {@code -Dgs1.roundtrip.seed=...} to
 * replay one.
 */
class DigitalLinkRoundTripTests {

	private static final String CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

	private static final String NOT_UNRESERVED = "!\"%&'()*+,/:;<=>?";

	private static final List<String> BASE_URLS = List.of("https://id.example.com", "https://id.example.com/",
			"https://example.com/dl", "http://example.com:8081/a/b/", "HTTPS://EXAMPLE.COM", "https://[2001:db8::1]/dl",
			"https://example.com/01", "https://example.com/01/x", "https://example.com/21/01/10");

	private static final int LINKS = 20_000;

	@Test
	void everyLinkReadsBackAsItselfFromItsUriAndItsPath() {
		long seed = Long.getLong("gs1.roundtrip.seed", new SplittableRandom().nextLong());
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < LINKS; i++) {
			DigitalLink link = new DigitalLink(gtin(random), maybeValue(random), maybeValue(random),
					maybeValue(random));
			String baseUrl = BASE_URLS.get(random.nextInt(BASE_URLS.size()));
			String uri = link.toUri(baseUrl);
			assertThat(DigitalLink.parse(uri)).as("seed %d: %s", seed, uri).isEqualTo(link);
			assertThat(DigitalLink.parsePath(link.toPath())).as("seed %d: %s", seed, link.toPath()).isEqualTo(link);
		}
	}

	private static Gtin gtin(SplittableRandom random) {
		StringBuilder digits = new StringBuilder(14);
		for (int i = 0; i < 13; i++) {
			digits.append((char) ('0' + random.nextInt(10)));
		}
		return new Gtin(digits.append(ApplicationIdentifier.checkDigit(digits, 13)).toString());
	}

	/**
	 * {@code null} one time in four, else 1 to 20 characters of set 82 with the
	 * characters that need encoding drawn often.
	 */
	private static String maybeValue(SplittableRandom random) {
		if (random.nextInt(4) == 0) {
			return null;
		}
		int length = 1 + random.nextInt(20);
		StringBuilder value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			String from = random.nextBoolean() ? NOT_UNRESERVED : CSET82;
			value.append(from.charAt(random.nextInt(from.length())));
		}
		return value.toString();
	}

}
