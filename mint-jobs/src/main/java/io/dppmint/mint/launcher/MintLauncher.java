package io.dppmint.mint.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import io.dppmint.core.minting.JdbcMintBatchRepository;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;

/**
 * Starts queued mint batches and resumes interrupted ones, in the background, for as long
 * as the mint-jobs app runs. It LISTENs on {@code dpp_mint_batch_queued} (a trigger
 * notifies when a batch is queued), so a new request starts within milliseconds; on
 * start-up and every sweep interval it also looks at every unfinished batch, which
 * resumes jobs whose process died. Each batch runs only where its {@link BatchLease} is
 * held, so any number of launchers may share the database.
 */
public class MintLauncher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MintLauncher.class);

	static final String CHANNEL = "dpp_mint_batch_queued";

	private final JdbcConnectionDetails database;

	private final JdbcMintBatchRepository batches;

	private final MintJobRunner runner;

	private final MintLauncherProperties properties;

	private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

	private final Semaphore slots;

	private final ExecutorService jobs = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("mint-job-", 0).factory());

	private volatile boolean running;

	private volatile Thread listener;

	public MintLauncher(JdbcConnectionDetails database, JdbcMintBatchRepository batches, MintJobRunner runner,
			MintLauncherProperties properties) {
		this.database = database;
		this.batches = batches;
		this.runner = runner;
		this.properties = properties;
		this.slots = new Semaphore(properties.maxConcurrentJobs());
	}

	@Override
	public void start() {
		this.running = true;
		this.listener = Thread.ofVirtual().name("mint-launcher").start(this::listen);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.listener;
		if (thread != null) {
			thread.interrupt();
		}
		this.jobs.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Launch (or resume) a batch unless it already runs here; returns at once. */
	public void submit(long batchId) {
		if (!this.inFlight.add(batchId)) {
			return;
		}
		this.jobs.execute(() -> {
			try {
				this.slots.acquire();
				try {
					Optional<BatchLease> lease = BatchLease.tryAcquire(this.database, batchId);
					if (lease.isPresent()) {
						try (BatchLease held = lease.get()) {
							log.info("Batch {} ended {}", batchId, this.runner.run(held).value());
						}
					}
				}
				finally {
					this.slots.release();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (SQLException | RuntimeException ex) {
				log.error("Could not launch batch {}", batchId, ex);
			}
			finally {
				this.inFlight.remove(batchId);
			}
		});
	}

	/**
	 * Submit every unfinished batch: queued ones, and processing ones whose process may
	 * be gone.
	 */
	public void sweep() {
		List<Long> unfinished = this.batches.unfinished();
		unfinished.forEach(this::submit);
	}

	private void listen() {
		long nextSweep = 0;
		while (this.running) {
			try (Connection connection = DriverManager.getConnection(this.database.getJdbcUrl(),
					this.database.getUsername(), this.database.getPassword())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				nextSweep = 0;
				while (this.running) {
					if (System.currentTimeMillis() >= nextSweep) {
						sweep();
						nextSweep = System.currentTimeMillis() + this.properties.sweepInterval().toMillis();
					}
					PGNotification[] notifications = postgres.getNotifications(500);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							submit(Long.parseLong(notification.getParameter()));
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (!this.running) {
					return;
				}
				log.warn("Mint launcher lost its database connection; reconnecting: {}", ex.getMessage());
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

}
