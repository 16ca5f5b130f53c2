package io.dppmint.resolver.activation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.dppmint.core.background.BatchingWriter;
import io.dppmint.core.token.TokenActivation;
import io.dppmint.core.token.TokenToActivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * First-scan activation off the request path: makes a {@code minted} token {@code active}
 * exactly once and durably, through {@link TokenActivation} (the guarded status change,
 * its brand's {@code active_tokens} counter and one {@code token activated} audit event
 * in one transaction).
 * <p>
 * Concurrent activations are grouped: scans hand their token to one activator thread,
 * which activates everything waiting in a single transaction and then answers each scan.
 * Per token the guarantees are those of a transaction of its own, but the brand counter
 * row, which every activation of a brand updates, is locked once per group instead of
 * once per token, so activations do not queue behind each other's commits. A scan waits
 * for its group's commit (a few milliseconds), so an answer that says "activated" is
 * durable. The queue and its thread are a {@link BatchingWriter}: a group is whatever is
 * waiting when the previous one has committed, at most {@code maxGroup}.
 */
public class FirstScanActivator implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FirstScanActivator.class);

	/** Who activates tokens, as the audit log records it. */
	static final String ACTOR = "resolver";

	/** Stops after the web server, so that scans still in flight can activate. */
	private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final TokenActivation tokenActivation;

	private final BatchingWriter<Activation> writer;

	private final Duration timeout;

	FirstScanActivator(TokenActivation activation, ActivationProperties properties) {
		this.tokenActivation = activation;
		this.timeout = properties.timeout();
		this.writer = BatchingWriter.named("first-scan-activator", properties.queueCapacity())
			.maxBatch(properties.maxGroup())
			.phase(PHASE)
			.sink(this::activateGroup);
	}

	/**
	 * Activate a minted token, if no other scan did it first, and wait until that is
	 * committed.
	 * @param token the token and what the audit event records about it
	 * @return {@code true} if this call activated the token; {@code false} if it was no
	 * longer minted (another scan won) or activation failed (logged; the token stays
	 * minted and the next scan tries again)
	 */
	public boolean activate(TokenToActivate token) {
		Activation activation = new Activation(token, new CompletableFuture<>());
		boolean accepting = this.writer.accepting();
		if (!accepting || !this.writer.offer(activation)) {
			log.warn("Activation of token {} skipped: the activator is {}", token.tokenId(),
					accepting ? "overloaded" : "stopped");
			return false;
		}
		try {
			return activation.done().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Activation of token {} failed: {}", token.tokenId(), ex.toString());
			return false;
		}
	}

	@Override
	public void start() {
		this.writer.start();
	}

	@Override
	public void stop() {
		this.writer.stop();
	}

	/** Stop after the web server, so that scans still in flight can activate. */
	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isRunning() {
		return this.writer.isRunning();
	}

	private void activateGroup(List<Activation> group) {
		try {
			List<TokenToActivate> tokens = new ArrayList<>(group.size());
			for (Activation activation : group) {
				tokens.add(activation.token());
			}
			Set<Long> activated = this.tokenActivation.activate(tokens, ACTOR);
			Set<Long> answered = new HashSet<>();
			for (Activation activation : group) {
				long id = activation.token().tokenId();
				activation.done().complete(activated.contains(id) && answered.add(id));
			}
		}
		catch (RuntimeException ex) {
			for (Activation activation : group) {
				activation.done().completeExceptionally(ex);
			}
		}
	}

	private record Activation(TokenToActivate token, CompletableFuture<Boolean> done) {

	}

}
