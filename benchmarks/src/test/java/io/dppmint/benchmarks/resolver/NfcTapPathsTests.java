package io.dppmint.benchmarks.resolver;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.dppmint.benchmarks.resolver.ResolverBenchmark.Options;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.nfc.SunMessage;
import io.dppmint.core.nfc.SunVerification;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.DefaultApplicationArguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The NFC phase of {@code ./dpp bench resolver}: its option, and the tap URLs written
 * ahead of the run, which must all be genuine to the resolver's verifier, distinct, and
 * reach it in counter order tag by tag (round by round, each tag on one wrk thread).
 */
class NfcTapPathsTests {

	private static final Gtin GTIN = Gtin.withCheckDigit("0409999900001");

	private static final long FIRST_TOKEN = 5L << 20;

	private final IdentifierScheme identifiers = new IdentifierScheme(
			Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));

	@TempDir
	Path work;

	@Test
	void writesEveryTagsTapsValidDistinctAndInCounterOrderPerWrkThread() throws Exception {
		byte[] master = new byte[16];
		new SecureRandom().nextBytes(master);
		BrandNfcKey key = new BrandNfcKey(7, 1, master);
		int threads = 2;
		int tags = NfcTapPaths.tags(95, threads);
		Path file = this.work.resolve("taps.txt");

		long written = NfcTapPaths.write(file, key, this.identifiers, GTIN, FIRST_TOKEN, tags);

		assertThat(tags).isEqualTo(10);
		List<String> lines = Files.readAllLines(file);
		assertThat(written).isEqualTo(lines.size()).isEqualTo(tags * NfcTapPaths.TAPS_PER_TAG);
		assertThat(new HashSet<>(lines)).hasSameSizeAs(lines);
		Map<Long, Integer> lastCounter = new HashMap<>();
		Map<Long, Integer> threadOf = new HashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			URI tap = URI.create("https://resolver.test" + lines.get(i));
			String path = tap.getPath();
			assertThat(path).startsWith("/01/" + GTIN.value() + "/21/");
			long token = this.identifiers.decode(path.substring(path.lastIndexOf('/') + 1));
			assertThat(token).isBetween(FIRST_TOKEN, FIRST_TOKEN + tags - 1);
			Map<String, String> query = query(tap.getRawQuery());
			SunVerification verified = SunMessage.verify(query.get("picc_data"), query.get("cmac"), key.tagKeys(token));
			assertThat(verified).isInstanceOf(SunVerification.Valid.class);
			SunVerification.Valid valid = (SunVerification.Valid) verified;
			assertThat(valid.uid()).isEqualTo(NfcTapPaths.uid(token));
			assertThat(valid.counter()).isEqualTo(lastCounter.getOrDefault(token, 0) + 1);
			lastCounter.put(token, valid.counter());
			// taps.lua: thread n sends lines n, n + threads, n + 2 threads, ...
			int thread = i % threads;
			assertThat(threadOf.computeIfAbsent(token, (first) -> thread)).as("the wrk thread of token %d", token)
				.isEqualTo(thread);
		}
		assertThat(lastCounter).hasSize(tags)
			.allSatisfy((token, counter) -> assertThat(counter).isEqualTo(NfcTapPaths.TAPS_PER_TAG));
	}

	@Test
	void roundsTagsUpToWholeRoundsAndWrkThreads() {
		assertThat(NfcTapPaths.tags(1, 2)).isEqualTo(2);
		assertThat(NfcTapPaths.tags(300_000, 2)).isEqualTo(30_000);
		assertThat(NfcTapPaths.tags(300_001, 4)).isEqualTo(30_004);
		assertThat(NfcTapPaths.uid(0x0102030405060708L)).containsExactly(0x04, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08);
	}

	@Test
	void takesTheNfcPhaseOnlyWhenAsked() {
		assertThat(Options.of(new DefaultApplicationArguments("--tokens=1000")).nfcTaps()).isZero();
		assertThat(Options.of(new DefaultApplicationArguments("--nfc-taps")).nfcTaps())
			.isEqualTo(ResolverBenchmark.DEFAULT_NFC_TAPS);
		Options options = Options.of(new DefaultApplicationArguments("--nfc-taps=5000", "--connections=8"));
		assertThat(options.nfcTaps()).isEqualTo(5000);
		assertThat(options.connections()).isEqualTo(8);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.of(new DefaultApplicationArguments("--nfc-taps=0")));
	}

	private static Map<String, String> query(String query) {
		Map<String, String> parameters = new HashMap<>();
		for (String parameter : query.split("&")) {
			parameters.put(parameter.substring(0, parameter.indexOf('=')),
					parameter.substring(parameter.indexOf('=') + 1));
		}
		return parameters;
	}

}
