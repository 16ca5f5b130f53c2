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

	private volatile Thread thread;

	AuditSealingLoop(AuditChainSealer sealer, Duration interval) {
		this.sealer = sealer;
		this.interval = interval;
	}

	@Override
	public void start() {
		this.thread = Thread.ofVirtual().name("audit-sealer").start(this::run);
	}

	@Override
	public void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
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
				Thread.sleep(this.interval);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

}
