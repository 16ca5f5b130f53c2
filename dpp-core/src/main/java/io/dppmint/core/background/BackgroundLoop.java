package io.dppmint.core.background;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * One background thread that runs a {@link Round} again and again until it is stopped:
 * the lifecycle every background loop of the platform shares (launchers, lease renewals,
 * the audit sealer, the resolver's writers and feeds).
 * <p>
 * What it guarantees:
 * <ul>
 * <li><b>Stopping never interrupts a round.</b> An interrupt in the middle of a JDBC call
 * closes the connection under the driver (a broken pooled connection, a rolled-back
 * transaction, a stack trace at shutdown). {@link #stop()} asks the loop to end, wakes it
 * from its pause, and waits for the round in progress to return; only a round that
 * outlives the stop timeout is interrupted. Rounds must therefore block for a bounded
 * time (poll with a timeout, never {@code take()}), and long ones may look at
 * {@link #isStopping()}.</li>
 * <li><b>A failing round does not end the loop.</b> Its exception is logged (its message;
 * the stack trace at debug level) and the loop pauses with a growing backoff (1 s,
 * doubling, at most {@code maxBackoff}) before trying again; a round that succeeds resets
 * it.</li>
 * <li><b>Last words.</b> An optional {@code onStop} runs in the loop's thread after its
 * last round (a final flush), before {@link #stop()} returns.</li>
 * </ul>
 * Usable as a Spring {@link SmartLifecycle} bean, or started and stopped by its owner.
 */
public final class BackgroundLoop implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private final String name;

	private final Round round;

	private final ThreadFactory threads;

	private final Duration maxBackoff;

	private final Duration stopTimeout;

	private final Runnable onStop;

	private final int phase;

	private final Object pause = new Object();

	private boolean wakeRequested;

	private volatile Thread thread;

	private volatile boolean stopping;

	private BackgroundLoop(Builder builder, Round round) {
		this.name = builder.name;
		this.round = round;
		this.threads = builder.platform ? Thread.ofPlatform().name(builder.name).daemon().factory()
				: Thread.ofVirtual().name(builder.name).factory();
		this.maxBackoff = builder.maxBackoff;
		this.stopTimeout = builder.stopTimeout;
		this.onStop = builder.onStop;
		this.phase = builder.phase;
	}

	/**
	 * Start describing a loop.
	 * @param name its thread's name, also used in its log lines
	 * @return a builder
	 */
	public static Builder named(String name) {
		return new Builder(name);
	}

	/** The loop's name (its thread's). */
	public String name() {
		return this.name;
	}

	@Override
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		this.stopping = false;
		// Assigned before it starts, so that the loop never sees itself unassigned.
		Thread started = this.threads.newThread(this::run);
		this.thread = started;
		started.start();
	}

	/**
	 * End the loop: no new round starts, the pause ends at once, and the round in
	 * progress (then {@code onStop}) finishes before this returns, unless it takes longer
	 * than the stop timeout, when it is interrupted.
	 */
	@Override
	public synchronized void stop() {
		Thread running = this.thread;
		if (running == null) {
			return;
		}
		this.stopping = true;
		wake();
		try {
			if (running != Thread.currentThread() && !running.join(this.stopTimeout)) {
				log.warn("{} did not stop within {}; interrupting it", this.name, this.stopTimeout);
				running.interrupt();
				running.join(Duration.ofSeconds(5));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/** Whether the loop has been asked to stop: a long round should return soon. */
	public boolean isStopping() {
		return this.stopping;
	}

	/** Run the next round now, ending the current pause (or skipping the next one). */
	public void wake() {
		synchronized (this.pause) {
			this.wakeRequested = true;
			this.pause.notifyAll();
		}
	}

	private void run() {
		int failures = 0;
		try {
			while (!this.stopping) {
				Duration next;
				try {
					next = this.round.run(this);
					failures = 0;
				}
				catch (InterruptedException ex) {
					if (this.stopping) {
						return;
					}
					Thread.interrupted();
					next = backoff(++failures);
					log.warn("{} was interrupted; going on in {}", this.name, next);
				}
				catch (Exception ex) {
					if (this.stopping) {
						log.debug("{} failed while stopping", this.name, ex);
						return;
					}
					next = backoff(++failures);
					log.warn("{} failed (again in {}): {}", this.name, next, ex.toString());
					log.debug("{} failure", this.name, ex);
				}
				pauseFor(next);
			}
		}
		finally {
			if (this.onStop != null) {
				try {
					this.onStop.run();
				}
				catch (RuntimeException ex) {
					log.warn("{} failed while stopping: {}", this.name, ex.toString(), ex);
				}
			}
		}
	}

	private Duration backoff(int failures) {
		Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 20));
		return (backoff.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : backoff;
	}

	private void pauseFor(Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			synchronized (this.pause) {
				this.wakeRequested = false;
			}
			return;
		}
		long deadline = System.nanoTime() + duration.toNanos();
		synchronized (this.pause) {
			try {
				while (!this.wakeRequested && !this.stopping) {
					long left = deadline - System.nanoTime();
					if (left <= 0) {
						break;
					}
					this.pause.wait(Math.max(1, left / 1_000_000), 0);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.wakeRequested = false;
			}
		}
	}

	/** One round of a loop. */
	@FunctionalInterface
	public interface Round {

		/**
		 * Do one round of work, blocking for a bounded time at most.
		 * @param loop the loop running it ({@link BackgroundLoop#isStopping()})
		 * @return how long to pause before the next round ({@link Duration#ZERO}: none)
		 * @throws Exception if the round failed: the loop backs off and goes on
		 */
		Duration run(BackgroundLoop loop) throws Exception;

	}

	/** Describes a {@link BackgroundLoop}. */
	public static final class Builder {

		private final String name;

		private boolean platform;

		private Duration maxBackoff = Duration.ofSeconds(30);

		private Duration stopTimeout = Duration.ofSeconds(10);

		private Runnable onStop;

		private int phase = DEFAULT_PHASE;

		private Builder(String name) {
			this.name = Objects.requireNonNull(name);
		}

		/**
		 * Run on a platform (daemon) thread instead of a virtual one: for loops that must
		 * not share carrier threads with request handling (the resolver's writers).
		 */
		public Builder platformThread() {
			this.platform = true;
			return this;
		}

		/** The longest pause after repeated failures (default 30 s). */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
			return this;
		}

		/** How long {@link BackgroundLoop#stop()} waits for a round (default 10 s). */
		public Builder stopTimeout(Duration stopTimeout) {
			this.stopTimeout = stopTimeout;
			return this;
		}

		/** Run in the loop's thread after its last round (a final flush). */
		public Builder onStop(Runnable onStop) {
			this.onStop = onStop;
			return this;
		}

		/**
		 * The Spring lifecycle phase, for loops that must stop before or after others.
		 */
		public Builder phase(int phase) {
			this.phase = phase;
			return this;
		}

		/**
		 * A loop that runs {@code round} until stopped; not started yet.
		 * @param round one round of work
		 * @return the loop
		 */
		public BackgroundLoop rounds(Round round) {
			return new BackgroundLoop(this, round);
		}

		/**
		 * A loop that runs {@code task} every {@code interval} (the pause counts from the
		 * end of a round) until stopped; not started yet.
		 * @param interval the pause between two runs
		 * @param task the work
		 * @return the loop
		 */
		public BackgroundLoop every(Duration interval, Task task) {
			return rounds((loop) -> {
				task.run();
				return interval;
			});
		}

	}

	/** Work done every interval. */
	@FunctionalInterface
	public interface Task {

		/**
		 * Do the work once.
		 * @throws Exception if it failed: the loop backs off and goes on
		 */
		void run() throws Exception;

	}

}
