package io.dppmint.resolver.resolution;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Mass revocations fit in memory: millions of revoked tokens take megabytes at most. */
class RevokedTokensTests {

	@Test
	void aMillionConsecutiveRevocationsTakeKilobytes() {
		RevokedTokens revoked = new RevokedTokens();
		for (long number = 5_000_000_000L; number < 5_001_000_000L; number++) {
			revoked.add(number);
		}
		revoked.optimize();

		assertThat(revoked.size()).isEqualTo(1_000_000);
		assertThat(revoked.contains(5_000_500_000L)).isTrue();
		assertThat(revoked.contains(5_001_000_000L)).isFalse();
		assertThat(revoked.bytes()).isLessThan(64 * 1024);
	}

	@Test
	void fiveMillionScatteredRevocationsTakeAFewBytesEach() {
		RevokedTokens revoked = new RevokedTokens();
		SplittableRandom random = new SplittableRandom(16);
		long[] sample = new long[1000];
		for (int i = 0; i < 5_000_000; i++) {
			// Half the tokens of a 10,000,000-token range, scattered.
			long number = 1 + random.nextLong(10_000_000);
			revoked.add(number);
			if (i < sample.length) {
				sample[i] = number;
			}
		}
		revoked.optimize();

		for (long number : sample) {
			assertThat(revoked.contains(number)).isTrue();
		}
		// A set of boxed Longs took about 50 bytes a token: 200 MB and more here.
		assertThat(revoked.bytes()).isLessThan(4L * 1024 * 1024);
	}

}
