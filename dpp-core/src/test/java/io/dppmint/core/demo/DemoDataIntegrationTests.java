package io.dppmint.core.demo;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.EligibilityFailure;
import io.dppmint.core.catalog.EligibilityReport;
import io.dppmint.core.catalog.EligibilityRule;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.MintEligibility;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataIntegrationTests {

	private final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	private final JdbcBrandRepository brands = new JdbcBrandRepository(this.jdbc);

	private final JdbcProductRepository products = new JdbcProductRepository(this.jdbc);

	private final JdbcProductionRunRepository runs = new JdbcProductionRunRepository(this.jdbc);

	private final DemoData demoData = new DemoData(this.brands, this.products, this.runs,
			Fixtures.onTestPostgres().passports());

	@BeforeEach
	void loadDemoData() {
		this.demoData.load();
	}

	@Test
	void changesNothingWhenLoadedAgain() {
		Map<String, List<String>> before = catalogueRows();

		this.demoData.load();

		assertThat(catalogueRows()).isEqualTo(before);
	}

	@Test
	void hasAGs1ReadyBrandAndABrandWithoutGtins() {
		Brand gs1 = this.brands.findByCode(DemoData.GS1_BRAND_CODE).orElseThrow();
		Brand plain = this.brands.findByCode(DemoData.NON_GS1_BRAND_CODE).orElseThrow();

		assertThat(gs1.gtinRequired()).isTrue();
		assertThat(gs1.gs1CompanyPrefix()).isEqualTo("9506000");
		assertThat(gs1.resolverBaseUrl()).isEqualTo("https://id.example.com");
		assertThat(gs1.requiredFields()).isNotEmpty();
		assertThat(plain.gtinRequired()).isFalse();
		assertThat(plain.requiredFields()).isNotEmpty();
		assertThat(this.jdbc.sql("select count(*) from brand_counters where brand_id in (:gs1, :plain)")
			.param("gs1", gs1.id())
			.param("plain", plain.id())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void hasReadyProductsWithProductionRunsInEachBrand() {
		for (String code : List.of(DemoData.GS1_BRAND_CODE, DemoData.NON_GS1_BRAND_CODE)) {
			Brand brand = this.brands.findByCode(code).orElseThrow();
			List<Product> ready = productsOf(brand).stream()
				.filter((product) -> MintEligibility.evaluate(brand, product).ready())
				.toList();

			assertThat(ready).as(code).hasSizeGreaterThanOrEqualTo(2);
			assertThat(ready).as(code)
				.anySatisfy((product) -> assertThat(this.runs.findByProduct(product.id())).isNotEmpty()
					.allSatisfy((run) -> assertThat(run.plannedQuantity()).isPositive()));
		}
	}

	@Test
	void linksProductionRunsOnlyToReadyProducts() {
		for (String code : List.of(DemoData.GS1_BRAND_CODE, DemoData.NON_GS1_BRAND_CODE)) {
			Brand brand = this.brands.findByCode(code).orElseThrow();
			for (Product product : productsOf(brand)) {
				List<ProductionRun> runs = this.runs.findByProduct(product.id());
				if (!runs.isEmpty()) {
					assertThat(MintEligibility.evaluate(brand, product).ready()).as(product.sku()).isTrue();
				}
			}
		}
	}

	@Test
	void hasANotReadyProductFailingEachRuleAndEachOnlyOne() {
		Map<String, List<EligibilityFailure>> failuresBySku = new HashMap<>();
		for (String code : List.of(DemoData.GS1_BRAND_CODE, DemoData.NON_GS1_BRAND_CODE, BatteryDemo.BRAND_CODE)) {
			Brand brand = this.brands.findByCode(code).orElseThrow();
			for (Product product : productsOf(brand)) {
				EligibilityReport report = MintEligibility.evaluate(brand, product);
				if (!report.ready()) {
					failuresBySku.put(product.sku(), report.failures());
				}
			}
		}

		assertThat(failuresBySku.values()).allSatisfy((failures) -> assertThat(failures).hasSize(1));
		Set<EligibilityRule> failed = EnumSet.noneOf(EligibilityRule.class);
		failuresBySku.values().forEach((failures) -> failed.add(failures.get(0).rule()));
		assertThat(failed).containsExactlyInAnyOrder(EligibilityRule.values());
		assertThat(failuresBySku)
			.hasEntrySatisfying("ACME-JKT-003",
					(failures) -> assertThat(failures.get(0).subject()).isEqualTo("care_instructions"))
			.hasEntrySatisfying("ACME-SCK-004",
					(failures) -> assertThat(failures.get(0).rule()).isEqualTo(EligibilityRule.GTIN_MISSING))
			.hasEntrySatisfying("ACME-CAP-005",
					(failures) -> assertThat(failures.get(0).rule()).isEqualTo(EligibilityRule.GTIN_INVALID))
			.hasEntrySatisfying("ACME-SCF-006",
					(failures) -> assertThat(failures.get(0).subject()).isEqualTo("discontinued"))
			.hasEntrySatisfying("NH-LMP-003", (failures) -> assertThat(failures.get(0).subject()).isEqualTo("draft"))
			.hasEntrySatisfying("NH-VAS-004",
					(failures) -> assertThat(failures.get(0).subject()).isEqualTo("recycling_instructions"))
			.hasEntrySatisfying(BatteryDemo.OUTDATED_SKU,
					(failures) -> assertThat(failures.get(0).subject()).isEqualTo("passport.warranty_period"));
	}

	@Test
	void hasATypedBatteryPassportWithAHistory() {
		Brand voltcell = this.brands.findByCode(BatteryDemo.BRAND_CODE).orElseThrow();
		Product ready = this.products.findByBrandAndSku(voltcell.id(), BatteryDemo.READY_SKU).orElseThrow();

		assertThat(voltcell.passportSchema().version()).isEqualTo(3);
		assertThat(voltcell.operatorGln()).isEqualTo("9506001000120");
		assertThat(ready.commodityCode()).isEqualTo("85076000");
		assertThat(ready.passportVersion()).isEqualTo(1);
		assertThat(ready.passport().keys()).contains("rated_capacity", "chemistry", "detailed_composition")
			.doesNotContain("state_of_health");
		assertThat(MintEligibility.evaluate(voltcell, ready).ready()).isTrue();
		assertThat(this.runs.findByProduct(ready.id())).singleElement()
			.satisfies((run) -> assertThat(run.facilityGln().value()).isEqualTo("8001234000059"));
	}

	private List<Product> productsOf(Brand brand) {
		return this.products.search(brand.id(), "", null, JdbcProductRepository.MAX_PAGE_SIZE).products();
	}

	/**
	 * Every row of the catalogue tables, as JSON text, so that arrays and JSON compare by
	 * value.
	 */
	private Map<String, List<String>> catalogueRows() {
		Map<String, List<String>> rows = new HashMap<>();
		for (String table : List.of("brands", "brand_counters", "products", "production_runs", "passport_schemas",
				"passport_versions")) {
			String key = table.equals("brand_counters") ? "brand_id" : "id";
			rows.put(table,
					this.jdbc.sql("select row_to_json(t)::text from " + table + " t order by " + key)
						.query(String.class)
						.list());
		}
		return rows;
	}

}
