package io.dppmint.core.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.dppmint.core.catalog.CatalogFixtures.RowCounts;
import io.dppmint.core.passport.PassportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class JdbcBrandRepositoryIntegrationTests {

	private final JdbcClient jdbc = CatalogFixtures.jdbc();

	private final JdbcBrandRepository brands = new JdbcBrandRepository(this.jdbc);

	@Test
	void storesABrandAndFindsItByIdAndCode() {
		NewBrand input = new NewBrand(CatalogFixtures.uniqueCode("acme"), "Acme",
				List.of("material", "care_instructions"), true, "9506000", "https://id.example.com");

		Brand created = this.brands.create(input);

		assertThat(created.id()).isPositive();
		assertThat(created).isEqualTo(new Brand(created.id(), input.code(), "Acme",
				PassportSchema.ofRequiredText(1, List.of("material", "care_instructions")), true, "9506000",
				"https://id.example.com", null));
		assertThat(created.requiredFields()).containsExactly("material", "care_instructions");
		assertThat(this.brands.findById(created.id())).contains(created);
		assertThat(this.brands.findByCode(input.code())).contains(created);
		assertThat(this.brands.findAll()).contains(created);
	}

	@Test
	void storesABrandWithoutGtinsOrRequiredFields() {
		Brand created = this.brands.create(
				new NewBrand(CatalogFixtures.uniqueCode("plain"), "Plain", null, false, " ", "http://127.0.0.1:8081"));

		assertThat(created.requiredFields()).isEmpty();
		assertThat(created.gs1CompanyPrefix()).isNull();
		assertThat(this.brands.findById(created.id())).contains(created);
	}

	@Test
	void createsTheBrandsZeroedCountersWithIt() {
		Brand created = this.brands.create(CatalogFixtures.aGs1Brand());

		List<Long> counters = this.jdbc.sql("""
				select tokens_minted, active_tokens, batches_created, exports_completed
				from brand_counters where brand_id = :id""")
			.param("id", created.id())
			.query((row, rowNum) -> List.of(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)))
			.single();
		assertThat(counters).containsOnly(0L);
	}

	@Test
	void normalisesWhiteSpaceAndATrailingSlash() {
		String code = CatalogFixtures.uniqueCode("trim");

		Brand created = this.brands.create(new NewBrand("  " + code + " ", "  Trimmed Brand ", List.of(" material "),
				true, " 9506000 ", " https://id.example.com/dpp/ "));

		assertThat(created.code()).isEqualTo(code);
		assertThat(created.name()).isEqualTo("Trimmed Brand");
		assertThat(created.requiredFields()).containsExactly("material");
		assertThat(created.gs1CompanyPrefix()).isEqualTo("9506000");
		assertThat(created.resolverBaseUrl()).isEqualTo("https://id.example.com/dpp");
	}

	@Test
	void findsNothingForUnknownIdOrCode() {
		assertThat(this.brands.findById(Long.MAX_VALUE)).isEmpty();
		assertThat(this.brands.findByCode("no-such-brand-" + CatalogFixtures.uniqueCode("x"))).isEmpty();
	}

	@Test
	void rejectsATakenCodeAndWritesNothing() {
		NewBrand brand = CatalogFixtures.aGs1Brand();
		this.brands.create(brand);
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogConflictException.class).isThrownBy(() -> this.brands.create(brand))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("code"))
			.withMessageContaining("'" + brand.code() + "' is already taken");
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidBrands")
	void rejectsInvalidInputNamingTheFieldAndWritesNothing(String description, ThrowingSupplier<NewBrand> input,
			String field, String message) {
		RowCounts before = RowCounts.now();

		assertThatExceptionOfType(CatalogValidationException.class).isThrownBy(() -> this.brands.create(input.get()))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field))
			.withMessageContaining(message);
		assertThat(RowCounts.now()).isEqualTo(before);
	}

	static Stream<Arguments> invalidBrands() {
		return Stream.of(
				invalid("null code", () -> brand(null, "9506000", "https://id.example.com"), "code",
						"A value is required"),
				invalid("blank code", () -> brand("  ", "9506000", "https://id.example.com"), "code",
						"A value is required"),
				invalid("upper-case code", () -> brand("Acme", "9506000", "https://id.example.com"), "code",
						"not 'Acme'"),
				invalid("code with a space", () -> brand("acme apparel", "9506000", "https://id.example.com"), "code",
						"lowercase letters, digits and hyphens"),
				invalid("code starting with a hyphen", () -> brand("-acme", "9506000", "https://id.example.com"),
						"code", "starting with a letter or digit"),
				invalid("code of 64 characters", () -> brand("a".repeat(64), "9506000", "https://id.example.com"),
						"code", "1 to 63"),
				invalid("blank name",
						() -> new NewBrand(CatalogFixtures.uniqueCode("b"), " ", List.of(), false, null,
								"https://id.example.com"),
						"name", "A value is required"),
				invalid("name of 201 characters",
						() -> new NewBrand(CatalogFixtures.uniqueCode("b"), "n".repeat(201), List.of(), false, null,
								"https://id.example.com"),
						"name", "At most 200 characters"),
				invalid("blank required field",
						() -> new NewBrand(CatalogFixtures.uniqueCode("b"), "Name", List.of("material", " "), false,
								null, "https://id.example.com"),
						"requiredFields[1]", "A value is required"),
				invalid("null required field",
						() -> new NewBrand(CatalogFixtures.uniqueCode("b"), "Name", Arrays.asList("material", null),
								false, null, "https://id.example.com"),
						"requiredFields[1]", "A value is required"),
				invalid("required field listed twice",
						() -> new NewBrand(CatalogFixtures.uniqueCode("b"), "Name", List.of("material", "material "),
								false, null, "https://id.example.com"),
						"requiredFields[1]", "listed twice"),
				invalid("GS1-ready brand without company prefix",
						() -> brand(CatalogFixtures.uniqueCode("b"), null, "https://id.example.com"),
						"gs1CompanyPrefix", "needs the GS1 company prefix"),
				invalid("company prefix with letters",
						() -> brand(CatalogFixtures.uniqueCode("b"), "95060A0", "https://id.example.com"),
						"gs1CompanyPrefix", "4 to 12 digits"),
				invalid("company prefix of 3 digits",
						() -> brand(CatalogFixtures.uniqueCode("b"), "950", "https://id.example.com"),
						"gs1CompanyPrefix", "4 to 12 digits"),
				invalid("company prefix of 13 digits",
						() -> brand(CatalogFixtures.uniqueCode("b"), "9506000134352", "https://id.example.com"),
						"gs1CompanyPrefix", "4 to 12 digits"),
				invalid("missing resolver base URL", () -> brand(CatalogFixtures.uniqueCode("b"), "9506000", null),
						"resolverBaseUrl", "A value is required"),
				invalid("resolver base URL without scheme",
						() -> brand(CatalogFixtures.uniqueCode("b"), "9506000", "id.example.com"), "resolverBaseUrl",
						"must start with https://"),
				invalid("ftp resolver base URL",
						() -> brand(CatalogFixtures.uniqueCode("b"), "9506000", "ftp://id.example.com"),
						"resolverBaseUrl", "must start with https://"),
				invalid("resolver base URL with a query",
						() -> brand(CatalogFixtures.uniqueCode("b"), "9506000", "https://id.example.com/?a=1"),
						"resolverBaseUrl", "cannot carry a query or fragment"),
				invalid("resolver base URL with a fragment",
						() -> brand(CatalogFixtures.uniqueCode("b"), "9506000", "https://id.example.com#top"),
						"resolverBaseUrl", "cannot carry a query or fragment"),
				invalid("resolver base URL with a space",
						() -> brand(CatalogFixtures.uniqueCode("b"), "9506000", "https://id.example .com"),
						"resolverBaseUrl", "is not a valid URL"),
				invalid("resolver base URL without host",
						() -> brand(CatalogFixtures.uniqueCode("b"), "9506000", "https:///dpp"), "resolverBaseUrl",
						"needs a host name"),
				invalid("resolver base URL with user info",
						() -> brand(CatalogFixtures.uniqueCode("b"), "9506000", "https://user@id.example.com"),
						"resolverBaseUrl", "needs a host name and no user info"));
	}

	private static NewBrand brand(String code, String prefix, String resolverBaseUrl) {
		return new NewBrand(code, "Name", List.of("material"), true, prefix, resolverBaseUrl);
	}

	private static Arguments invalid(String description, ThrowingSupplier<NewBrand> input, String field,
			String message) {
		return arguments(description, input, field, message);
	}

}
