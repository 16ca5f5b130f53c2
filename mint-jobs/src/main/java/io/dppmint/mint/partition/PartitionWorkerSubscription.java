package io.dppmint.mint.partition;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.jdbc.channel.PostgresSubscribableChannel;

/**
 * Subscribes the worker to the request channel once the application has started, and
 * unsubscribes it first thing on shutdown, so that a stopping worker takes no new
 * partition while it finishes the ones it runs.
 */
class PartitionWorkerSubscription implements SmartLifecycle {

	private final PostgresSubscribableChannel requests;

	private final PartitionWorker worker;

	private volatile boolean running;

	PartitionWorkerSubscription(PostgresSubscribableChannel requests, PartitionWorker worker) {
		this.requests = requests;
		this.worker = worker;
	}

	@Override
	public void start() {
		this.requests.subscribe(this.worker);
		this.running = true;
	}

	@Override
	public void stop() {
		this.requests.unsubscribe(this.worker);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
