package io.dppmint.core.audit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutting the loop down: a round in progress finishes uninterrupted (an interrupt inside
 * a JDBC call breaks the pooled connection), and a pausing loop stops at once.
 */
class AuditSealingLoopTests {

	@Test
	void stopLetsARoundInProgressFinishWithoutInterruptingIt() throws InterruptedException {
		CountDownLatch inRound = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		AtomicInteger finished = new AtomicInteger();
		AuditChainSealer slow = new AuditChainSealer(null, null) {

			@Override
			public long sealAll() {
				inRound.countDown();
				try {
					Thread.sleep(300);
				}
				catch (InterruptedException ex) {
					interrupted.set(true);
				}
				finished.incrementAndGet();
				return 0;
			}

		};
		AuditSealingLoop loop = new AuditSealingLoop(slow, Duration.ofMinutes(1));
		loop.start();
		assertThat(inRound.await(10, TimeUnit.SECONDS)).isTrue();

		loop.stop();

		assertThat(interrupted).isFalse();
		assertThat(finished).hasValue(1);
		assertThat(loop.isRunning()).isFalse();
	}

	@Test
	void stopWakesAPausingLoopAndNoRoundStartsAfterIt() throws InterruptedException {
		AtomicInteger rounds = new AtomicInteger();
		CountDownLatch firstRound = new CountDownLatch(1);
		AuditChainSealer quick = new AuditChainSealer(null, null) {

			@Override
			public long sealAll() {
				rounds.incrementAndGet();
				firstRound.countDown();
				return 0;
			}

		};
		// A pause far longer than the stop may take: only a wake-up ends it in time.
		AuditSealingLoop loop = new AuditSealingLoop(quick, Duration.ofMinutes(5));
		loop.start();
		assertThat(firstRound.await(10, TimeUnit.SECONDS)).isTrue();

		long started = System.nanoTime();
		loop.stop();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(rounds).hasValue(1);
	}

}
