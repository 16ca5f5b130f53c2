package io.dppmint.core.digsig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a brand's signing keys become after a revocation or during concurrent rotations,
 * on the real PostgreSQL: the next signed request never adds a key it need not add, and
 * two rotations never both add one.
 */
class BrandKeysIntegrationTests {

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final BrandKeys keys = this.fixtures.brandKeys();

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(TestPostgres.get().dataSource()));

	@Test
	void revokingTheActiveKeyLetsThePendingKeySignTheNextRequestAtOnce() {
		Brand brand = this.fixtures.aGs1Brand().create();
		long first = this.keys.signingKeyFor(brand.id());
		BrandKeys.BrandKey pending = this.keys.rotate(brand.id(), Duration.ofHours(24));

		assertThat(this.keys.revoke(brand.id(), 1)).isTrue();
		long next = this.transactions.execute((status) -> this.keys.signingKeyFor(brand.id()));

		assertThat(next).isEqualTo(pending.id()).isNotEqualTo(first);
		assertThat(states(brand)).containsExactly("2 active", "1 revoked");
		assertThat(this.keys.find(next).orElseThrow().activatedAt()).isNotNull();
	}

	@Test
	void revokingTheActiveKeyWithoutAPendingOneCreatesANewKeyActiveAtOnce() {
		Brand brand = this.fixtures.aGs1Brand().create();
		this.keys.signingKeyFor(brand.id());

		assertThat(this.keys.revoke(brand.id(), 1)).isTrue();
		long next = this.transactions.execute((status) -> this.keys.signingKeyFor(brand.id()));

		assertThat(this.keys.find(next).orElseThrow().keyNumber()).isEqualTo(2);
		assertThat(states(brand)).containsExactly("2 active", "1 revoked");
		assertThat(this.keys.published().stream().filter((key) -> key.brandId() == brand.id()))
			.extracting(BrandKeys.BrandKey::keyNumber)
			.containsExactly(2);
	}

	@Test
	void aPendingKeyThatIsNotDueWaitsWhileTheActiveKeySigns() {
		Brand brand = this.fixtures.aGs1Brand().create();
		long first = this.keys.signingKeyFor(brand.id());
		this.keys.rotate(brand.id(), Duration.ofHours(24));

		assertThat(this.keys.signingKeyFor(brand.id())).isEqualTo(first);
		assertThat(states(brand)).containsExactly("2 pending", "1 active");
	}

	@Test
	void concurrentRotationsAddOneKeyAndTheOthersFindItPending() throws Exception {
		Brand brand = this.fixtures.aGs1Brand().create();
		this.keys.signingKeyFor(brand.id());
		CountDownLatch rotated = new CountDownLatch(1);
		CountDownLatch othersWaiting = new CountDownLatch(1);
		List<Future<String>> others = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
			Future<String> holder = executor.submit(() -> this.transactions.execute((status) -> {
				BrandKeys.BrandKey key = this.keys.rotate(brand.id(), Duration.ofHours(24));
				rotated.countDown();
				await(othersWaiting);
				return "rotated " + key.keyNumber();
			}));
			await(rotated);
			for (int i = 0; i < 3; i++) {
				others.add(executor.submit(() -> rotate(brand)));
			}
			// The other rotations are blocked on the brand's lock while the first holds
			// it.
			awaitLockWaiters(brand, 3);
			othersWaiting.countDown();
			assertThat(holder.get()).isEqualTo("rotated 2");
			for (Future<String> other : others) {
				assertThat(other.get()).contains("already has a pending signing key");
			}
		}
		assertThat(states(brand)).containsExactly("2 pending", "1 active");
	}

	private String rotate(Brand brand) {
		try {
			return this.transactions
				.execute((status) -> "rotated " + this.keys.rotate(brand.id(), Duration.ofHours(24)).keyNumber());
		}
		catch (IllegalStateException ex) {
			return ex.getMessage();
		}
	}

	private void awaitLockWaiters(Brand brand, int count) throws InterruptedException {
		long key = BrandKeys.lockKey(brand.id());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		// A bigint advisory key shows in pg_locks as classid (high half), objid (low
		// half).
		while (this.fixtures.jdbc()
			.sql("""
					select count(*) from pg_locks where locktype = 'advisory' and objsubid = 1 and not granted
						and classid::bigint = :high and objid::bigint = :low""")
			.param("high", key >>> 32)
			.param("low", key & 0xFFFF_FFFFL)
			.query(Long.class)
			.single() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The other rotations never waited for the brand's lock");
			}
			Thread.sleep(20);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new AssertionError("Timed out");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private List<String> states(Brand brand) {
		return this.keys.keys(brand.id()).stream().map((key) -> key.keyNumber() + " " + key.state()).toList();
	}

}
