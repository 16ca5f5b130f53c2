package io.dppmint.export.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import io.dppmint.core.export.JdbcExportRepository;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;

/**
 * Starts requested exports and takes over abandoned ones, in the background, for as long
 * as the export-jobs app runs. It LISTENs on {@code dpp_export_requested} (a trigger
 * notifies when an export becomes pending) on its own unpooled connection, so a request
 * starts within milliseconds; on start-up and every sweep interval it also looks for
 * pending exports and running ones whose lease expired (their process died). Each export
 * runs only where its lease is held, so any number of launchers may share the database.
 */
public class ExportLauncher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ExportLauncher.class);

	static final String CHANNEL = "dpp_export_requested";

	private final JdbcConnectionDetails database;

	private final JdbcExportRepository exports;

	private final ExportJobRunner runner;

	private final ExportLauncherProperties properties;

	private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

	private final Semaphore slots;

	private final ExecutorService jobs = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("export-job-", 0).factory());

	private volatile boolean running;

	private volatile Thread listener;

	public ExportLauncher(JdbcConnectionDetails database, JdbcExportRepository exports, ExportJobRunner runner,
			ExportLauncherProperties properties) {
		this.database = database;
		this.exports = exports;
		this.runner = runner;
		this.properties = properties;
		this.slots = new Semaphore(properties.maxConcurrentJobs());
	}

	@Override
	public void start() {
		this.running = true;
		this.listener = Thread.ofVirtual().name("export-launcher").start(this::listen);
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

	/** Run (or resume) an export unless it already runs here; returns at once. */
	public void submit(long exportId) {
		if (!this.inFlight.add(exportId)) {
			return;
		}
		this.jobs.execute(() -> {
			try {
				this.slots.acquire();
				try {
					this.runner.run(exportId)
						.ifPresent((export) -> log.info("Export {} ended {}", exportId, export.status().value()));
				}
				finally {
					this.slots.release();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				log.error("Could not run export {}", exportId, ex);
			}
			finally {
				this.inFlight.remove(exportId);
			}
		});
	}

	/** Submit every pending export and every running one whose lease expired. */
	public void sweep() {
		this.exports.unfinished().forEach(this::submit);
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = DriverManager.getConnection(this.database.getJdbcUrl(),
					this.database.getUsername(), this.database.getPassword())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				long nextSweep = 0;
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
				log.warn("Export launcher lost its database connection; reconnecting: {}", ex.getMessage());
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
