package io.dppmint.core.catalog;

import java.util.Map;

/**
 * A product to create, validated on construction: a {@code NewProduct} that exists is
 * valid, and every refused value raises a {@link CatalogValidationException} naming its
 * field. Whether the brand exists and the SKU and GTIN are free is checked when it is
 * stored. A product may be stored although it is not ready to mint (a GS1-ready brand's
 * product without GTIN yet, a draft, a passport still incomplete):
 * {@link MintEligibility} says what it lacks.
 *
 * @param brandId the brand it belongs to
 * @param sku the brand's stock keeping unit, 1 to 64 characters, stripped
 * @param name display name, 1 to 200 characters, stripped
 * @param gtin a GTIN-8, -12, -13 or -14 with a correct check digit, normalised to its 14
 * digits; {@code null} or blank for none
 * @param passport passport field name to value; names are stripped and non-blank, values
 * non-null ({@code null} for no fields)
 * @param commercialStatus the commercial status
 * @param commodityCode a CN (8 digits) or TARIC (10 digits) code, spaces and dots allowed
 * ({@code 6109.10.00}); {@code null} or blank for none
 */
public record NewProduct(long brandId, String sku, String name, String gtin, Map<String, String> passport,
		CommercialStatus commercialStatus, String commodityCode) {

	public NewProduct {
		CatalogChecks.id("brandId", brandId);
		sku = CatalogChecks.text("sku", sku, CatalogChecks.MAX_SKU_LENGTH);
		name = CatalogChecks.text("name", name, CatalogChecks.MAX_NAME_LENGTH);
		gtin = CatalogChecks.gtin(gtin);
		passport = CatalogChecks.passport(passport);
		CatalogChecks.notNull("commercialStatus", commercialStatus);
		commodityCode = CommodityCode.normalize(commodityCode);
	}

	/** A product without commodity code. */
	public NewProduct(long brandId, String sku, String name, String gtin, Map<String, String> passport,
			CommercialStatus commercialStatus) {
		this(brandId, sku, name, gtin, passport, commercialStatus, null);
	}

}
