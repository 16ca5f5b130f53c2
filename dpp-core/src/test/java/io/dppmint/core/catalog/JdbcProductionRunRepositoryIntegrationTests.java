package io.dppmint.core.catalog;

import java.util.Map;
import java.util.Optional;

import io.dppmint.core.catalog.CatalogFixtures.RowCounts;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JdbcProductionRunRepositoryIntegrationTests {

	private final JdbcClient jdbc = CatalogFixtures.jdbc();

	private final JdbcBrandRepository brands = new JdbcBrandRepository(this.jdbc);

	private final JdbcProductRepository products = new JdbcProductRepository(this.jdbc);

	private final JdbcProductionRunRepository runs = new JdbcProductionRunRepository(this.jdbc);

	private final Brand brand = this.brands.create(CatalogFixtures.aGs1Brand());

	private final Product product = this.products.create(CatalogFixtures.aReadyProduct(this.brand));

	@Test
	void createsARunOnFirstSyncAndFindsIt() {
		ProductionRun run = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), " PR-1 ", 500));

		assertThat(run)
			.isEqualTo(new ProductionRun(run.id(), this.brand.id(), this.product.id(), "PR-1", 500, 0, null));
		assertThat(run.remainingQuantity()).isEqualTo(500);
		assertThat(this.runs.findById(run.id())).contains(run);
		assertThat(this.runs.findByBrandAndErpReference(this.brand.id(), "PR-1")).contains(run);
	}

	@Test
	void syncingTheSameRunAgainChangesNothing() {
		ErpProductionRun reported = new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 500);
		ProductionRun first = this.runs.sync(reported);
		Map<String, Object> rowBefore = row(first.id());
		RowCounts before = RowCounts.now();

		ProductionRun second = this.runs.sync(reported);

		assertThat(second).isEqualTo(first);
		assertThat(row(first.id())).isEqualTo(rowBefore);
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	@Test
	void takesTheNewPlannedQuantityOfARunSyncedAgain() {
		ProductionRun first = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 500));
		this.jdbc.sql("update production_runs set reserved_quantity = 100 where id = :id")
			.param("id", first.id())
			.update();

		ProductionRun updated = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 800));

		assertThat(updated)
			.isEqualTo(new ProductionRun(first.id(), this.brand.id(), this.product.id(), "PR-1", 800, 100, null));
		assertThat(this.runs.findByBrandAndErpReference(this.brand.id(), "PR-1")).contains(updated);
	}

	@Test
	void keepsOneErpReferenceApartInTwoBrands() {
		Brand other = this.brands.create(CatalogFixtures.aNonGs1Brand());
		Product othersProduct = this.products.create(CatalogFixtures.aReadyProduct(other));

		ProductionRun mine = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 10));
		ProductionRun theirs = this.runs.sync(new ErpProductionRun(other.id(), othersProduct.id(), "PR-1", 20));

		assertThat(mine.id()).isNotEqualTo(theirs.id());
		assertThat(this.runs.findByBrandAndErpReference(this.brand.id(), "PR-1")).contains(mine);
		assertThat(this.runs.findByBrandAndErpReference(other.id(), "PR-1")).contains(theirs);
	}

	@Test
	void listsTheRunsOfAProductNewestFirst() {
		ProductionRun older = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 10));
		ProductionRun newer = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-2", 20));

		assertThat(this.runs.findByProduct(this.product.id())).containsExactly(newer, older);
	}

	@Test
	void rejectsPlannedQuantityBelowTheReservedUnitsAndChangesNothing() {
		ProductionRun run = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 500));
		this.jdbc.sql("update production_runs set reserved_quantity = 300 where id = :id")
			.param("id", run.id())
			.update();
		Map<String, Object> rowBefore = row(run.id());

		assertThatExceptionOfType(CatalogValidationException.class)
			.isThrownBy(() -> this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 299)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("plannedQuantity"))
			.withMessageContaining("already has 300 units reserved")
			.withMessageContaining("cannot drop to 299");
		assertThat(row(run.id())).isEqualTo(rowBefore);
	}

	@Test
	void refusesALowerPlanInsideATransactionThatStaysUsable() {
		ProductionRun run = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-T", 500));
		this.jdbc.sql("update production_runs set reserved_quantity = 300 where id = :id")
			.param("id", run.id())
			.update();
		TransactionTemplate transaction = new TransactionTemplate(
				new DataSourceTransactionManager(TestPostgres.get().dataSource()));

		Optional<ProductionRun> afterRefusal = transaction.execute((status) -> {
			assertThatExceptionOfType(CatalogValidationException.class)
				.isThrownBy(() -> this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-T", 299)))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo("PLANNED_BELOW_RESERVED"));
			assertThatExceptionOfType(CatalogValidationException.class)
				.isThrownBy(() -> this.runs.sync(new ErpProductionRun(this.brand.id(), Long.MAX_VALUE, "PR-U", 1)));
			return this.runs.findByBrandAndErpReference(this.brand.id(), "PR-T");
		});

		assertThat(afterRefusal)
			.contains(new ProductionRun(run.id(), this.brand.id(), this.product.id(), "PR-T", 500, 300, null));
	}

	@Test
	void rejectsMovingAnErpReferenceToAnotherProductAndChangesNothing() {
		ProductionRun run = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 500));
		Product another = this.products.create(CatalogFixtures.aReadyProduct(this.brand));
		Map<String, Object> rowBefore = row(run.id());

		assertThatExceptionOfType(CatalogConflictException.class)
			.isThrownBy(() -> this.runs.sync(new ErpProductionRun(this.brand.id(), another.id(), "PR-1", 900)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("productId"))
			.withMessageContaining("already linked to product " + this.product.id());
		assertThat(row(run.id())).isEqualTo(rowBefore);
	}

	@Test
	void rejectsAnotherBrandsProductAndWritesNothing() {
		Brand other = this.brands.create(CatalogFixtures.aNonGs1Brand());
		Product othersProduct = this.products.create(CatalogFixtures.aReadyProduct(other));
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogValidationException.class)
			.isThrownBy(() -> this.runs.sync(new ErpProductionRun(this.brand.id(), othersProduct.id(), "PR-1", 10)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("productId"))
			.withMessageContaining("has no product with id " + othersProduct.id());
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	@Test
	void rejectsAnUnknownBrandAndWritesNothing() {
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogValidationException.class)
			.isThrownBy(() -> this.runs.sync(new ErpProductionRun(Long.MAX_VALUE, this.product.id(), "PR-1", 10)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("brandId"))
			.withMessageContaining("There is no brand with id " + Long.MAX_VALUE);
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, Long.MIN_VALUE })
	void rejectsAPlannedQuantityBelowOneAndWritesNothing(long plannedQuantity) {
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogValidationException.class).isThrownBy(
				() -> this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", plannedQuantity)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("plannedQuantity"))
			.withMessageContaining("at least 1 unit, not " + plannedQuantity);
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	@Test
	void rejectsABlankErpReferenceAndWritesNothing() {
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogValidationException.class)
			.isThrownBy(() -> this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "  ", 10)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("erpReference"));
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	private Map<String, Object> row(long id) {
		return this.jdbc.sql("select * from production_runs where id = :id").param("id", id).query().singleRow();
	}

}
