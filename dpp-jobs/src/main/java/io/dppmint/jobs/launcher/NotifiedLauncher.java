package io.dppmint.jobs.launcher;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import io.dppmint.core.background.PostgresListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;

/**
 * Starts requested jobs and resumes interrupted ones, in the background, for as long as
 * its app runs. It LISTENs on a channel that a trigger notifies with an instance id when
 * work is requested, so a request starts within milliseconds; on start-up and every sweep
 * interval it also runs every unfinished instance it is given, which resumes jobs whose
 * process died. Each instance runs only where its lease is held (the {@code run}
 * callback, a {@link io.dppmint.jobs.runner.LeasedJobRunner}, takes it), so any number of
 * launchers may share the database.
 * <p>
 * At most {@code maxConcurrentJobs} run at once here, each on a virtual thread; an
 * instance already running here is not submitted twice.
 */
public final class NotifiedLauncher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotifiedLauncher.class);

	private final String name;

	private final Supplier<List<Long>> unfinished;

	private final LongPredicate run;

	private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

	private final Semaphore slots;

	private final ExecutorService jobs;

	private final PostgresListener listener;

	/**
	 * @param name the launcher's name ({@code mint-launcher}), for its threads and logs
	 * @param channel the NOTIFY channel whose payload is an instance id
	 * @param database where to listen (a dedicated connection)
	 * @param unfinished the ids of every instance that may need running (the sweep)
	 * @param run runs an instance to its end if its lease is free, in the calling thread;
	 * returns whether it ran
	 * @param settings slots and sweep interval
	 */
	public NotifiedLauncher(String name, String channel, JdbcConnectionDetails database,
			Supplier<List<Long>> unfinished, LongPredicate run, LauncherSettings settings) {
		this.name = name;
		this.unfinished = unfinished;
		this.run = run;
		this.slots = new Semaphore(settings.maxConcurrentJobs());
		this.jobs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-job-", 0).factory());
		this.listener = PostgresListener.named(name, database, channel)
			.tick(settings.sweepInterval())
			.handler(new PostgresListener.Handler() {

				@Override
				public void notified(String channel, String payload) {
					submit(Long.parseLong(payload));
				}

				@Override
				public void tick() {
					sweep();
				}

			});
	}

	@Override
	public void start() {
		this.listener.start();
	}

	@Override
	public void stop() {
		this.listener.stop();
		this.jobs.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.listener.isRunning();
	}

	/** Run (or resume) an instance unless it already runs here; returns at once. */
	public void submit(long id) {
		if (!this.inFlight.add(id)) {
			return;
		}
		try {
			this.jobs.execute(() -> runInSlot(id));
		}
		catch (RuntimeException ex) {
			this.inFlight.remove(id);
			throw ex;
		}
	}

	/** Submit every unfinished instance. */
	public void sweep() {
		this.unfinished.get().forEach(this::submit);
	}

	private void runInSlot(long id) {
		try {
			this.slots.acquire();
			try {
				this.run.test(id);
			}
			finally {
				this.slots.release();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("{}: could not run {}", this.name, id, ex);
		}
		finally {
			this.inFlight.remove(id);
		}
	}

}
