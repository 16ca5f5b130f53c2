package io.dppmint.core.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.kpi.JdbcBrandCounters;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * First-scan activation: makes {@code minted} tokens {@code active} exactly once. For
 * each token the status change ({@code minted -> active}, guarded by its still being
 * {@code minted}, so concurrent callers cannot both win), its brand's "Active Tokens"
 * counter and one {@code token activated} audit event commit in one transaction.
 * <p>
 * Activations are batched: a resolver hands over every first scan waiting at the moment,
 * and a batch costs one guarded {@code update} of all its tokens, one counter update per
 * brand (brands in id order, so concurrent batches never deadlock) and one multi-row
 * audit insert, whatever its size. Per token the guarantees are those of a transaction of
 * its own.
 */
public class TokenActivation {

	/** What made tokens active, as the audit events record it. */
	static final String FIRST_SCAN = "first_scan";

	private final JdbcTokenRepository tokens;

	private final JdbcBrandCounters counters;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	public TokenActivation(JdbcTokenRepository tokens, JdbcBrandCounters counters, AuditLog auditLog,
			TransactionTemplate transactions) {
		this.tokens = tokens;
		this.counters = counters;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	/**
	 * Activate minted tokens on their first scan, in one transaction (the caller's, if it
	 * has one).
	 * @param scanned the tokens scanned; a token may appear more than once (its first
	 * entry is the one audited)
	 * @param actor who activates them, for the audit log (e.g. {@code resolver})
	 * @return the numbers of the tokens this call activated; a token that was no longer
	 * minted (activated by another scan, or revoked) is not among them
	 */
	public Set<Long> activate(Collection<TokenToActivate> scanned, String actor) {
		if (scanned.isEmpty()) {
			return Set.of();
		}
		Set<Long> activated = this.transactions.execute((status) -> activateInTransaction(scanned, actor));
		if (activated == null) {
			throw new IllegalStateException("The activation transaction returned nothing");
		}
		return activated;
	}

	/**
	 * Activate one minted token on its first scan: {@link #activate(Collection, String)}
	 * of one token.
	 * @param scanned the token scanned
	 * @param actor who activates it
	 * @return whether this call activated it
	 */
	public boolean activate(TokenToActivate scanned, String actor) {
		return activate(List.of(scanned), actor).contains(scanned.tokenId());
	}

	private Set<Long> activateInTransaction(Collection<TokenToActivate> scanned, String actor) {
		Map<Long, TokenToActivate> byId = new HashMap<>();
		for (TokenToActivate token : scanned) {
			byId.putIfAbsent(token.tokenId(), token);
		}
		Long[] ids = new Long[byId.size()];
		Long[] scannedAt = new Long[ids.length];
		int i = 0;
		for (TokenToActivate token : byId.values()) {
			ids[i] = token.tokenId();
			scannedAt[i++] = token.scannedAt().toEpochMilli();
		}
		List<Long> activatedIds = this.tokens.activate(ids, scannedAt);
		Map<Long, Long> perBrand = new HashMap<>();
		List<AuditEvent> events = new ArrayList<>(activatedIds.size());
		for (Long id : activatedIds) {
			TokenToActivate token = byId.get(id);
			perBrand.merge(token.brandId(), 1L, Long::sum);
			events.add(new AuditEvent(token.brandId(), "token", Long.toString(id), "activated", actor,
					Map.of("batchId", token.batchId(), "identifier", token.identifier(), "trigger", FIRST_SCAN)));
		}
		this.auditLog.recordAll(events);
		perBrand.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> this.counters.activeTokensChanged(entry.getKey(), entry.getValue()));
		return new HashSet<>(activatedIds);
	}

}
