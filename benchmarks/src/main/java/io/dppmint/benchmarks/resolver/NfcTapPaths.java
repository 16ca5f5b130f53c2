package io.dppmint.benchmarks.resolver;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.nfc.Ntag424Keys;
import io.dppmint.core.nfc.SunUrlTemplate;
import io.dppmint.core.token.ResolverUrls;

/**
 * The taps the resolver benchmark's NFC phase sends ({@code --nfc-taps}), written ahead
 * of the run because each is accepted once: a tap is genuine only if its counter is above
 * the last one accepted for its tag, so a replayed URL is refused by design. The tags are
 * an NFC batch's consecutive tokens; each is tapped {@link #TAPS_PER_TAG} times, counter
 * 1 to 10, and the file holds them round by round (every tag's first tap, then every
 * tag's second, ...), so that two taps of one tag are a whole round apart. With a tag
 * count that is a multiple of wrk's threads, and the threads taking turns through the
 * lines ({@code taps.lua}), each tag's taps are all sent by one thread, in counter order,
 * thousands of requests apart: they reach the resolver in order however many connections
 * are in flight.
 * <p>
 * Each line is the path and query of the URL the tag would mirror
 * ({@link SunUrlTemplate#tapped}: the encrypted PICCData and the SDMMAC of NXP AN12196,
 * from the tag keys diversified for the token as the resolver derives them), with a UID
 * of {@code 04} (NXP) and the token number's six low bytes.
 */
final class NfcTapPaths {

	/** Taps of each tag: its first (an insert of the tag's row) and nine more. */
	static final int TAPS_PER_TAG = 10;

	/** The resolver base URL the paths are cut from (its host is never sent). */
	private static final String BASE_URL = "https://id.example.com";

	private NfcTapPaths() {
	}

	/**
	 * How many tags give at least {@code taps} taps, rounded up to whole rounds and to a
	 * multiple of wrk's threads.
	 * @param taps the taps wanted
	 * @param threads wrk's threads
	 * @return the tag count
	 */
	static int tags(int taps, int threads) {
		int tags = (taps + TAPS_PER_TAG - 1) / TAPS_PER_TAG;
		return (tags + threads - 1) / threads * threads;
	}

	/**
	 * Write the taps of tags {@code firstToken} to {@code firstToken + tags - 1}, round
	 * by round.
	 * @param file where to write them, one path a line
	 * @param key the brand's NFC master key
	 * @param identifiers the identifier scheme (the tokens' serials)
	 * @param gtin the product's GTIN
	 * @param firstToken the first tag's token number
	 * @param tags how many tags
	 * @return the number of taps written
	 * @throws IOException if the file cannot be written
	 */
	static long write(Path file, BrandNfcKey key, IdentifierScheme identifiers, Gtin gtin, long firstToken, int tags)
			throws IOException {
		ResolverUrls urls = ResolverUrls.digitalLinks(BASE_URL, gtin, null);
		SunUrlTemplate[] templates = new SunUrlTemplate[tags];
		Ntag424Keys[] keys = new Ntag424Keys[tags];
		byte[][] uids = new byte[tags][];
		for (int tag = 0; tag < tags; tag++) {
			long token = firstToken + tag;
			templates[tag] = SunUrlTemplate.forResolverUrl(urls.url(identifiers.encode(token)));
			keys[tag] = key.tagKeys(token);
			uids[tag] = uid(token);
		}
		byte[] padding = new byte[5];
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long written = 0;
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
			for (int counter = 1; counter <= TAPS_PER_TAG; counter++) {
				for (int tag = 0; tag < tags; tag++) {
					random.nextBytes(padding);
					String url = templates[tag].tapped(keys[tag], uids[tag], counter, padding);
					out.write(url, BASE_URL.length(), url.length() - BASE_URL.length());
					out.write('\n');
					written++;
				}
			}
		}
		return written;
	}

	/** A 7-byte UID: NXP's manufacturer code {@code 04}, then the token's low bytes. */
	static byte[] uid(long token) {
		byte[] uid = new byte[7];
		uid[0] = 0x04;
		for (int i = 1; i < uid.length; i++) {
			uid[i] = (byte) (token >>> (8 * (uid.length - 1 - i)));
		}
		return uid;
	}

}
