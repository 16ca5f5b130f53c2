package io.dppmint.core.catalog;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.dppmint.core.gs1.Gtin;

/**
 * A stored product (SKU) of one brand: its passport data, its GTIN if it has one and its
 * commercial status. Whether it is ready to mint is decided by {@link MintEligibility}.
 *
 * @param id the database id
 * @param brandId the brand it belongs to
 * @param sku the brand's stock keeping unit, unique within the brand
 * @param name the display name
 * @param gtin its GTIN in 14-digit form, or {@code null} when it has none
 * @param passport passport field name to value, sorted by name, unmodifiable
 * @param commercialStatus where it stands commercially
 */
public record Product(long id, long brandId, String sku, String name, Gtin gtin, Map<String, String> passport,
		CommercialStatus commercialStatus) {

	public Product {
		Objects.requireNonNull(sku, "sku");
		Objects.requireNonNull(name, "name");
		passport = Collections.unmodifiableSortedMap(new TreeMap<>(passport));
		Objects.requireNonNull(commercialStatus, "commercialStatus");
	}

}
