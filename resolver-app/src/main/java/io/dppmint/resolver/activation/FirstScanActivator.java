package io.dppmint.resolver.activation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.kpi.JdbcBrandCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First-scan activation: makes a {@code minted} token {@code active} exactly once and
 * durably. For each token the status change ({@code status 0 -> 1} guarded by
 * {@code status = 0}, so concurrent scans cannot both win), its brand's
 * {@code active_tokens} counter and one {@code token activated} audit event commit in one
 * transaction.
 * <p>
 * Concurrent activations are grouped: scans hand their token to one activator thread,
 * which activates everything waiting in a single transaction and then answers each scan.
 * Per token the guarantees are those of a transaction of its own, but the brand counter
 * row, which every activation of a brand updates, is locked once per group instead of
 * once per token, so activations do not queue behind each other's commits. A scan waits
 * for its group's commit (a few milliseconds), so an answer that says "activated" is
 * durable.
 */
public class FirstScanActivator implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FirstScanActivator.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JdbcBrandCounters counters;

	private final AuditLog auditLog;

	private final BlockingQueue<Activation> queue;

	private final int maxGroup;

	private final Duration timeout;

	private volatile boolean running;

	private Thread worker;

	FirstScanActivator(JdbcClient jdbc, TransactionTemplate transactions, JdbcBrandCounters counters, AuditLog auditLog,
			ActivationProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.counters = counters;
		this.auditLog = auditLog;
		this.timeout = properties.timeout();
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.maxGroup = properties.maxGroup();
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
		if (!this.running || !this.queue.offer(activation)) {
			log.warn("Activation of token {} skipped: the activator is {}", token.tokenId(),
					this.running ? "overloaded" : "stopped");
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
		this.running = true;
		this.worker = Thread.ofPlatform().name("first-scan-activator").daemon().start(this::loop);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.worker;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Stop after the web server, so that scans still in flight can activate. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void loop() {
		List<Activation> group = new ArrayList<>(this.maxGroup);
		while (this.running || !this.queue.isEmpty()) {
			try {
				Activation first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				group.add(first);
				this.queue.drainTo(group, this.maxGroup - 1);
				activateGroup(group);
			}
			catch (InterruptedException ex) {
				if (!this.running) {
					this.queue.drainTo(group);
					activateGroup(group);
				}
			}
			finally {
				group.clear();
			}
		}
	}

	private void activateGroup(List<Activation> group) {
		if (group.isEmpty()) {
			return;
		}
		try {
			Set<Long> activated = this.transactions.execute((status) -> activateInTransaction(group));
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

	private Set<Long> activateInTransaction(List<Activation> group) {
		Map<Long, TokenToActivate> byId = new HashMap<>();
		for (Activation activation : group) {
			byId.putIfAbsent(activation.token().tokenId(), activation.token());
		}
		List<Long> activatedIds = this.jdbc.sql("""
				update tokens set status = 1, activated_at = now()
				where id = any(:ids) and status = 0
				returning id""").param("ids", byId.keySet().toArray(Long[]::new)).query(Long.class).list();
		Map<Long, Long> perBrand = new HashMap<>();
		List<AuditEvent> events = new ArrayList<>(activatedIds.size());
		for (Long id : activatedIds) {
			TokenToActivate token = byId.get(id);
			perBrand.merge(token.brandId(), 1L, Long::sum);
			events.add(new AuditEvent(token.brandId(), "token", Long.toString(id), "activated", "resolver",
					Map.of("batchId", token.batchId(), "identifier", token.identifier(), "trigger", "first_scan")));
		}
		this.auditLog.recordAll(events);
		perBrand.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> this.counters.activeTokensChanged(entry.getKey(), entry.getValue()));
		return new HashSet<>(activatedIds);
	}

	private record Activation(TokenToActivate token, CompletableFuture<Boolean> done) {

	}

}
