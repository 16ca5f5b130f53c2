package io.dppmint.core.background;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle every background loop shares: a round in progress finishes uninterrupted
 * when the loop stops (an interrupt inside a JDBC call breaks the pooled connection), a
 * pausing loop stops at once, a failing round does not end the loop, and the last words
 * run after the last round.
 */
class BackgroundLoopTests {

	@Test
	void stopLetsARoundInProgressFinishWithoutInterruptingIt() throws InterruptedException {
		CountDownLatch inRound = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		AtomicInteger finished = new AtomicInteger();
		BackgroundLoop loop = BackgroundLoop.named("slow").every(Duration.ofMinutes(1), () -> {
			inRound.countDown();
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
			finished.incrementAndGet();
		});
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
		// A pause far longer than the stop may take: only a wake-up ends it in time.
		BackgroundLoop loop = BackgroundLoop.named("quick").every(Duration.ofMinutes(5), () -> {
			rounds.incrementAndGet();
			firstRound.countDown();
		});
		loop.start();
		assertThat(firstRound.await(10, TimeUnit.SECONDS)).isTrue();

		long started = System.nanoTime();
		loop.stop();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(rounds).hasValue(1);
	}

	@Test
	void aFailingRoundDoesNotEndTheLoop() throws InterruptedException {
		AtomicInteger rounds = new AtomicInteger();
		CountDownLatch recovered = new CountDownLatch(1);
		BackgroundLoop loop = BackgroundLoop.named("flaky").rounds((running) -> {
			if (rounds.incrementAndGet() == 1) {
				throw new IllegalStateException("database away");
			}
			recovered.countDown();
			return Duration.ofMinutes(5);
		});
		loop.start();
		try {
			// The first failure backs off for a second, then the loop goes on.
			assertThat(recovered.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(loop.isRunning()).isTrue();
		}
		finally {
			loop.stop();
		}
		assertThat(rounds).hasValue(2);
	}

	@Test
	void wakeRunsTheNextRoundBeforeThePauseEnds() throws InterruptedException {
		AtomicInteger rounds = new AtomicInteger();
		CountDownLatch second = new CountDownLatch(2);
		BackgroundLoop loop = BackgroundLoop.named("woken").every(Duration.ofMinutes(5), () -> {
			rounds.incrementAndGet();
			second.countDown();
		});
		loop.start();
		try {
			while (rounds.get() == 0) {
				Thread.sleep(10);
			}
			loop.wake();
			assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			loop.stop();
		}
	}

	@Test
	void onStopRunsInTheLoopAfterItsLastRound() throws InterruptedException {
		AtomicInteger rounds = new AtomicInteger();
		AtomicInteger roundsAtStop = new AtomicInteger(-1);
		AtomicBoolean inLoopThread = new AtomicBoolean();
		BackgroundLoop loop = BackgroundLoop.named("flushing").onStop(() -> {
			roundsAtStop.set(rounds.get());
			inLoopThread.set(Thread.currentThread().getName().equals("flushing"));
		}).every(Duration.ofMillis(5), rounds::incrementAndGet);
		loop.start();
		while (rounds.get() < 3) {
			Thread.sleep(5);
		}

		loop.stop();

		assertThat(roundsAtStop.get()).isEqualTo(rounds.get()).isGreaterThanOrEqualTo(3);
		assertThat(inLoopThread).isTrue();
	}

}
