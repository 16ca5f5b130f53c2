package io.dppmint.core.catalog;

import java.util.ArrayList;
import java.util.List;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.FieldError;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValidator;

/**
 * Decides whether a product is ready to mint under its brand's DPP schema configuration
 * (the "Ready to mint" badge, and the first check of mint intake): every required
 * passport field is populated (present and not blank), the data fits the brand's current
 * schema (which may have changed since it was written), a GS1-ready brand's product has a
 * GTIN issued under the brand's GS1 company prefix, and the commercial status is active.
 * Every failed rule is reported, see {@link EligibilityRule}. Pure: it reads nothing and
 * writes nothing.
 */
public final class MintEligibility {

	private MintEligibility() {
	}

	/**
	 * Evaluate every rule for {@code product} under {@code brand}.
	 * @param brand the product's brand
	 * @param product the product
	 * @return the report, listing every failed rule
	 * @throws IllegalArgumentException if the product is not the brand's
	 */
	public static EligibilityReport evaluate(Brand brand, Product product) {
		if (product.brandId() != brand.id()) {
			throw new IllegalArgumentException("Product " + product.id() + " belongs to brand " + product.brandId()
					+ ", not to brand " + brand.id() + " (" + brand.code() + ")");
		}
		List<EligibilityFailure> failures = new ArrayList<>();
		PassportSchema schema = brand.passportSchema();
		for (String field : PassportValidator.missing(schema, product.passport(), DataLevel.MODEL)) {
			failures.add(new EligibilityFailure(EligibilityRule.REQUIRED_FIELD_MISSING, field,
					"Passport field '" + field + "' is required by " + brand.name() + "'s DPP schema but is "
							+ ((product.passport().get(field) == null) ? "missing" : "blank")));
		}
		// Data is validated when written; a schema published since may refuse it.
		for (FieldError error : PassportValidator.check(schema, product.passport(), DataLevel.MODEL, "passport")) {
			failures.add(new EligibilityFailure(EligibilityRule.FIELD_INVALID, error.path(),
					"Passport data no longer fits " + brand.name() + "'s DPP schema (version " + schema.version()
							+ "): " + error.path() + ": " + error.message()));
		}
		if (brand.gtinRequired()) {
			Gtin gtin = product.gtin();
			if (gtin == null) {
				failures.add(new EligibilityFailure(EligibilityRule.GTIN_MISSING, null,
						brand.name() + " is a GS1-ready brand: the product needs a GTIN"));
			}
			else if (!issuedUnder(gtin, brand.gs1CompanyPrefix())) {
				failures.add(new EligibilityFailure(EligibilityRule.GTIN_INVALID, gtin.value(),
						"GTIN " + gtin + " is not issued under " + brand.name() + "'s GS1 company prefix "
								+ brand.gs1CompanyPrefix()));
			}
		}
		if (product.commercialStatus() != CommercialStatus.ACTIVE) {
			failures.add(new EligibilityFailure(EligibilityRule.COMMERCIAL_STATUS_NOT_ACTIVE,
					product.commercialStatus().dbValue(),
					"The product is " + product.commercialStatus().dbValue() + ": only active products can be minted"));
		}
		return EligibilityReport.of(failures);
	}

	/**
	 * Whether {@code gtin} belongs to the holder of {@code companyPrefix}. In the
	 * 14-digit form a GTIN-12, -13 or -14 is an indicator digit (or padding zero)
	 * followed by the company prefix (a U.P.C. company prefix written, as GS1 allocates
	 * it, with a leading zero). A GTIN-8 is assigned one by one from a GS1-8 prefix and
	 * carries no company prefix at all, so it cannot be checked against one and is
	 * accepted.
	 * @param gtin the GTIN
	 * @param companyPrefix the brand's GS1 company prefix
	 * @return whether the GTIN is the brand's to mint and to resolve
	 */
	public static boolean issuedUnder(Gtin gtin, String companyPrefix) {
		String value = gtin.value();
		if (value.startsWith("000000")) {
			return true;
		}
		return value.startsWith(companyPrefix, 1);
	}

}
