package io.dppmint.core.token;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.tenancy.BrandScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TokenActivation} against the real PostgreSQL: each minted token becomes active
 * exactly once, however many callers race for it, and its status, its brand's counter and
 * its audit event commit (or roll back) together.
 */
class TokenActivationIntegrationTests {

	private final TokenFixtures fixtures = new TokenFixtures();

	@Test
	void activatesMintedTokensWithTheirCounterAndOneAuditEventEach() {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 5, ActivationMode.FIRST_SCAN);
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		Set<Long> activated = this.fixtures.activation
			.activate(List.of(this.fixtures.scanOf(batch, 1), this.fixtures.scanOf(batch, 3)), "resolver");

		assertThat(activated).containsExactlyInAnyOrder(batch.firstTokenId() + 1, batch.firstTokenId() + 3);
		assertThat(this.fixtures.status(batch.firstTokenId() + 1)).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.status(batch.firstTokenId() + 3)).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.hasActivationTime(batch.firstTokenId() + 3)).isTrue();
		assertThat(this.fixtures.status(batch.firstTokenId())).isEqualTo(TokenStatus.MINTED);
		assertThat(this.fixtures.hasActivationTime(batch.firstTokenId())).isFalse();
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 2);
		List<TokenFixtures.TokenEvent> events = this.fixtures.events(product.brandId(), "activated");
		assertThat(events).extracting(TokenFixtures.TokenEvent::entityId)
			.containsExactlyInAnyOrder(Long.toString(batch.firstTokenId() + 1),
					Long.toString(batch.firstTokenId() + 3));
		assertThat(events).allSatisfy((event) -> assertThat(event.actor()).isEqualTo("resolver"));
		assertThat(events.get(0).details()).contains("\"trigger\": \"first_scan\"", "\"batchId\": " + batch.id(),
				"\"identifier\": \"" + this.fixtures.identifiers.encode(Long.parseLong(events.get(0).entityId())));
	}

	@Test
	void activatesATokenScannedTwiceInOneBatchOnce() {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.FIRST_SCAN);
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		Set<Long> activated = this.fixtures.activation
			.activate(List.of(this.fixtures.scanOf(batch, 0), this.fixtures.scanOf(batch, 0)), "resolver");

		assertThat(activated).containsExactly(batch.firstTokenId());
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 1);
		assertThat(this.fixtures.events(product.brandId(), "activated")).hasSize(1);
	}

	@Test
	void leavesActiveAndRevokedTokensAloneAndCountsNothingForThem() {
		Product product = this.fixtures.aProduct();
		MintBatch active = this.fixtures.mint(product, 1, ActivationMode.ACTIVE);
		MintBatch firstScan = this.fixtures.mint(product, 2, ActivationMode.FIRST_SCAN);
		this.fixtures.revocation.revoke(BrandScope.of(product.brandId()), firstScan.firstTokenId() + 1, "Recalled",
				"tests");
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		Set<Long> activated = this.fixtures.activation.activate(List.of(this.fixtures.scanOf(active, 0),
				this.fixtures.scanOf(firstScan, 1), this.fixtures.scanOf(firstScan, 0)), "resolver");

		assertThat(activated).containsExactly(firstScan.firstTokenId());
		assertThat(this.fixtures.status(active.firstTokenId())).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.hasActivationTime(active.firstTokenId())).isFalse();
		assertThat(this.fixtures.status(firstScan.firstTokenId() + 1)).isEqualTo(TokenStatus.REVOKED);
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 1);
		assertThat(this.fixtures.events(product.brandId(), "activated")).extracting(TokenFixtures.TokenEvent::entityId)
			.containsExactly(Long.toString(firstScan.firstTokenId()));
	}

	@Test
	void activatesTokensOfSeveralBrandsInOneBatchCountingEachBrand() {
		Product first = this.fixtures.aProduct();
		Product second = this.fixtures.aProduct();
		MintBatch ofFirst = this.fixtures.mint(first, 3, ActivationMode.FIRST_SCAN);
		MintBatch ofSecond = this.fixtures.mint(second, 2, ActivationMode.FIRST_SCAN);
		long firstBefore = this.fixtures.activeTokens(first.brandId());
		long secondBefore = this.fixtures.activeTokens(second.brandId());

		Set<Long> activated = this.fixtures.activation.activate(List.of(this.fixtures.scanOf(ofSecond, 0),
				this.fixtures.scanOf(ofFirst, 0), this.fixtures.scanOf(ofFirst, 2), this.fixtures.scanOf(ofSecond, 1)),
				"resolver");

		assertThat(activated).hasSize(4);
		assertThat(this.fixtures.activeTokens(first.brandId())).isEqualTo(firstBefore + 2);
		assertThat(this.fixtures.activeTokens(second.brandId())).isEqualTo(secondBefore + 2);
		assertThat(this.fixtures.events(first.brandId(), "activated")).hasSize(2);
		assertThat(this.fixtures.events(second.brandId(), "activated")).hasSize(2);
	}

	@Test
	void activatesEachTokenExactlyOnceUnderConcurrentOverlappingBatches() throws Exception {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 200, ActivationMode.FIRST_SCAN);
		long activeBefore = this.fixtures.activeTokens(product.brandId());
		int callers = 8;
		CyclicBarrier start = new CyclicBarrier(callers);
		List<Future<Set<Long>>> results = new ArrayList<>();

		try (ExecutorService executor = Executors.newFixedThreadPool(callers)) {
			for (int caller = 0; caller < callers; caller++) {
				// Every caller asks for every token, each in its own order.
				List<TokenToActivate> scans = new ArrayList<>(
						IntStream.range(0, 200).mapToObj((unit) -> this.fixtures.scanOf(batch, unit)).toList());
				Collections.shuffle(scans);
				results.add(executor.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					Set<Long> activated = new HashSet<>();
					for (int from = 0; from < scans.size(); from += 25) {
						activated.addAll(this.fixtures.activation.activate(scans.subList(from, from + 25), "resolver"));
					}
					return activated;
				}));
			}
			List<Long> winners = new ArrayList<>();
			for (Future<Set<Long>> result : results) {
				winners.addAll(result.get(60, TimeUnit.SECONDS));
			}

			assertThat(winners).hasSize(200).doesNotHaveDuplicates();
		}
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 200);
		assertThat(this.fixtures.events(product.brandId(), "activated")).hasSize(200)
			.extracting(TokenFixtures.TokenEvent::entityId)
			.doesNotHaveDuplicates();
		assertThat(IntStream.range(0, 200).mapToObj((unit) -> this.fixtures.status(batch.firstTokenId() + unit)))
			.containsOnly(TokenStatus.ACTIVE);
	}

	@Test
	void commitsStatusCounterAndAuditEventTogether() throws Exception {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.FIRST_SCAN);
		long activeBefore = this.fixtures.activeTokens(product.brandId());
		long token = batch.firstTokenId();

		// Another transaction holds the brand's counter row: the activation updates the
		// token, then waits for the counter, and nothing of it may be visible meanwhile.
		try (Connection locker = this.fixtures.dataSource.getConnection();
				ExecutorService executor = Executors.newSingleThreadExecutor()) {
			locker.setAutoCommit(false);
			try (var statement = locker
				.prepareStatement("select 1 from brand_counters where brand_id = ? for update")) {
				statement.setLong(1, product.brandId());
				statement.executeQuery().close();
			}
			Future<Set<Long>> activation = executor
				.submit(() -> this.fixtures.activation.activate(List.of(this.fixtures.scanOf(batch, 0)), "resolver"));
			awaitWaitingForALock("update brand_counters");

			assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.MINTED);
			assertThat(this.fixtures.events(product.brandId(), "activated")).isEmpty();
			assertThat(activation).isNotDone();

			locker.rollback();
			assertThat(activation.get(10, TimeUnit.SECONDS)).containsExactly(token);
		}
		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 1);
		assertThat(this.fixtures.events(product.brandId(), "activated")).hasSize(1);
	}

	@Test
	void joinsTheCallersTransactionAndRollsBackWithIt() {
		Product product = this.fixtures.aProduct();
		MintBatch batch = this.fixtures.mint(product, 1, ActivationMode.FIRST_SCAN);
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		this.fixtures.transactions.executeWithoutResult((status) -> {
			assertThat(this.fixtures.activation.activate(this.fixtures.scanOf(batch, 0), "resolver")).isTrue();
			status.setRollbackOnly();
		});

		assertThat(this.fixtures.status(batch.firstTokenId())).isEqualTo(TokenStatus.MINTED);
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore);
		assertThat(this.fixtures.events(product.brandId(), "activated")).isEmpty();
		assertThat(this.fixtures.activation.activate(this.fixtures.scanOf(batch, 0), "resolver")).isTrue();
	}

	@Test
	void activatesNothingForNoTokens() {
		assertThat(this.fixtures.activation.activate(List.of(), "resolver")).isEmpty();
	}

	private void awaitWaitingForALock(String statementStart) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			boolean waiting = this.fixtures.jdbc.sql("""
					select exists (select 1 from pg_stat_activity
						where wait_event_type = 'Lock' and query like :statement)""")
				.param("statement", statementStart + "%")
				.query(Boolean.class)
				.single();
			if (waiting) {
				return;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("No statement starting with '" + statementStart + "' waited for a lock");
	}

}
