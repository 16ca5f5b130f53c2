package io.dppmint.core.catalog;

import java.util.List;
import java.util.Map;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class MintEligibilityTests {

	private static final Brand gs1Brand = new Brand(1, "acme", "Acme",
			PassportSchema.ofRequiredText(1, List.of("material", "country_of_origin")), true, "9506000",
			"https://id.example.com", null);

	private static final Brand plainBrand = new Brand(2, "plain", "Plain",
			PassportSchema.ofRequiredText(1, List.of("material")), false, null, "https://id.example.com", null);

	private static final Gtin acmeGtin = Gtin.parse("09506000134352");

	private static final Map<String, String> completePassport = Map.of("material", "Cotton", "country_of_origin", "PT");

	@Test
	void findsAProductWithEverythingInPlaceReady() {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, acmeGtin, completePassport, CommercialStatus.ACTIVE));

		assertThat(report.ready()).isTrue();
		assertThat(report.failures()).isEmpty();
	}

	@Test
	void findsANonGs1ProductWithoutGtinReady() {
		EligibilityReport report = MintEligibility.evaluate(plainBrand,
				product(plainBrand, null, Map.of("material", "Oak"), CommercialStatus.ACTIVE));

		assertThat(report.ready()).isTrue();
	}

	@Test
	void ignoresTheGtinOfANonGs1BrandsProduct() {
		EligibilityReport report = MintEligibility.evaluate(plainBrand,
				product(plainBrand, Gtin.parse("09501101020917"), Map.of("material", "Oak"), CommercialStatus.ACTIVE));

		assertThat(report.ready()).isTrue();
	}

	@Test
	void reportsAMissingRequiredFieldByName() {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, acmeGtin, Map.of("material", "Cotton"), CommercialStatus.ACTIVE));

		assertThat(report.ready()).isFalse();
		assertThat(report.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.rule()).isEqualTo(EligibilityRule.REQUIRED_FIELD_MISSING);
			assertThat(failure.subject()).isEqualTo("country_of_origin");
			assertThat(failure.message()).contains("'country_of_origin'").contains("missing");
		});
	}

	@Test
	void reportsABlankRequiredFieldAsMissing() {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand, product(gs1Brand, acmeGtin,
				Map.of("material", "Cotton", "country_of_origin", " \t"), CommercialStatus.ACTIVE));

		assertThat(report.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.rule()).isEqualTo(EligibilityRule.REQUIRED_FIELD_MISSING);
			assertThat(failure.subject()).isEqualTo("country_of_origin");
			assertThat(failure.message()).contains("blank");
		});
	}

	@Test
	void reportsEveryMissingRequiredFieldInTheBrandsOrder() {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, acmeGtin, Map.of("unrelated", "x"), CommercialStatus.ACTIVE));

		assertThat(report.failures()).extracting(EligibilityFailure::rule, EligibilityFailure::subject)
			.containsExactly(tuple(EligibilityRule.REQUIRED_FIELD_MISSING, "material"),
					tuple(EligibilityRule.REQUIRED_FIELD_MISSING, "country_of_origin"));
	}

	@Test
	void reportsAMissingGtinInAGs1ReadyBrand() {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, null, completePassport, CommercialStatus.ACTIVE));

		assertThat(report.ready()).isFalse();
		assertThat(report.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.rule()).isEqualTo(EligibilityRule.GTIN_MISSING);
			assertThat(failure.subject()).isNull();
			assertThat(failure.message()).contains("GS1-ready").contains("needs a GTIN");
		});
	}

	@Test
	void reportsAGtinOutsideTheBrandsCompanyPrefixAsInvalid() {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, Gtin.parse("09501101020917"), completePassport, CommercialStatus.ACTIVE));

		assertThat(report.ready()).isFalse();
		assertThat(report.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.rule()).isEqualTo(EligibilityRule.GTIN_INVALID);
			assertThat(failure.subject()).isEqualTo("09501101020917");
			assertThat(failure.message()).contains("09501101020917").contains("9506000");
		});
	}

	@Test
	void acceptsAGtin14WithAnIndicatorDigitUnderTheCompanyPrefix() {
		Gtin caseGtin = Gtin.parse(CatalogFixtures.withCheckDigit("1950600013435"));

		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, caseGtin, completePassport, CommercialStatus.ACTIVE));

		assertThat(report.ready()).isTrue();
	}

	@Test
	void acceptsAGtin12UnderAUpcCompanyPrefixWrittenWithItsLeadingZero() {
		Brand upcBrand = new Brand(3, "upc", "UPC", PassportSchema.empty(), true, "0614141", "https://id.example.com",
				null);

		EligibilityReport report = MintEligibility.evaluate(upcBrand,
				product(upcBrand, Gtin.parse("614141000036"), Map.of(), CommercialStatus.ACTIVE));

		assertThat(report.ready()).isTrue();
	}

	@Test
	void acceptsAGtin8WhichCarriesNoCompanyPrefix() {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, Gtin.parse("96385074"), completePassport, CommercialStatus.ACTIVE));

		assertThat(report.ready()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = CommercialStatus.class, names = { "DRAFT", "DISCONTINUED" })
	void reportsACommercialStatusOtherThanActiveWithTheActualStatus(CommercialStatus status) {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, acmeGtin, completePassport, status));

		assertThat(report.ready()).isFalse();
		assertThat(report.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.rule()).isEqualTo(EligibilityRule.COMMERCIAL_STATUS_NOT_ACTIVE);
			assertThat(failure.subject()).isEqualTo(status.dbValue());
			assertThat(failure.message()).contains(status.dbValue()).contains("only active products");
		});
	}

	@Test
	void reportsEveryFailedRuleAtOnce() {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, null, Map.of("country_of_origin", ""), CommercialStatus.DISCONTINUED));

		assertThat(report.ready()).isFalse();
		assertThat(report.failures()).extracting(EligibilityFailure::rule, EligibilityFailure::subject)
			.containsExactly(tuple(EligibilityRule.REQUIRED_FIELD_MISSING, "material"),
					tuple(EligibilityRule.REQUIRED_FIELD_MISSING, "country_of_origin"),
					tuple(EligibilityRule.GTIN_MISSING, null),
					tuple(EligibilityRule.COMMERCIAL_STATUS_NOT_ACTIVE, "discontinued"));
		assertThat(report.failed(EligibilityRule.GTIN_INVALID)).isFalse();
	}

	@Test
	void reportsAnInvalidGtinTogetherWithTheOtherRules() {
		EligibilityReport report = MintEligibility.evaluate(gs1Brand,
				product(gs1Brand, Gtin.parse("09501101020917"), Map.of(), CommercialStatus.DRAFT));

		assertThat(report.failures()).extracting(EligibilityFailure::rule)
			.containsExactly(EligibilityRule.REQUIRED_FIELD_MISSING, EligibilityRule.REQUIRED_FIELD_MISSING,
					EligibilityRule.GTIN_INVALID, EligibilityRule.COMMERCIAL_STATUS_NOT_ACTIVE);
	}

	@Test
	void refusesToJudgeAProductUnderAnotherBrand() {
		Product product = product(plainBrand, null, Map.of("material", "Oak"), CommercialStatus.ACTIVE);

		assertThatIllegalArgumentException().isThrownBy(() -> MintEligibility.evaluate(gs1Brand, product))
			.withMessageContaining("belongs to brand 2");
	}

	@Test
	void keepsReadyConsistentWithTheFailures() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EligibilityReport(true,
				List.of(new EligibilityFailure(EligibilityRule.GTIN_MISSING, null, "no GTIN"))));
		assertThatIllegalArgumentException().isThrownBy(() -> new EligibilityReport(false, List.of()));
	}

	private static Product product(Brand brand, Gtin gtin, Map<String, String> passport, CommercialStatus status) {
		return new Product(10, brand.id(), "SKU", "Product", gtin, PassportValues.ofText(passport), 1, null, status);
	}

}
