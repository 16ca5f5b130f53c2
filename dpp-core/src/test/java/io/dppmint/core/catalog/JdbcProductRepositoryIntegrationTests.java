package io.dppmint.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.dppmint.core.catalog.CatalogFixtures.RowCounts;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.passport.PassportValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class JdbcProductRepositoryIntegrationTests {

	private final JdbcClient jdbc = CatalogFixtures.jdbc();

	private final JdbcBrandRepository brands = new JdbcBrandRepository(this.jdbc);

	private final JdbcProductRepository products = new JdbcProductRepository(this.jdbc);

	private final Brand brand = this.brands.create(CatalogFixtures.aGs1Brand());

	@Test
	void storesAProductAndFindsItByIdSkuAndGtin() {
		String gtin = CatalogFixtures.uniqueGtin();
		Map<String, String> passport = Map.of("material", "Cotton", "country_of_origin", "PT", "note", "");

		Product created = this.products
			.create(new NewProduct(this.brand.id(), "TEE-1", "T-Shirt", gtin, passport, CommercialStatus.ACTIVE));

		assertThat(created).isEqualTo(new Product(created.id(), this.brand.id(), "TEE-1", "T-Shirt", new Gtin(gtin),
				PassportValues.ofText(passport), 1, null, CommercialStatus.ACTIVE));
		assertThat(this.products.findById(created.id())).contains(created);
		assertThat(this.products.findByBrandAndSku(this.brand.id(), "TEE-1")).contains(created);
		assertThat(this.products.findByGtin(new Gtin(gtin))).contains(created);
	}

	@Test
	void storesAProductWithoutGtinOrPassport() {
		Product created = this.products
			.create(new NewProduct(this.brand.id(), "DRAFT-1", "Draft", "  ", null, CommercialStatus.DRAFT));

		assertThat(created.gtin()).isNull();
		assertThat(created.passport().isEmpty()).isTrue();
		assertThat(created.passportVersion()).isZero();
		assertThat(created.commercialStatus()).isEqualTo(CommercialStatus.DRAFT);
		assertThat(this.products.findById(created.id())).contains(created);
	}

	@Test
	void normalisesAGtin13ToFourteenDigits() {
		String gtin = CatalogFixtures.uniqueGtin();

		Product created = this.products.create(new NewProduct(this.brand.id(), "TEE-13", "T-Shirt",
				" " + gtin.substring(1) + " ", Map.of(), CommercialStatus.ACTIVE));

		assertThat(created.gtin().value()).isEqualTo(gtin);
		assertThat(this.jdbc.sql("select gtin from products where id = :id")
			.param("id", created.id())
			.query(String.class)
			.single()).isEqualTo(gtin);
	}

	@Test
	void keepsPassportValuesExactlyAsGivenAndNamesSorted() {
		Map<String, String> passport = Map.of("zeta", "  spaced  ", "alpha", "ünïcødé \"quoted\"", " material ",
				"Wool");

		Product created = this.products
			.create(new NewProduct(this.brand.id(), "P-1", "Passport", null, passport, CommercialStatus.ACTIVE));

		PassportValues stored = this.products.findById(created.id()).orElseThrow().passport();
		assertThat(stored.keys()).containsExactly("alpha", "material", "zeta");
		assertThat(stored.text("alpha")).isEqualTo("ünïcødé \"quoted\"");
		assertThat(stored.text("material")).isEqualTo("Wool");
		assertThat(stored.text("zeta")).isEqualTo("  spaced  ");
	}

	@Test
	void findsNothingForUnknownIdSkuOrGtin() {
		assertThat(this.products.findById(Long.MAX_VALUE)).isEmpty();
		assertThat(this.products.findByBrandAndSku(this.brand.id(), "NO-SUCH-SKU")).isEmpty();
		assertThat(this.products.findByGtin(Gtin.parse(CatalogFixtures.uniqueGtin()))).isEmpty();
	}

	@Test
	void doesNotFindAnotherBrandsSku() {
		Brand other = this.brands.create(CatalogFixtures.aNonGs1Brand());
		this.products.create(new NewProduct(other.id(), "SHARED", "Other's", null, Map.of(), CommercialStatus.ACTIVE));

		assertThat(this.products.findByBrandAndSku(this.brand.id(), "SHARED")).isEmpty();
	}

	@Test
	void rejectsASkuTheBrandAlreadyHasAndWritesNothing() {
		this.products.create(new NewProduct(this.brand.id(), "DUP", "First", null, Map.of(), CommercialStatus.ACTIVE));
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogConflictException.class)
			.isThrownBy(() -> this.products
				.create(new NewProduct(this.brand.id(), " DUP ", "Second", null, Map.of(), CommercialStatus.ACTIVE)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("sku"))
			.withMessageContaining("already has a product with SKU 'DUP'");
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	@Test
	void rejectsAGtinAnotherProductHasAndWritesNothing() {
		String gtin = CatalogFixtures.uniqueGtin();
		this.products.create(new NewProduct(this.brand.id(), "G-1", "First", gtin, Map.of(), CommercialStatus.ACTIVE));
		Brand other = this.brands.create(CatalogFixtures.aGs1Brand());
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogConflictException.class)
			.isThrownBy(() -> this.products
				.create(new NewProduct(other.id(), "G-2", "Second", gtin, Map.of(), CommercialStatus.ACTIVE)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("gtin"))
			.withMessageContaining("GTIN " + gtin + " is already assigned to another product");
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	@Test
	void rejectsAnUnknownBrandAndWritesNothing() {
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogValidationException.class)
			.isThrownBy(() -> this.products
				.create(new NewProduct(Long.MAX_VALUE, "X-1", "Orphan", null, Map.of(), CommercialStatus.ACTIVE)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("brandId"))
			.withMessageContaining("There is no brand with id " + Long.MAX_VALUE);
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidProducts")
	void rejectsInvalidInputNamingTheFieldAndWritesNothing(String description, ProductInput input, String field,
			String message) {
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogValidationException.class)
			.isThrownBy(() -> this.products.create(input.toNewProduct(this.brand.id())))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field))
			.withMessageContaining(message);
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	static Stream<Arguments> invalidProducts() {
		String gtin = CatalogFixtures.uniqueGtin();
		Map<String, String> nullValue = new HashMap<>();
		nullValue.put("material", null);
		return Stream.of(
				invalid("null SKU", new ProductInput(null, "Name", null, Map.of()), "sku", "A value is required"),
				invalid("blank SKU", new ProductInput(" \t", "Name", null, Map.of()), "sku", "A value is required"),
				invalid("SKU of 65 characters", new ProductInput("S".repeat(65), "Name", null, Map.of()), "sku",
						"At most 64 characters"),
				invalid("SKU with a line break", new ProductInput("A\nB", "Name", null, Map.of()), "sku",
						"Control characters"),
				invalid("null name", new ProductInput("SKU", null, null, Map.of()), "name", "A value is required"),
				invalid("blank name", new ProductInput("SKU", "  ", null, Map.of()), "name", "A value is required"),
				invalid("GTIN with a wrong check digit",
						new ProductInput("SKU", "Name", CatalogFixtures.withWrongCheckDigit(gtin), Map.of()), "gtin",
						"check digit"),
				invalid("GTIN of 13 digits with a wrong check digit",
						new ProductInput("SKU", "Name", CatalogFixtures.withWrongCheckDigit(gtin).substring(1),
								Map.of()),
						"gtin", "check digit"),
				invalid("GTIN of 10 digits", new ProductInput("SKU", "Name", "9506000134", Map.of()), "gtin",
						"has 10 digits, but a GTIN has 8, 12, 13 or 14"),
				invalid("GTIN of 15 digits", new ProductInput("SKU", "Name", "095060001343520", Map.of()), "gtin",
						"has 15 digits, but a GTIN has 8, 12, 13 or 14"),
				invalid("GTIN with letters", new ProductInput("SKU", "Name", "0950600013435X", Map.of()), "gtin",
						"digits only"),
				invalid("blank passport field name", new ProductInput("SKU", "Name", null, Map.of(" ", "value")),
						"passport", "name cannot be blank"),
				invalid("null passport value", new ProductInput("SKU", "Name", null, nullValue), "passport.material",
						"needs a value"),
				invalid("passport field named twice",
						new ProductInput("SKU", "Name", null, Map.of("material", "a", " material", "b")),
						"passport.material", "given twice"));
	}

	@Test
	void rejectsAMissingCommercialStatus() {
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogValidationException.class)
			.isThrownBy(
					() -> this.products.create(new NewProduct(this.brand.id(), "SKU", "Name", null, Map.of(), null)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("commercialStatus"));
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1 })
	void rejectsANonPositiveBrandId(long brandId) {
		assertThatExceptionOfType(CatalogValidationException.class)
			.isThrownBy(() -> new NewProduct(brandId, "SKU", "Name", null, Map.of(), CommercialStatus.ACTIVE))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("brandId"));
	}

	@Test
	void searchesByNameOrSkuPrefixIgnoringCase() {
		Product shirt = create("TS-100", "Organic Shirt");
		Product tee = create("ORG-200", "Basic Tee");
		create("XX-300", "Canvas Bag");

		assertThat(this.products.search(this.brand.id(), "org", null, 10).products()).containsExactly(tee, shirt);
		assertThat(this.products.search(this.brand.id(), "ORGANIC", null, 10).products()).containsExactly(shirt);
		assertThat(this.products.search(this.brand.id(), "ts-1", null, 10).products()).containsExactly(shirt);
		assertThat(this.products.search(this.brand.id(), "shirt", null, 10).products()).isEmpty();
		assertThat(this.products.search(this.brand.id(), "%", null, 10).products()).isEmpty();
		assertThat(this.products.search(this.brand.id(), null, null, 10).products()).hasSize(3);
	}

	@Test
	void neverReturnsAnotherBrandsProducts() {
		Brand other = this.brands.create(CatalogFixtures.aNonGs1Brand());
		this.products.create(new NewProduct(other.id(), "SKU-1", "Shirt", null, Map.of(), CommercialStatus.ACTIVE));
		Product mine = create("SKU-1", "Shirt");

		assertThat(this.products.search(this.brand.id(), "", null, 200).products()).containsExactly(mine);
	}

	@Test
	void pagesThroughEveryMatchOnceInNameOrderWithKeysetCursors() {
		List<Product> expected = new ArrayList<>();
		// Equal names (ordered by id) and mixed case (ordered ignoring case) on purpose.
		for (String name : List.of("b", "A", "c", "B", "a", "C", "b")) {
			expected.add(create("K-" + expected.size(), name));
		}
		expected.sort((x, y) -> (x.name().equalsIgnoreCase(y.name())) ? Long.compare(x.id(), y.id())
				: x.name().compareToIgnoreCase(y.name()));

		List<Product> seen = new ArrayList<>();
		ProductCursor cursor = null;
		int pages = 0;
		do {
			ProductPage page = this.products.search(this.brand.id(), "", cursor, 3);
			seen.addAll(page.products());
			cursor = (page.next() != null) ? ProductCursor.fromToken(page.next().token()) : null;
			pages++;
		}
		while (cursor != null);

		assertThat(seen).containsExactlyElementsOf(expected);
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void endsWithoutCursorWhenThePageIsNotFull() {
		create("ONE", "Only");

		ProductPage page = this.products.search(this.brand.id(), "", null, 1);

		assertThat(page.products()).hasSize(1);
		assertThat(page.hasNext()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, JdbcProductRepository.MAX_PAGE_SIZE + 1 })
	void rejectsAPageSizeOutOfRange(int limit) {
		assertThatExceptionOfType(CatalogValidationException.class)
			.isThrownBy(() -> this.products.search(this.brand.id(), "", null, limit))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("limit"));
	}

	private Product create(String sku, String name) {
		return this.products
			.create(new NewProduct(this.brand.id(), sku, name, null, Map.of(), CommercialStatus.ACTIVE));
	}

	private static Arguments invalid(String description, ProductInput input, String field, String message) {
		return arguments(description, input, field, message);
	}

	record ProductInput(String sku, String name, String gtin, Map<String, String> passport) {

		NewProduct toNewProduct(long brandId) {
			return new NewProduct(brandId, this.sku, this.name, this.gtin, this.passport, CommercialStatus.ACTIVE);
		}

	}

}
