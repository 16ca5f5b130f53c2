package io.dppmint.core.catalog;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The catalogue's constraints hold for writers that bypass the repositories.
 */
class CatalogSchemaIntegrationTests {

	private final JdbcClient jdbc = CatalogFixtures.jdbc();

	@Test
	void rejectsASecondProductWithTheSameSkuInOneBrand() {
		long brand = insertBrand(CatalogFixtures.uniqueCode("schema"));
		insertProduct(brand, "SKU-1", null);

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insertProduct(brand, "SKU-1", null))
			.withMessageContaining("products_brand_sku_uk");
	}

	@Test
	void allowsTheSameSkuInTwoBrands() {
		long first = insertBrand(CatalogFixtures.uniqueCode("schema"));
		long second = insertBrand(CatalogFixtures.uniqueCode("schema"));

		insertProduct(first, "SKU-1", null);
		insertProduct(second, "SKU-1", null);

		assertThat(countProducts(first) + countProducts(second)).isEqualTo(2);
	}

	@Test
	void rejectsAGtinAssignedToTwoProductsEvenAcrossBrands() {
		String gtin = CatalogFixtures.uniqueGtin();
		long first = insertBrand(CatalogFixtures.uniqueCode("schema"));
		long second = insertBrand(CatalogFixtures.uniqueCode("schema"));
		insertProduct(first, "SKU-1", gtin);

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insertProduct(second, "SKU-2", gtin))
			.withMessageContaining("products_gtin_uk");
	}

	@Test
	void allowsManyProductsWithoutGtin() {
		long brand = insertBrand(CatalogFixtures.uniqueCode("schema"));

		insertProduct(brand, "SKU-1", null);
		insertProduct(brand, "SKU-2", null);

		assertThat(countProducts(brand)).isEqualTo(2);
	}

	@Test
	void rejectsAGtinThatIsNotFourteenDigits() {
		long brand = insertBrand(CatalogFixtures.uniqueCode("schema"));

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertProduct(brand, "SKU-1", "9506000134352"))
			.withMessageContaining("products_gtin_ck");
	}

	@Test
	void rejectsAnUnknownCommercialStatus() {
		long brand = insertBrand(CatalogFixtures.uniqueCode("schema"));

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.jdbc.sql("""
				insert into products (brand_id, sku, name, commercial_status)
				values (:brand, 'SKU-1', 'Name', 'archived')""").param("brand", brand).update())
			.withMessageContaining("products_commercial_status_ck");
	}

	@Test
	void rejectsAMalformedBrandCode() {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> insertBrand("Acme Apparel"))
			.withMessageContaining("brands_code_ck");
	}

	@Test
	void rejectsAGs1ReadyBrandWithoutCompanyPrefix() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.sql("""
					insert into brands (code, name, gtin_required, resolver_base_url)
					values (:code, 'Name', true, 'https://id.example.com')""")
				.param("code", CatalogFixtures.uniqueCode("schema"))
				.update())
			.withMessageContaining("brands_gtin_required_prefix_ck");
	}

	@Test
	void rejectsAProductionRunOfAnotherBrandsProduct() {
		long brand = insertBrand(CatalogFixtures.uniqueCode("schema"));
		long otherBrand = insertBrand(CatalogFixtures.uniqueCode("schema"));
		long othersProduct = insertProduct(otherBrand, "SKU-1", null);

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertRun(brand, othersProduct, "ERP-1", 10, 0))
			.withMessageContaining("production_runs_product_fk");
	}

	@Test
	void rejectsReservationsBeyondThePlannedQuantity() {
		long brand = insertBrand(CatalogFixtures.uniqueCode("schema"));
		long product = insertProduct(brand, "SKU-1", null);
		insertRun(brand, product, "ERP-1", 10, 10);

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.jdbc.sql(
				"update production_runs set reserved_quantity = 11 where brand_id = :brand and erp_reference = 'ERP-1'")
			.param("brand", brand)
			.update()).withMessageContaining("production_runs_capacity_ck");
	}

	@Test
	void rejectsTwoRunsWithOneErpReferenceInABrand() {
		long brand = insertBrand(CatalogFixtures.uniqueCode("schema"));
		long product = insertProduct(brand, "SKU-1", null);
		insertRun(brand, product, "ERP-1", 10, 0);

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> insertRun(brand, product, "ERP-1", 20, 0))
			.withMessageContaining("production_runs_brand_erp_reference_uk");
	}

	private long insertBrand(String code) {
		return this.jdbc.sql("""
				insert into brands (code, name, gtin_required, resolver_base_url)
				values (:code, 'Name', false, 'https://id.example.com')
				returning id""").param("code", code).query(Long.class).single();
	}

	private long insertProduct(long brand, String sku, String gtin) {
		return this.jdbc.sql("""
				insert into products (brand_id, sku, name, gtin, commercial_status)
				values (:brand, :sku, 'Name', :gtin, 'active')
				returning id""").param("brand", brand).param("sku", sku).param("gtin", gtin).query(Long.class).single();
	}

	private void insertRun(long brand, long product, String erpReference, long planned, long reserved) {
		this.jdbc.sql("""
				insert into production_runs (brand_id, product_id, erp_reference, planned_quantity, reserved_quantity)
				values (:brand, :product, :erpReference, :planned, :reserved)""")
			.param("brand", brand)
			.param("product", product)
			.param("erpReference", erpReference)
			.param("planned", planned)
			.param("reserved", reserved)
			.update();
	}

	private long countProducts(long brand) {
		return this.jdbc.sql("select count(*) from products where brand_id = :brand")
			.param("brand", brand)
			.query(Long.class)
			.single();
	}

}
