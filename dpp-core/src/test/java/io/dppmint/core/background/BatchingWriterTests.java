package io.dppmint.core.background;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

}
