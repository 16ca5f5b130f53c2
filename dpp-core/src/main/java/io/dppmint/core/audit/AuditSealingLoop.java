package io.dppmint.core.audit;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Seals newly recorded audit events every {@code interval} in the background, in every
 * app (only one process seals at a time; the others find the chain busy and wait for the
 * next round).
 */
class AuditSealingLoop implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AuditSealingLoop.class);

	private final AuditChainSealer sealer;

	private final Duration interval;

	/** How long {@link #stop()} waits for a round in progress to finish. */
	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final Object pause = new Object();

	private volatile Thread thread;

	AuditSealingLoop(AuditChainSealer sealer, Duration interval) {
		this.sealer = sealer;
		this.interval = interval;
	}

	@Override
	public void start() {
		// Assigned before it starts: the loop runs while it is the assigned thread, and a
		// thread started first could look before the assignment and end at once.
		Thread loop = Thread.ofVirtual().name("audit-sealer").unstarted(this::run);
		this.thread = loop;
		loop.start();
	}

	/**
	 * Ends the loop without interrupting a round: an interrupt in the middle of a JDBC
	 * call closes the connection under the driver (a broken pooled connection, a rolled
	 * back round, a stack trace in the log). The loop is woken from its pause instead,
	 * and the round in progress, if any, finishes before the data source closes.
	 */
	@Override
	public void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			synchronized (this.pause) {
				this.pause.notifyAll();
			}
			try {
				if (!running.join(STOP_TIMEOUT)) {
					log.warn("The audit sealer did not stop within {}; interrupting it", STOP_TIMEOUT);
					running.interrupt();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void run() {
		while (this.thread == Thread.currentThread()) {
			try {
				this.sealer.sealAll();
			}
			catch (RuntimeException ex) {
				if (this.thread != Thread.currentThread()) {
					return;
				}
				log.warn("Could not seal audit events (will retry): {}", ex.getMessage());
			}
			try {
				synchronized (this.pause) {
					if (this.thread == Thread.currentThread()) {
						this.pause.wait(this.interval.toMillis());
					}
				}
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

}
