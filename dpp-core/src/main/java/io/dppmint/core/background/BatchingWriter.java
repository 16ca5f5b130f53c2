package io.dppmint.core.background;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A bounded queue drained by one {@link BackgroundLoop} that hands what it takes to a
 * {@link Sink} in batches: the shape of every "queue on the request path, write in groups
 * off it" component (the resolver's first-scan activator and its scan telemetry).
 * <p>
 * What it guarantees:
 * <ul>
 * <li>{@link #offer} never blocks: an item that does not fit (more than {@code capacity}
 * items, or more than {@code maxWeight} of their weight) is refused and counted.</li>
 * <li>Each round waits for a first item (a bounded poll, never {@code take()}), then
 * gathers for up to {@code gather} (less once {@code maxBatch} are waiting), then hands
 * at most {@code maxBatch} items to the sink in their queue order.</li>
 * <li>Stopping lets the round in progress finish, then hands everything still queued to
 * the sink (the loop's {@code onStop}), so a clean shutdown loses nothing.</li>
 * <li>A sink that throws loses that batch only (logged, counted as failed); the loop goes
 * on. Unless the failure is one the writer was told to wait out ({@code holdWhile}: the
 * database is unavailable, say): then the writer keeps the batch and tries it again every
 * {@code retryEvery} until it succeeds, while new items queue up to the queue's bounds
 * (so at most {@code capacity} items plus the held batch wait); stopping meanwhile tries
 * once more and then counts everything left as failed.</li>
 * </ul>
 *
 * @param <T> the items
 */
public final class BatchingWriter<T> implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BatchingWriter.class);

	// How often a gathering writer looks whether a full batch is already waiting.
	private static final long GATHER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long POLL_MILLIS = 100;

	private final String name;

	private final BlockingQueue<T> queue;

	private final int maxBatch;

	private final long gatherNanos;

	private final long maxWeight;

	private final ToLongFunction<T> weigher;

	private final Sink<T> sink;

	private final Predicate<RuntimeException> holdWhile;

	private final Duration retryEvery;

	/** The size of the batch held to be tried again; 0 when none is. */
	private volatile int held;

	private final AtomicLong weight = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final BackgroundLoop loop;

	private final List<T> batch;

	private BatchingWriter(Builder builder, Sink<T> sink) {
		this.name = builder.name;
		this.queue = new ArrayBlockingQueue<>(builder.capacity);
		this.maxBatch = builder.maxBatch;
		this.gatherNanos = builder.gather.toNanos();
		this.maxWeight = builder.maxWeight;
		@SuppressWarnings("unchecked")
		ToLongFunction<T> weigher = (ToLongFunction<T>) builder.weigher;
		this.weigher = weigher;
		this.sink = sink;
		this.holdWhile = builder.holdWhile;
		this.retryEvery = builder.retryEvery;
		this.batch = new ArrayList<>(this.maxBatch);
		this.loop = BackgroundLoop.named(this.name)
			.platformThread()
			.phase(builder.phase)
			.onStop(this::flushAll)
			.rounds((running) -> round());
	}

	/**
	 * Start describing a writer.
	 * @param name its thread's name, also used in its log lines
	 * @param capacity most items queued at once
	 * @return a builder
	 */
	public static Builder named(String name, int capacity) {
		return new Builder(name, capacity);
	}

	/**
	 * Queue an item; never blocks.
	 * @param item the item
	 * @return whether it was queued ({@code false}: refused, the queue is full)
	 */
	public boolean offer(T item) {
		long itemWeight = (this.weigher != null) ? this.weigher.applyAsLong(item) : 0;
		if (itemWeight > 0 && this.weight.addAndGet(itemWeight) > this.maxWeight) {
			this.weight.addAndGet(-itemWeight);
			this.refused.incrementAndGet();
			return false;
		}
		if (this.queue.offer(item)) {
			return true;
		}
		if (itemWeight > 0) {
			this.weight.addAndGet(-itemWeight);
		}
		this.refused.incrementAndGet();
		return false;
	}

	/** Items refused because the queue was full, since start. */
	public long refused() {
		return this.refused.get();
	}

	/** Items lost because the sink failed on their batch, since start. */
	public long failed() {
		return this.failed.get();
	}

	/** Items waiting in the queue. */
	public int queued() {
		return this.queue.size();
	}

	/** The weight of the items waiting in the queue. */
	public long queuedWeight() {
		return this.weight.get();
	}

	/**
	 * Whether the writer holds a batch whose write failed in a way it waits out (see
	 * {@code holdWhile}), trying it again every {@code retryEvery}.
	 */
	public boolean holding() {
		return this.held > 0;
	}

	/** The items of the batch held to be tried again (0 when none is held). */
	public int held() {
		return this.held;
	}

	/** Whether the writer takes items (started and not stopping). */
	public boolean accepting() {
		return this.loop.isRunning() && !this.loop.isStopping();
	}

	@Override
	public void start() {
		this.loop.start();
	}

	@Override
	public void stop() {
		this.loop.stop();
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	@Override
	public int getPhase() {
		return this.loop.getPhase();
	}

	private Duration round() throws InterruptedException {
		if (this.batch.isEmpty()) {
			T first = this.queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
			if (first == null) {
				return Duration.ZERO;
			}
			this.batch.add(first);
			if (this.gatherNanos > 0) {
				gather(System.nanoTime() + this.gatherNanos);
			}
			this.queue.drainTo(this.batch, this.maxBatch - 1);
		}
		// A batch held from an earlier round is tried again as it was.
		return write() ? Duration.ZERO : this.retryEvery;
	}

	/** Wait until the deadline, or less if a full batch is already waiting. */
	private void gather(long deadline) throws InterruptedException {
		long left = deadline - System.nanoTime();
		while (left > 0 && this.queue.size() < this.maxBatch - 1 && !this.loop.isStopping()) {
			TimeUnit.NANOSECONDS.sleep(Math.min(left, GATHER_SLICE_NANOS));
			left = deadline - System.nanoTime();
		}
	}

	private void flushAll() {
		// An interrupt that cut the last round short may still be pending: the pool
		// refuses a connection to an interrupted thread that has to wait for one.
		Thread.interrupted();
		do {
			this.queue.drainTo(this.batch, this.maxBatch - this.batch.size());
			if (!write()) {
				// Still failing as before: the rest would only fail the same way.
				this.queue.drainTo(this.batch);
				this.failed.addAndGet(this.batch.size());
				log.warn("{}: stopped while its writes fail; {} items not written", this.name, this.batch.size());
				release();
				return;
			}
		}
		while (!this.queue.isEmpty());
	}

	/**
	 * Hand the batch to the sink.
	 * @return {@code true} if the batch is done with (written, or failed and counted);
	 * {@code false} if it failed in a way the writer waits out and is kept, to be tried
	 * again
	 */
	private boolean write() {
		if (this.batch.isEmpty()) {
			return true;
		}
		try {
			this.sink.write(this.batch);
			if (this.held > 0) {
				log.info("{}: writing again (the held batch of {} is written)", this.name, this.batch.size());
			}
		}
		catch (RuntimeException ex) {
			if (this.holdWhile != null && this.holdWhile.test(ex)) {
				if (this.held == 0) {
					this.held = this.batch.size();
					log.warn("{}: holding a batch of {}, trying it again every {}: {}", this.name, this.batch.size(),
							this.retryEvery, ex.toString());
				}
				return false;
			}
			this.failed.addAndGet(this.batch.size());
			log.warn("{}: a batch of {} failed: {}", this.name, this.batch.size(), ex.toString());
		}
		release();
		return true;
	}

	/** Forget the batch, and its weight. */
	private void release() {
		this.held = 0;
		if (this.weigher != null) {
			long released = 0;
			for (T item : this.batch) {
				released += this.weigher.applyAsLong(item);
			}
			this.weight.addAndGet(-released);
		}
		this.batch.clear();
	}

	/**
	 * Where batches go.
	 *
	 * @param <T> the items
	 */
	@FunctionalInterface
	public interface Sink<T> {

		/**
		 * Write one batch; runs in the writer's thread, one batch at a time.
		 * @param batch the items, in queue order (not to be kept after returning)
		 */
		void write(List<T> batch);

	}

	/** Describes a {@link BatchingWriter}. */
	public static final class Builder {

		private final String name;

		private final int capacity;

		private int maxBatch = 1000;

		private Duration gather = Duration.ZERO;

		private long maxWeight = Long.MAX_VALUE;

		private ToLongFunction<?> weigher;

		private int phase = DEFAULT_PHASE;

		private Predicate<RuntimeException> holdWhile;

		private Duration retryEvery = Duration.ofSeconds(1);

		private Builder(String name, int capacity) {
			this.name = Objects.requireNonNull(name);
			if (capacity < 1) {
				throw new IllegalArgumentException("A writer's queue holds at least one item");
			}
			this.capacity = capacity;
		}

		/** Most items handed to the sink at once (default 1000). */
		public Builder maxBatch(int maxBatch) {
			if (maxBatch < 1) {
				throw new IllegalArgumentException("A batch has at least one item");
			}
			this.maxBatch = maxBatch;
			return this;
		}

		/**
		 * How long a round gathers items after the first one before writing (default
		 * none: what is waiting is written at once).
		 */
		public Builder gather(Duration gather) {
			this.gather = gather;
			return this;
		}

		/**
		 * Bound the queue by weight as well (its bytes, say): an item that would take the
		 * queued weight above {@code maxWeight} is refused.
		 * @param maxWeight the most weight queued at once
		 * @param weigher the weight of an item (the same every time it is asked)
		 * @param <T> the items
		 * @return this builder
		 */
		public <T> Builder maxWeight(long maxWeight, ToLongFunction<T> weigher) {
			this.maxWeight = maxWeight;
			this.weigher = weigher;
			return this;
		}

		/**
		 * Wait out some failures instead of dropping the batch: when the sink throws what
		 * {@code condition} accepts, the batch is kept and written again every
		 * {@code retryEvery} until it succeeds.
		 * @param condition the failures to wait out (the database is unavailable, say)
		 * @param retryEvery how often the held batch is tried again
		 * @return this builder
		 */
		public Builder holdWhile(Predicate<RuntimeException> condition, Duration retryEvery) {
			this.holdWhile = Objects.requireNonNull(condition);
			this.retryEvery = Objects.requireNonNull(retryEvery);
			return this;
		}

		/** The Spring lifecycle phase (stop after the web server: a lower phase). */
		public Builder phase(int phase) {
			this.phase = phase;
			return this;
		}

		/**
		 * The writer, not started yet.
		 * @param sink where batches go
		 * @param <T> the items
		 * @return the writer
		 */
		public <T> BatchingWriter<T> sink(Sink<T> sink) {
			return new BatchingWriter<>(this, sink);
		}

	}

}
