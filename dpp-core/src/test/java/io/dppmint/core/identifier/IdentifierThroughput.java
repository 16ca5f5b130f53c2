package io.dppmint.core.identifier;

import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the identifier scheme, run by hand (never by the test suite, which has no
 * timed assertions): after {@code ./mvnw -pl dpp-core -am verify}, run
 * {@code java -cp dpp-core/target/classes:dpp-core/target/test-classes io.dppmint.core.identifier.IdentifierThroughput}
 * with the JDK 25. Prints identifiers per second for the bulk path (export packs of
 * 10,000 into bytes and into strings, one and two threads) and for single encode/decode.
 */
final class IdentifierThroughput {

	private static final long SECONDS = 3;

	/** Keeps the JIT from discarding single-identifier work. */
	static volatile long sink;

	private IdentifierThroughput() {
	}

	public static void main(String[] args) throws Exception {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		IdentifierScheme scheme = new IdentifierScheme(key);
		long first = 1L << 40;
		byte[] pack = new byte[10_000 * IdentifierScheme.LENGTH];
		report("encodeRange 10,000 into bytes, 1 thread", 1, (n) -> {
			scheme.encodeRange(first + n, 10_000, pack, 0);
			return 10_000;
		});
		report("encodeRange 10,000 into bytes, 2 threads", 2, (n) -> {
			scheme.encodeRange(first + n, 10_000, new byte[10_000 * IdentifierScheme.LENGTH], 0);
			return 10_000;
		});
		report("encodeRange 10,000 into strings, 1 thread", 1, (n) -> scheme.encodeRange(first + n, 10_000).length);
		report("encode one at a time, 1 thread", 1, (n) -> {
			sink = scheme.encode(first + n).charAt(12);
			return 1;
		});
		String identifier = scheme.encode(first);
		report("decode one at a time, 1 thread", 1, (n) -> {
			sink = scheme.decode(identifier);
			return 1;
		});
	}

	private static void report(String what, int threads, Work work) throws Exception {
		run(threads, work, 1);
		double perSecond = run(threads, work, SECONDS) / (double) SECONDS;
		System.out.printf("%-45s %,15.0f identifiers/s%n", what, perSecond);
	}

	private static long run(int threads, Work work, long seconds) throws Exception {
		AtomicLong done = new AtomicLong();
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
			Future<?>[] futures = new Future<?>[threads];
			for (int t = 0; t < threads; t++) {
				long start = (long) t << 32;
				futures[t] = executor.submit(() -> {
					long n = start;
					while (System.nanoTime() < deadline) {
						n += work.run(n);
					}
					done.addAndGet(n - start);
					return null;
				});
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		return done.get();
	}

	@FunctionalInterface
	private interface Work {

		int run(long n);

	}

}
