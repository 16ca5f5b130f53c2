package io.dppmint.core.background;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingWriterTests {

	@Test
	void handsItemsToItsSinkInQueueOrderAndInBoundedBatches() throws Exception {
		List<List<Integer>> batches = new CopyOnWriteArrayList<>();
		CountDownLatch all = new CountDownLatch(1);
		BatchingWriter<Integer> writer = BatchingWriter.named("writer-test", 10_000)
			.maxBatch(100)
			.gather(Duration.ofMillis(50))
			.sink((List<Integer> batch) -> {
				batches.add(List.copyOf(batch));
				if (batch.contains(999)) {
					all.countDown();
				}
			});
		writer.start();
		try {
			for (int i = 0; i < 1000; i++) {
				assertThat(writer.offer(i)).isTrue();
			}
			assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			writer.stop();
		}
		List<Integer> written = new ArrayList<>();
		batches.forEach(written::addAll);
		assertThat(written).hasSize(1000).isSorted();
		assertThat(batches).allSatisfy((batch) -> assertThat(batch).hasSizeLessThanOrEqualTo(100));
	}

	@Test
	void flushesEverythingQueuedWhenItStops() {
		List<Integer> written = new CopyOnWriteArrayList<>();
		BatchingWriter<Integer> writer = BatchingWriter.named("writer-stop", 10_000)
			.gather(Duration.ofSeconds(30))
			.sink(written::addAll);
		writer.start();
		for (int i = 0; i < 5000; i++) {
			writer.offer(i);
		}

		writer.stop();

		assertThat(written).hasSize(5000);
		assertThat(writer.isRunning()).isFalse();
	}

	@Test
	void refusesItemsBeyondItsCapacityOrItsWeightWithoutBlocking() {
		BatchingWriter<String> writer = BatchingWriter.named("writer-full", 3)
			.maxWeight(10, String::length)
			.sink((List<String> batch) -> {
			});

		assertThat(writer.offer("aaaa")).isTrue();
		assertThat(writer.offer("bbbb")).isTrue();
		assertThat(writer.offer("cccc")).isFalse();
		assertThat(writer.offer("dd")).isTrue();
		assertThat(writer.offer("")).isFalse();

		assertThat(writer.refused()).isEqualTo(2);
		assertThat(writer.queuedWeight()).isEqualTo(10);
	}

	@Test
	void goesOnAfterASinkFails() throws Exception {
		CountDownLatch second = new CountDownLatch(1);
		BatchingWriter<Integer> writer = BatchingWriter.named("writer-fail", 100).sink((List<Integer> batch) -> {
			if (batch.contains(1)) {
				throw new IllegalStateException("database down");
			}
			second.countDown();
		});
		writer.start();
		try {
			writer.offer(1);
			Thread.sleep(300);
			writer.offer(2);
			assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(writer.failed()).isEqualTo(1);
		}
		finally {
			writer.stop();
		}
	}

	@Test
	void holdsABatchWhileItsFailureIsOneToWaitOutAndLosesNothing() throws Exception {
		AtomicBoolean down = new AtomicBoolean(true);
		List<Integer> written = new CopyOnWriteArrayList<>();
		BatchingWriter<Integer> writer = BatchingWriter.named("writer-hold", 3)
			.holdWhile(Unavailable.class::isInstance, Duration.ofMillis(20))
			.sink((List<Integer> batch) -> {
				if (down.get()) {
					throw new Unavailable();
				}
				written.addAll(batch);
			});
		writer.start();
		try {
			writer.offer(1);
			awaitTrue(writer::holding);
			assertThat(writer.held()).isEqualTo(1);
			// The queue's bound still holds: three more wait, the fifth is refused.
			assertThat(writer.offer(2)).isTrue();
			assertThat(writer.offer(3)).isTrue();
			assertThat(writer.offer(4)).isTrue();
			assertThat(writer.offer(5)).isFalse();
			Thread.sleep(100);
			assertThat(written).isEmpty();

			down.set(false);
			awaitTrue(() -> written.size() == 4);
		}
		finally {
			writer.stop();
		}
		assertThat(written).containsExactly(1, 2, 3, 4);
		assertThat(writer.holding()).isFalse();
		assertThat(writer.failed()).isZero();
		assertThat(writer.refused()).isOne();
	}

	@Test
	void stoppingWhileHoldingCountsWhatIsLeftAsFailed() throws Exception {
		BatchingWriter<Integer> writer = BatchingWriter.named("writer-hold-stop", 100)
			.holdWhile(Unavailable.class::isInstance, Duration.ofMillis(20))
			.sink((List<Integer> batch) -> {
				throw new Unavailable();
			});
		writer.start();
		writer.offer(1);
		awaitTrue(writer::holding);
		writer.offer(2);
		writer.offer(3);

		writer.stop();

		assertThat(writer.failed()).isEqualTo(3);
		assertThat(writer.held()).isZero();
	}

	@Test
	void otherFailuresAreNotHeld() throws Exception {
		CountDownLatch second = new CountDownLatch(1);
		BatchingWriter<Integer> writer = BatchingWriter.named("writer-no-hold", 100)
			.holdWhile(Unavailable.class::isInstance, Duration.ofMillis(20))
			.sink((List<Integer> batch) -> {
				if (batch.contains(1)) {
					throw new IllegalStateException("a bug");
				}
				second.countDown();
			});
		writer.start();
		try {
			writer.offer(1);
			Thread.sleep(100);
			writer.offer(2);
			assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(writer.failed()).isEqualTo(1);
			assertThat(writer.holding()).isFalse();
		}
		finally {
			writer.stop();
		}
	}

	private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	/** A failure to wait out, as the database being down is. */
	private static final class Unavailable extends RuntimeException {

		private static final long serialVersionUID = 1L;

	}

}
