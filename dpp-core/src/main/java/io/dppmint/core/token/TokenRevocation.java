package io.dppmint.core.token;

import java.util.Map;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.tenancy.BrandScope;
import io.dppmint.core.text.PlainText;
import io.dppmint.core.token.JdbcTokenRepository.Revoked;
import io.dppmint.core.token.JdbcTokenRepository.State;
import io.dppmint.core.token.TokenRevocationRejectedException.Reason;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revokes tokens: the one way the console, the API and anything else revoke. A revocation
 * needs a reason (1 to {@value #MAX_REASON_LENGTH} characters once stripped) and is
 * final. In one transaction (the caller's, if it has one) the token's status changes to
 * {@code revoked}, guarded by its not being revoked yet (so of concurrent revocations
 * exactly one succeeds), its revocation row records reason, actor and time, the brand's
 * "Active Tokens" counter drops if the token was active, and a {@code token revoked}
 * audit event is recorded. Resolvers learn of it when it commits (the
 * {@code dpp_token_revoked} notification of the token table's trigger).
 * <p>
 * A reason may hold line breaks and tabs, no other control character.
 * <p>
 * A refused revocation writes nothing and says why
 * ({@link TokenRevocationRejectedException}).
 */
public class TokenRevocation {

	/** Longest reason, in characters, once stripped of surrounding white space. */
	public static final int MAX_REASON_LENGTH = 500;

	private final JdbcTokenRepository tokens;

	private final JdbcBrandCounters counters;

	private final AuditLog auditLog;

	private final IdentifierScheme identifiers;

	private final TransactionTemplate transactions;

	public TokenRevocation(JdbcTokenRepository tokens, JdbcBrandCounters counters, AuditLog auditLog,
			IdentifierScheme identifiers, TransactionTemplate transactions) {
		this.tokens = tokens;
		this.counters = counters;
		this.auditLog = auditLog;
		this.identifiers = identifiers;
		this.transactions = transactions;
	}

	/**
	 * Revoke a token.
	 * @param scope the caller's brands: another brand's token is as unknown as one that
	 * does not exist
	 * @param tokenNumber the token's number
	 * @param reason why it is revoked; surrounding white space is stripped
	 * @param actor who revokes it (user, API key), for the audit log
	 * @return the revocation
	 * @throws TokenRevocationRejectedException if the reason is missing or too long, no
	 * token in scope has this number, or the token is already revoked
	 */
	public TokenRevoked revoke(BrandScope scope, long tokenNumber, String reason, String actor) {
		String stripped = checkReason(reason);
		TokenRevoked revoked = this.transactions
			.execute((status) -> revokeInTransaction(scope, tokenNumber, stripped, actor));
		if (revoked == null) {
			throw new IllegalStateException("The revocation transaction returned nothing");
		}
		return revoked;
	}

	private TokenRevoked revokeInTransaction(BrandScope scope, long tokenNumber, String reason, String actor) {
		String identifier = this.identifiers.encode(tokenNumber);
		Revoked revoked = this.tokens.revoke(scope, tokenNumber, reason, actor)
			.orElseThrow(() -> refusal(scope, tokenNumber, identifier));
		if (revoked.previousStatus() == TokenStatus.ACTIVE) {
			this.counters.activeTokensChanged(revoked.brandId(), -1);
		}
		this.auditLog.record(new AuditEvent(revoked.brandId(), "token", identifier, "revoked", actor,
				Map.of("reason", reason, "previousStatus", revoked.previousStatus().label())));
		return new TokenRevoked(tokenNumber, identifier, revoked.brandId(), revoked.previousStatus(), reason, actor);
	}

	/** Why a token in scope could not be revoked: it is unknown, or already revoked. */
	private TokenRevocationRejectedException refusal(BrandScope scope, long tokenNumber, String identifier) {
		State state = this.tokens.state(scope, tokenNumber).orElse(null);
		if (state == null) {
			return new TokenRevocationRejectedException(Reason.UNKNOWN_TOKEN, "There is no token " + identifier, null);
		}
		return new TokenRevocationRejectedException(Reason.ALREADY_REVOKED,
				"Token " + identifier + " was already revoked at " + state.revokedAt(), state.revokedAt());
	}

	private static String checkReason(String reason) {
		String stripped = (reason != null) ? reason.strip() : "";
		if (stripped.isEmpty()) {
			throw new TokenRevocationRejectedException(Reason.REASON_REQUIRED,
					"Give a reason: it is kept in the audit log", null);
		}
		if (stripped.length() > MAX_REASON_LENGTH) {
			throw new TokenRevocationRejectedException(Reason.REASON_TOO_LONG,
					"At most " + MAX_REASON_LENGTH + " characters", null);
		}
		if (!PlainText.isMultiLine(stripped)) {
			throw new TokenRevocationRejectedException(Reason.REASON_INVALID_CHARACTERS,
					"A reason cannot hold control characters other than line breaks and tabs (NUL, ...)", null);
		}
		return stripped;
	}

}
