package io.dppmint.core.token;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token services wired by hand on the test PostgreSQL, and minted tokens to act on:
 * minting goes through the real intake, then writes the tokens as a mint chunk does (COPY
 * rows, progress and counters in one transaction, then {@code minted}). Every brand is
 * new, so tests sharing the database never see each other's rows.
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

	private final JdbcBrandRepository brands = new JdbcBrandRepository(this.jdbc);

	private final JdbcProductRepository products = new JdbcProductRepository(this.jdbc);

	private final JdbcMintBatchRepository batches = new JdbcMintBatchRepository(this.jdbc, this.counters);

	private final MintIntake intake = new MintIntake(this.transactions, this.brands, this.products,
			new JdbcProductionRunRepository(this.jdbc), this.batches, this.counters, this.auditLog);

	/** A ready-to-mint product of a new non-GS1 brand. */
	Product aProduct() {
		Brand brand = this.brands.create(new NewBrand("token-" + UUID.randomUUID().toString().substring(0, 8),
				"Token Test Brand", List.of("material"), false, null, "https://dpp.example.org"));
		return this.products.create(new NewProduct(brand.id(), "SKU-" + UUID.randomUUID(), "Canvas Tote", null,
				Map.of("material", "Cotton canvas"), CommercialStatus.ACTIVE));
	}

	/** A minted serial-mode batch of {@code quantity} tokens. */
	MintBatch mint(Product product, int quantity, ActivationMode activation) {
		MintBatch batch = this.intake
			.submit(new MintRequest(product.brandId(), product.id(), null, IdentityMode.SERIAL, activation, quantity,
					List.of(), null), "token-tests")
			.batch();
		this.batches.markProcessing(batch.id());
		long fence = this.batches.advanceLeaseFence(batch.id());
		this.transactions.executeWithoutResult((status) -> {
			TokenCopy rows = new TokenCopy().begin();
			for (int i = 0; i < quantity; i++) {
				rows.add(batch.firstTokenId() + i, batch.id(), 0, activation.initialStatus());
			}
			Connection connection = DataSourceUtils.getConnection(this.dataSource);
			try {
				rows.copyTo(connection);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, this.dataSource);
			}
			this.batches.recordProgress(batch, quantity, fence);
		});
		if (!this.batches.markMinted(batch.id(), fence)) {
			throw new IllegalStateException("Batch " + batch.id() + " could not be marked minted");
		}
		return this.batches.find(batch.id()).orElseThrow();
	}

	/** What a first scan of unit {@code index} of a batch asks to activate. */
	TokenToActivate scanOf(MintBatch batch, int index) {
		long number = batch.firstTokenId() + index;
		return new TokenToActivate(number, batch.id(), batch.brandId(), this.identifiers.encode(number));
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
