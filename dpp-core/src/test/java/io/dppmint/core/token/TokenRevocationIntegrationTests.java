package io.dppmint.core.token;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.tenancy.BrandScope;
import io.dppmint.core.token.TokenRevocationRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link TokenRevocation} against the real PostgreSQL: a reason is required, revocation
 * is final and happens once, another brand's token is unknown, and status, revocation
 * row, counter and audit event commit together; a refused revocation writes nothing.
 */
class TokenRevocationIntegrationTests {

	private final TokenFixtures fixtures = new TokenFixtures();

	@Test
	void revokesAnActiveTokenWithItsReasonCounterAndAuditEvent() {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 3, ActivationMode.ACTIVE);
		long token = batch.firstTokenId() + 1;
		String identifier = this.fixtures.identifiers.encode(token);
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		TokenRevoked revoked = this.fixtures.revocation.revoke(BrandScope.of(product.brandId()), token,
				"  Counterfeit report \n", "owner@acme");

		assertThat(revoked).isEqualTo(new TokenRevoked(token, identifier, product.brandId(), TokenStatus.ACTIVE,
				"Counterfeit report", "owner@acme"));
		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.REVOKED);
		assertThat(
				this.fixtures.jdbc.sql("select reason || '|' || revoked_by from token_revocations where token_id = ?")
					.param(token)
					.query(String.class)
					.single())
			.isEqualTo("Counterfeit report|owner@acme");
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore - 1);
		List<TokenFixtures.TokenEvent> events = this.fixtures.events(product.brandId(), "revoked");
		assertThat(events).hasSize(1);
		assertThat(events.get(0).entityId()).isEqualTo(identifier);
		assertThat(events.get(0).actor()).isEqualTo("owner@acme");
		assertThat(events.get(0).details()).contains("\"reason\": \"Counterfeit report\"",
				"\"previousStatus\": \"active\"");
	}

	@Test
	void revokesAMintedTokenWithoutChangingTheActiveCount() {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.FIRST_SCAN);
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		TokenRevoked revoked = this.fixtures.revocation.revoke(BrandScope.everyBrand(), batch.firstTokenId(),
				"Never shipped", "operator");

		assertThat(revoked.previousStatus()).isEqualTo(TokenStatus.MINTED);
		assertThat(this.fixtures.status(batch.firstTokenId())).isEqualTo(TokenStatus.REVOKED);
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore);
		assertThat(this.fixtures.events(product.brandId(), "revoked").get(0).details())
			.contains("\"previousStatus\": \"minted\"");
	}

	@Test
	void refusesToRevokeTwiceNamingWhenItWasRevokedAndWritesNothing() {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.ACTIVE);
		long token = batch.firstTokenId();
		this.fixtures.revocation.revoke(BrandScope.of(product.brandId()), token, "Stolen", "owner");
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		TokenRevocationRejectedException refused = catchThrowableOfType(TokenRevocationRejectedException.class,
				() -> this.fixtures.revocation.revoke(BrandScope.of(product.brandId()), token, "Again", "owner"));

		assertThat(refused.reason()).isEqualTo(Reason.ALREADY_REVOKED);
		Instant revokedAt = this.fixtures.jdbc.sql("select revoked_at from token_revocations where token_id = ?")
			.param(token)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		assertThat(refused.revokedAt()).isEqualTo(revokedAt);
		assertThat(refused)
			.hasMessage("Token " + this.fixtures.identifiers.encode(token) + " was already revoked at " + revokedAt);
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore);
		assertThat(this.fixtures.events(product.brandId(), "revoked")).hasSize(1);
		assertThat(this.fixtures.jdbc.sql("select reason from token_revocations where token_id = ?")
			.param(token)
			.query(String.class)
			.single()).isEqualTo("Stolen");
	}

	@Test
	void treatsAnotherBrandsTokenAsUnknownAndLeavesItAlone() {
		Product product = this.fixtures.aProduct();
		Product other = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.ACTIVE);

		TokenRevocationRejectedException refused = catchThrowableOfType(TokenRevocationRejectedException.class,
				() -> this.fixtures.revocation.revoke(BrandScope.of(other.brandId()), batch.firstTokenId(), "Not mine",
						"other-owner"));

		assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_TOKEN);
		assertThat(refused).hasMessage("There is no token " + this.fixtures.identifiers.encode(batch.firstTokenId()));
		assertThat(this.fixtures.status(batch.firstTokenId())).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.events(product.brandId(), "revoked")).isEmpty();
		assertThat(this.fixtures.events(other.brandId(), "revoked")).isEmpty();
	}

	@Test
	void treatsANumberNoTokenHasAsUnknown() {
		TokenRevocationRejectedException refused = catchThrowableOfType(TokenRevocationRejectedException.class,
				() -> this.fixtures.revocation.revoke(BrandScope.everyBrand(), Long.MAX_VALUE - 3, "Gone", "operator"));

		assertThat(refused.reason()).isEqualTo(Reason.UNKNOWN_TOKEN);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "   ", "\n\t " })
	void requiresAReason(String reason) {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.ACTIVE);

		TokenRevocationRejectedException refused = catchThrowableOfType(TokenRevocationRejectedException.class,
				() -> this.fixtures.revocation.revoke(BrandScope.of(product.brandId()), batch.firstTokenId(), reason,
						"owner"));

		assertThat(refused.reason()).isEqualTo(Reason.REASON_REQUIRED);
		assertThat(this.fixtures.status(batch.firstTokenId())).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.events(product.brandId(), "revoked")).isEmpty();
	}

	@Test
	void acceptsAReasonOfFiveHundredCharactersAndRefusesALongerOne() {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 2, ActivationMode.ACTIVE);
		BrandScope scope = BrandScope.of(product.brandId());

		TokenRevocationRejectedException refused = catchThrowableOfType(TokenRevocationRejectedException.class,
				() -> this.fixtures.revocation.revoke(scope, batch.firstTokenId(), "x".repeat(501), "owner"));
		TokenRevoked revoked = this.fixtures.revocation.revoke(scope, batch.firstTokenId() + 1,
				" " + "y".repeat(500) + " ", "owner");

		assertThat(refused.reason()).isEqualTo(Reason.REASON_TOO_LONG);
		assertThat(this.fixtures.status(batch.firstTokenId())).isEqualTo(TokenStatus.ACTIVE);
		assertThat(revoked.reason()).hasSize(TokenRevocation.MAX_REASON_LENGTH);
	}

	@Test
	void refusesAReasonHoldingANulOrAnotherControlCharacterAndKeepsLineBreaks() {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 2, ActivationMode.ACTIVE);
		BrandScope scope = BrandScope.of(product.brandId());

		TokenRevocationRejectedException nul = catchThrowableOfType(TokenRevocationRejectedException.class,
				() -> this.fixtures.revocation.revoke(scope, batch.firstTokenId(), "counter\u0000feit", "owner"));
		TokenRevocationRejectedException escape = catchThrowableOfType(TokenRevocationRejectedException.class,
				() -> this.fixtures.revocation.revoke(scope, batch.firstTokenId(), "counter\u001bfeit", "owner"));
		TokenRevoked revoked = this.fixtures.revocation.revoke(scope, batch.firstTokenId() + 1,
				"Counterfeit:\n\tsee case 7", "owner");

		assertThat(nul.reason()).isEqualTo(Reason.REASON_INVALID_CHARACTERS);
		assertThat(escape.reason()).isEqualTo(Reason.REASON_INVALID_CHARACTERS);
		assertThat(this.fixtures.status(batch.firstTokenId())).isEqualTo(TokenStatus.ACTIVE);
		assertThat(revoked.reason()).isEqualTo("Counterfeit:\n\tsee case 7");
	}

	@Test
	void letsExactlyOneOfConcurrentRevocationsSucceed() throws Exception {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.ACTIVE);
		long activeBefore = this.fixtures.activeTokens(product.brandId());
		int callers = 8;
		CyclicBarrier start = new CyclicBarrier(callers);
		List<Future<Reason>> outcomes = new ArrayList<>();

		try (ExecutorService executor = Executors.newFixedThreadPool(callers)) {
			for (int caller = 0; caller < callers; caller++) {
				String reason = "Reason " + caller;
				outcomes.add(executor.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					try {
						this.fixtures.revocation.revoke(BrandScope.of(product.brandId()), batch.firstTokenId(), reason,
								"owner");
						return null;
					}
					catch (TokenRevocationRejectedException ex) {
						return ex.reason();
					}
				}));
			}
			List<Reason> reasons = new ArrayList<>();
			for (Future<Reason> outcome : outcomes) {
				reasons.add(outcome.get(30, TimeUnit.SECONDS));
			}

			assertThat(reasons).containsOnlyOnce((Reason) null);
			assertThat(reasons).filteredOn((reason) -> reason != null)
				.hasSize(callers - 1)
				.containsOnly(Reason.ALREADY_REVOKED);
		}
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore - 1);
		assertThat(this.fixtures.events(product.brandId(), "revoked")).hasSize(1);
	}

	@Test
	void joinsTheCallersTransactionAndRollsBackWithIt() {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.ACTIVE);
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		this.fixtures.transactions.executeWithoutResult((status) -> {
			this.fixtures.revocation.revoke(BrandScope.of(product.brandId()), batch.firstTokenId(), "Oops", "owner");
			status.setRollbackOnly();
		});

		assertThat(this.fixtures.status(batch.firstTokenId())).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore);
		assertThat(this.fixtures.events(product.brandId(), "revoked")).isEmpty();
		assertThat(this.fixtures.jdbc.sql("select count(*) from token_revocations where token_id = ?")
			.param(batch.firstTokenId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void notifiesResolversWhenTheRevocationCommitsAndListsTheTokenAsRevoked() throws Exception {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.ACTIVE);
		long token = batch.firstTokenId();

		try (Connection listener = this.fixtures.dataSource.getConnection()) {
			try (Statement statement = listener.createStatement()) {
				statement.execute("listen dpp_token_revoked");
			}
			this.fixtures.revocation.revoke(BrandScope.of(product.brandId()), token, "Recalled", "owner");

			Set<String> notified = new HashSet<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!notified.contains(Long.toString(token)) && System.nanoTime() < deadline) {
				PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(100);
				if (received != null) {
					for (PGNotification notification : received) {
						notified.add(notification.getParameter());
					}
				}
			}
			try (Statement statement = listener.createStatement()) {
				statement.execute("unlisten *");
			}
			assertThat(notified).contains(Long.toString(token));

			Set<Long> revoked = new HashSet<>();
			JdbcTokenRepository.forEachRevoked(listener, revoked::add);
			assertThat(revoked).contains(token);
		}
	}

}
