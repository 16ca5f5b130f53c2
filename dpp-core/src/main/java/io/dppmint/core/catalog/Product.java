package io.dppmint.core.catalog;

import java.util.Objects;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.passport.PassportValues;

/**
 * A stored product (SKU) of one brand: its passport data, its GTIN if it has one and its
 * commercial status. Whether it is ready to mint is decided by {@link MintEligibility}.
 *
 * @param id the database id
 * @param brandId the brand it belongs to
 * @param sku the brand's stock keeping unit, unique within the brand
 * @param name the display name
 * @param gtin its GTIN in 14-digit form, or {@code null} when it has none
 * @param passport its current (model-level) passport data
 * @param passportVersion the version {@code passport} is, from 1; 0 for data written
 * before passports were versioned, or none
 * @param commodityCode its CN (8 digits) or TARIC (10 digits) code, or {@code null}
 * @param commercialStatus where it stands commercially
 */
public record Product(long id, long brandId, String sku, String name, Gtin gtin, PassportValues passport,
		int passportVersion, String commodityCode, CommercialStatus commercialStatus) {

	public Product {
		Objects.requireNonNull(sku, "sku");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(passport, "passport");
		Objects.requireNonNull(commercialStatus, "commercialStatus");
	}

}
