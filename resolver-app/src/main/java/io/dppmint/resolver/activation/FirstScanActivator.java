package io.dppmint.resolver.activation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.dppmint.core.background.BatchingWriter;
import io.dppmint.core.database.DatabaseUnavailable;
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
 * <p>
 * When the primary is unavailable (stopped, restarting, failing over: see
 * {@link DatabaseUnavailable}), activations wait for it instead of failing: the group
 * that found it down is held and tried again every {@code retryEvery}, its scans are
 * answered at once as {@link ActivationResult#DEFERRED deferred}, and later first scans
 * are queued without waiting (a token once, however often it is scanned meanwhile). The
 * queue stays bounded by {@code queueCapacity}: beyond it a first scan is
 * {@link ActivationResult#REFUSED refused}. Queued activations are applied in order when
 * the primary answers again, each with its scan's time as {@code activated_at}, by the
 * same guarded update, so a token another resolver activated meanwhile is not activated
 * twice. They are held in memory only: a resolver killed while the primary is down loses
 * them (the tokens stay {@code minted}, and their next scan activates them).
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

	/** Tokens whose activation waits for the primary: each is queued once. */
	private final Set<Long> deferred = ConcurrentHashMap.newKeySet();

	private final AtomicLong deferrals = new AtomicLong();

	/**
	 * Set by the group that finds the primary unavailable before it answers its scans, so
	 * that no later scan waits for a group that cannot commit; cleared by the next group
	 * that commits.
	 */
	private volatile boolean primaryUnavailable;

	FirstScanActivator(TokenActivation activation, ActivationProperties properties) {
		this.tokenActivation = activation;
		this.timeout = properties.timeout();
		this.writer = BatchingWriter.named("first-scan-activator", properties.queueCapacity())
			.maxBatch(properties.maxGroup())
			.holdWhile(DatabaseUnavailable::test, properties.retryEvery())
			.phase(PHASE)
			.sink(this::activateGroup);
	}

	/**
	 * Activate a minted token, if no other scan did it first: wait until that is
	 * committed, or, while the primary is unavailable, queue it to be applied when the
	 * primary is back.
	 * @param token the token, when it was scanned, and what the audit event records
	 * @return what became of the activation
	 */
	public ActivationResult activate(TokenToActivate token) {
		if (!this.writer.accepting()) {
			log.warn("Activation of token {} skipped: the activator is stopped", token.tokenId());
			return ActivationResult.NOT_ACTIVATED;
		}
		Activation activation = new Activation(token, new CompletableFuture<>());
		if (this.primaryUnavailable) {
			return defer(activation);
		}
		if (!this.writer.offer(activation)) {
			log.debug("Activation of token {} refused: the activation queue is full", token.tokenId());
			return ActivationResult.REFUSED;
		}
		try {
			return activation.done().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ActivationResult.NOT_ACTIVATED;
		}
		catch (TimeoutException ex) {
			// Still queued: its group commits later (unless its answer came just now).
			if (activation.done().complete(ActivationResult.DEFERRED)) {
				this.deferrals.incrementAndGet();
				return ActivationResult.DEFERRED;
			}
			return activation.done().getNow(ActivationResult.NOT_ACTIVATED);
		}
		catch (ExecutionException ex) {
			log.warn("Activation of token {} failed: {}", token.tokenId(), ex.getCause().toString());
			return ActivationResult.NOT_ACTIVATED;
		}
	}

	/** Queue an activation for when the primary is back, without waiting. */
	private ActivationResult defer(Activation activation) {
		long id = activation.token().tokenId();
		if (!this.deferred.add(id)) {
			return ActivationResult.DEFERRED;
		}
		if (!this.writer.offer(activation)) {
			this.deferred.remove(id);
			return ActivationResult.REFUSED;
		}
		this.deferrals.incrementAndGet();
		return ActivationResult.DEFERRED;
	}

	/** First scans whose activation was deferred, since start. */
	public long deferrals() {
		return this.deferrals.get();
	}

	/**
	 * Activations waiting to commit: queued, or held while the primary is unavailable.
	 */
	public int waiting() {
		return this.writer.queued() + this.writer.held();
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

	/**
	 * Commit a group. If the primary is unavailable, its scans are answered as deferred
	 * and the failure is thrown on, so that the writer holds the group and tries it
	 * again; any other failure fails the group's scans (the tokens stay minted).
	 */
	private void activateGroup(List<Activation> group) {
		List<TokenToActivate> tokens = new ArrayList<>(group.size());
		for (Activation activation : group) {
			tokens.add(activation.token());
		}
		Set<Long> activated;
		try {
			activated = this.tokenActivation.activate(tokens, ACTOR);
		}
		catch (RuntimeException ex) {
			if (DatabaseUnavailable.test(ex)) {
				this.primaryUnavailable = true;
				for (Activation activation : group) {
					this.deferred.add(activation.token().tokenId());
					if (activation.done().complete(ActivationResult.DEFERRED)) {
						this.deferrals.incrementAndGet();
					}
				}
				throw ex;
			}
			forget(group);
			for (Activation activation : group) {
				activation.done().completeExceptionally(ex);
			}
			return;
		}
		this.primaryUnavailable = false;
		forget(group);
		Set<Long> answered = new HashSet<>();
		for (Activation activation : group) {
			long id = activation.token().tokenId();
			activation.done()
				.complete((activated.contains(id) && answered.add(id)) ? ActivationResult.ACTIVATED
						: ActivationResult.NOT_ACTIVATED);
		}
	}

	private void forget(List<Activation> group) {
		if (!this.deferred.isEmpty()) {
			for (Activation activation : group) {
				this.deferred.remove(activation.token().tokenId());
			}
		}
	}

	private record Activation(TokenToActivate token, CompletableFuture<ActivationResult> done) {

	}

}
