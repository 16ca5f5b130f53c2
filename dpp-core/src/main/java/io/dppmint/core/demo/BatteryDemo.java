package io.dppmint.core.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.ErpProductionRun;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.gs1.Gln;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.passport.PassportVersionConflictException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's battery brand, {@value #BRAND_CODE}: typed passports under the battery
 * passport of Regulation (EU) 2023/1542 Annex XIII
 * ({@code battery-passport-schema.json}), with a history. Its schema version 2 gave the
 * warranty in years; version 3, the demo schema, gives it in whole months.
 * {@code VC-LMT-36V-10AH}'s passport was written under version 2 ("2.5" years) and no
 * longer fits version 3, so it is not ready to mint ({@code FIELD_INVALID}) until
 * corrected; {@code VC-LMT-48V-14AH} is ready, with a production run at a facility with a
 * GLN. Loading is idempotent: every step checks the version it starts from, so a second
 * loader (or a second process) changes nothing.
 */
final class BatteryDemo {

	/** Code of the demo battery brand. */
	static final String BRAND_CODE = "voltcell";

	static final String READY_SKU = "VC-LMT-48V-14AH";

	static final String OUTDATED_SKU = "VC-LMT-36V-10AH";

	private static final String ACTOR = "demo";

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final JdbcProductionRunRepository productionRuns;

	private final JdbcPassports passports;

	private final String resolverBaseUrl;

	BatteryDemo(JdbcBrandRepository brands, JdbcProductRepository products, JdbcProductionRunRepository productionRuns,
			JdbcPassports passports, String resolverBaseUrl) {
		this.brands = brands;
		this.products = products;
		this.productionRuns = productionRuns;
		this.passports = passports;
		this.resolverBaseUrl = resolverBaseUrl;
	}

	/** Create whatever part of the battery brand is missing; returns products created. */
	int load() {
		Brand brand = this.brands.findByCode(BRAND_CODE)
			.orElseGet(() -> DemoData.createOrFind(() -> this.brands.create(
					new NewBrand(BRAND_CODE, "VoltCell Batteries", List.of(), true, "9506001", this.resolverBaseUrl)),
					() -> this.brands.findByCode(BRAND_CODE)));
		if (brand.operatorGln() == null) {
			this.brands.updateOperatorGln(brand.id(), "9506001000120");
		}
		int created = 0;
		Optional<Product> ready = this.products.findByBrandAndSku(brand.id(), READY_SKU);
		Optional<Product> outdated = this.products.findByBrandAndSku(brand.id(), OUTDATED_SKU);
		created += (ready.isEmpty() ? 1 : 0) + (outdated.isEmpty() ? 1 : 0);
		Product pack48 = ready
			.orElseGet(() -> product(brand, READY_SKU, "E-bike battery 48 V 14 Ah", "09506001000014"));
		Product pack36 = outdated
			.orElseGet(() -> product(brand, OUTDATED_SKU, "E-scooter battery 36 V 10 Ah", "09506001000021"));
		JsonNode schema = resource("battery-passport-schema.json");
		ignoringConflicts(() -> this.passports.publishSchema(brand.id(), inYears(schema), 1, ACTOR));
		if (pack36.passportVersion() == 0 && schemaVersion(brand) == 2) {
			ignoringConflicts(() -> this.passports.submit(pack36.id(),
					JdbcPassports.Change.replace(PassportValues.of(pack36Data())), 0, ACTOR));
		}
		ignoringConflicts(() -> this.passports.publishSchema(brand.id(), schema, 2, ACTOR));
		if (pack48.passportVersion() == 0 && schemaVersion(brand) == 3) {
			ignoringConflicts(() -> this.passports.submit(pack48.id(),
					JdbcPassports.Change.replace(PassportValues.of(resource("battery-passport-data.json"))), 0, ACTOR));
		}
		this.productionRuns
			.sync(new ErpProductionRun(brand.id(), pack48.id(), "VC-PR-2026-0001", 20_000, Gln.parse("8001234000059")));
		return created;
	}

	/** A product not found: create it, or find it if another loader just did. */
	private Product product(Brand brand, String sku, String name, String gtin) {
		return DemoData.createOrFind(
				() -> this.products
					.create(new NewProduct(brand.id(), sku, name, gtin, Map.of(), CommercialStatus.ACTIVE, "85076000")),
				() -> this.products.findByBrandAndSku(brand.id(), sku));
	}

	private int schemaVersion(Brand brand) {
		return this.passports.currentSchema(brand.id()).version();
	}

	/** The schema as it was at version 2: the warranty in years, one decimal. */
	private static JsonNode inYears(JsonNode schema) {
		JsonNode copy = schema.deepCopy();
		for (JsonNode field : copy.get("fields").values()) {
			if (field.get("key").asString().equals("warranty_period")) {
				((ObjectNode) field).put("unit", "ANN").put("unitLabel", "years").put("scale", 1);
			}
		}
		return copy;
	}

	/** The 36 V pack's data as written under version 2: a warranty of 2.5 years. */
	private static JsonNode pack36Data() {
		ObjectNode data = (ObjectNode) resource("battery-passport-data.json");
		data.put("rated_capacity", 10).put("voltage_nominal", 36).put("battery_mass", 2.9);
		data.put("original_power_capability", 500).put("warranty_period", 2.5);
		return data;
	}

	private static void ignoringConflicts(Runnable step) {
		try {
			step.run();
		}
		catch (PassportVersionConflictException ex) {
			// Another loader took this step, or it was taken by an earlier load.
		}
	}

	static JsonNode resource(String name) {
		try (InputStream in = BatteryDemo.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("No demo resource " + name);
			}
			return PassportValues.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).toNode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
