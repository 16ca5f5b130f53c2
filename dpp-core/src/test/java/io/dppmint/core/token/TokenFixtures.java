package io.dppmint.core.token;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token services wired by hand on the test PostgreSQL, minted tokens to act on (the
 * shared {@link Fixtures}), and what token tests read back.
 */
final class TokenFixtures {

	final DataSource dataSource = TestPostgres.get().dataSource();

	final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));

	final IdentifierScheme identifiers = new IdentifierScheme(Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));

	final JdbcBrandCounters counters = new JdbcBrandCounters(this.jdbc);

	final AuditLog auditLog = new AuditLog(this.jdbc);

	final JdbcTokenRepository tokens = new JdbcTokenRepository(this.jdbc);

	final TokenActivation activation = new TokenActivation(this.tokens, this.counters, this.auditLog,
			this.transactions);

	final TokenRevocation revocation = new TokenRevocation(this.tokens, this.counters, this.auditLog, this.identifiers,
			this.transactions);

	private final Fixtures fixtures = Fixtures.on(this.dataSource);

	/** A ready-to-mint product of a new non-GS1 brand. */
	Product aProduct() {
		return this.fixtures.aProduct().create();
	}

	/** A minted serial-mode batch of {@code quantity} tokens. */
	MintBatch mint(Product product, int quantity, ActivationMode activation) {
		return this.fixtures.aMintedBatch(product).quantity(quantity).activationMode(activation).create();
	}

	/** What a first scan of unit {@code index} of a batch asks to activate. */
	TokenToActivate scanOf(MintBatch batch, int index) {
		long number = batch.firstTokenId() + index;
		return new TokenToActivate(number, batch.id(), batch.brandId(), this.identifiers.encode(number), Instant.now());
	}

	TokenStatus status(long tokenNumber) {
		return TokenStatus.ofCode(this.jdbc.sql("select status from tokens where id = :id")
			.param("id", tokenNumber)
			.query(Integer.class)
			.single());
	}

	boolean hasActivationTime(long tokenNumber) {
		return this.jdbc.sql("select activated_at is not null from tokens where id = :id")
			.param("id", tokenNumber)
			.query(Boolean.class)
			.single();
	}

	long activeTokens(long brandId) {
		return this.jdbc.sql("select active_tokens from brand_counters where brand_id = :brandId")
			.param("brandId", brandId)
			.query(Long.class)
			.single();
	}

	/** The token events of a brand with this action, as (entity id, actor, details). */
	List<TokenEvent> events(long brandId, String action) {
		return this.jdbc.sql("""
				select entity_id, actor, details::text as details from audit_events
				where brand_id = :brandId and entity_type = 'token' and action = :action
				order by id""")
			.param("brandId", brandId)
			.param("action", action)
			.query((rs, row) -> new TokenEvent(rs.getString("entity_id"), rs.getString("actor"),
					rs.getString("details")))
			.list();
	}

	/**
	 * A token's audit event.
	 *
	 * @param entityId the entity id it records
	 * @param actor who acted
	 * @param details its details as JSON text
	 */
	record TokenEvent(String entityId, String actor, String details) {
	}

}
