package io.dppmint.mint.partition;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.ErrorHandler;

/**
 * Logs a failure to take or hand over a partition request and pauses the thread before
 * the channel tries again. A request that was taken is not lost by this: the manager sees
 * its partition unclaimed and sends it again.
 */
class PausingErrorHandler implements ErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(PausingErrorHandler.class);

	private final Duration pause;

	PausingErrorHandler(Duration pause) {
		this.pause = pause;
	}

	@Override
	public void handleError(Throwable failure) {
		log.warn("Could not take a partition request (retrying in {}): {}", this.pause, failure.getMessage());
		try {
			Thread.sleep(this.pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
