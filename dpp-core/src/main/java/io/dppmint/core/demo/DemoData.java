package io.dppmint.core.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CatalogConflictException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo catalogue through the catalogue repositories, idempotently: what exists
 * (matched by brand code, brand and SKU, brand and ERP reference) is left as it is, what
 * is missing is created, so loading twice, or from two processes at once, changes nothing
 * the second time.
 * <p>
 * The GS1-ready brand {@value #GS1_BRAND_CODE} (GS1 company prefix {@code 9506000}) and
 * the non-GS1 brand {@value #NON_GS1_BRAND_CODE} each have ready-to-mint products with
 * production runs, and products that are not ready, each failing a different rule:
 * <ul>
 * <li>{@code ACME-JKT-003}: a required passport field is missing
 * ({@code REQUIRED_FIELD_MISSING});</li>
 * <li>{@code ACME-SCK-004}: no GTIN in the GS1-ready brand ({@code GTIN_MISSING});</li>
 * <li>{@code ACME-CAP-005}: a GTIN outside the brand's company prefix
 * ({@code GTIN_INVALID});</li>
 * <li>{@code ACME-SCF-006}: discontinued ({@code COMMERCIAL_STATUS_NOT_ACTIVE});</li>
 * <li>{@code NH-LMP-003}: draft ({@code COMMERCIAL_STATUS_NOT_ACTIVE});</li>
 * <li>{@code NH-VAS-004}: a required passport field is blank
 * ({@code REQUIRED_FIELD_MISSING});</li>
 * <li>{@code VC-LMT-36V-10AH}: passport data a newer schema no longer accepts
 * ({@code FIELD_INVALID}).</li>
 * </ul>
 * The battery brand {@value BatteryDemo#BRAND_CODE} has typed passports under the battery
 * passport schema of Regulation (EU) 2023/1542 Annex XIII, see {@link BatteryDemo}; the
 * other two keep the open schema their lists of required names became.
 */
public final class DemoData {

	/** Code of the demo GS1-ready brand. */
	public static final String GS1_BRAND_CODE = "acme-apparel";

	/** Code of the demo brand without GTINs. */
	public static final String NON_GS1_BRAND_CODE = "nordic-home";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	/** The demo brands' resolver base URL unless another is given. */
	public static final String DEFAULT_RESOLVER_BASE_URL = "https://id.example.com";

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final JdbcProductionRunRepository productionRuns;

	private final List<DemoBrand> catalogue;

	private final BatteryDemo batteries;

	public DemoData(JdbcBrandRepository brands, JdbcProductRepository products,
			JdbcProductionRunRepository productionRuns, JdbcPassports passports) {
		this(brands, products, productionRuns, passports, DEFAULT_RESOLVER_BASE_URL);
	}

	/**
	 * Demo data whose brands resolve under {@code resolverBaseUrl}, for example a
	 * resolver started locally ({@code http://127.0.0.1:8081}), so that the demo's QR
	 * codes and links lead to it.
	 */
	public DemoData(JdbcBrandRepository brands, JdbcProductRepository products,
			JdbcProductionRunRepository productionRuns, JdbcPassports passports, String resolverBaseUrl) {
		this.brands = brands;
		this.products = products;
		this.productionRuns = productionRuns;
		this.catalogue = List.of(acmeApparel(resolverBaseUrl), nordicHome(resolverBaseUrl));
		this.batteries = new BatteryDemo(brands, products, productionRuns, passports, resolverBaseUrl);
	}

	/**
	 * Create whatever part of the demo catalogue is missing.
	 */
	public void load() {
		int created = 0;
		for (DemoBrand demoBrand : this.catalogue) {
			Brand brand = this.brands.findByCode(demoBrand.brand().code())
				.orElseGet(() -> createOrFind(() -> this.brands.create(demoBrand.brand()),
						() -> this.brands.findByCode(demoBrand.brand().code())));
			for (DemoProduct demoProduct : demoBrand.products()) {
				Optional<Product> existing = this.products.findByBrandAndSku(brand.id(), demoProduct.sku());
				if (existing.isEmpty()) {
					created++;
				}
				Product product = existing
					.orElseGet(() -> createOrFind(() -> this.products.create(demoProduct.toNewProduct(brand.id())),
							() -> this.products.findByBrandAndSku(brand.id(), demoProduct.sku())));
				for (DemoRun run : demoProduct.runs()) {
					this.productionRuns.sync(new ErpProductionRun(brand.id(), product.id(), run.erpReference(),
							run.plannedQuantity(), (run.facilityGln() != null) ? Gln.parse(run.facilityGln()) : null));
				}
			}
		}
		created += this.batteries.load();
		log.info("Demo catalogue loaded: brands {}, {} and {} ({} products created, the others already present)",
				GS1_BRAND_CODE, NON_GS1_BRAND_CODE, BatteryDemo.BRAND_CODE, created);
	}

	/**
	 * Create the entry; if a concurrent loader created it first, the create fails with a
	 * conflict and the entry is there to find.
	 */
	static <T> T createOrFind(Supplier<T> create, Supplier<Optional<T>> find) {
		try {
			return create.get();
		}
		catch (CatalogConflictException ex) {
			return find.get().orElseThrow(() -> ex);
		}
	}

	private static DemoBrand acmeApparel(String resolverBaseUrl) {
		NewBrand brand = new NewBrand(GS1_BRAND_CODE, "Acme Apparel",
				List.of("material_composition", "country_of_origin", "care_instructions"), true, "9506000",
				resolverBaseUrl);
		return new DemoBrand(brand, List.of(
				new DemoProduct("ACME-TEE-001", "Organic Cotton T-Shirt", "09506000134352",
						Map.of("material_composition", "100% organic cotton", "country_of_origin", "PT",
								"care_instructions", "Machine wash 30 °C, do not tumble dry", "recycled_content", "0%"),
						CommercialStatus.ACTIVE,
						List.of(new DemoRun("SAP-PR-2025-0001", 50_000, "9506000000015"),
								new DemoRun("SAP-PR-2025-0002", 1_000_000, "9506000000015"))),
				new DemoProduct("ACME-HOD-002", "Recycled Fleece Hoodie", "09506000134369",
						Map.of("material_composition", "80% recycled polyester, 20% cotton", "country_of_origin", "PT",
								"care_instructions", "Machine wash 30 °C inside out", "recycled_content", "80%"),
						CommercialStatus.ACTIVE, List.of(new DemoRun("SAP-PR-2025-0003", 10_000, "9506000000022"))),
				new DemoProduct("ACME-JKT-003", "Waxed Cotton Jacket", "09506000134376",
						Map.of("material_composition", "100% cotton, paraffin wax finish", "country_of_origin", "GB"),
						CommercialStatus.ACTIVE, List.of()),
				new DemoProduct("ACME-SCK-004", "Merino Wool Socks", null,
						Map.of("material_composition", "70% merino wool, 30% polyamide", "country_of_origin", "IT",
								"care_instructions", "Hand wash cold"),
						CommercialStatus.ACTIVE, List.of()),
				// A GS1 example GTIN under another company prefix (9501101), not Acme's.
				new DemoProduct("ACME-CAP-005", "Canvas Cap", "09501101020917",
						Map.of("material_composition", "100% cotton canvas", "country_of_origin", "VN",
								"care_instructions", "Spot clean only"),
						CommercialStatus.ACTIVE, List.of()),
				new DemoProduct(
						"ACME-SCF-006", "Linen Scarf", "09506000134383", Map.of("material_composition", "100% linen",
								"country_of_origin", "LT", "care_instructions", "Machine wash 40 °C"),
						CommercialStatus.DISCONTINUED, List.of())));
	}

	private static DemoBrand nordicHome(String resolverBaseUrl) {
		NewBrand brand = new NewBrand(NON_GS1_BRAND_CODE, "Nordic Home",
				List.of("material", "country_of_origin", "recycling_instructions"), false, null, resolverBaseUrl);
		return new DemoBrand(
				brand, List.of(
						new DemoProduct("NH-MUG-001", "Stoneware Mug", null,
								Map.of("material", "Stoneware", "country_of_origin", "SE", "recycling_instructions",
										"Ceramics collection, not glass recycling"),
								CommercialStatus.ACTIVE, List.of(new DemoRun("NAV-RUN-1001", 20_000, null))),
						new DemoProduct("NH-THR-002", "Wool Throw Blanket", null,
								Map.of("material", "100% Norwegian wool", "country_of_origin", "NO",
										"recycling_instructions", "Textile collection"),
								CommercialStatus.ACTIVE, List.of(new DemoRun("NAV-RUN-1002", 5_000, null))),
						new DemoProduct("NH-LMP-003", "Oak Table Lamp", null,
								Map.of("material", "Oak, steel, LED module", "country_of_origin", "DK",
										"recycling_instructions", "Electronics (WEEE) collection"),
								CommercialStatus.DRAFT, List.of()),
						new DemoProduct(
								"NH-VAS-004", "Glass Vase", null, Map.of("material", "Mouth-blown glass",
										"country_of_origin", "FI", "recycling_instructions", " "),
								CommercialStatus.ACTIVE, List.of())));
	}

	private record DemoBrand(NewBrand brand, List<DemoProduct> products) {
	}

	private record DemoProduct(String sku, String name, String gtin, Map<String, String> passport,
			CommercialStatus status, List<DemoRun> runs) {

		NewProduct toNewProduct(long brandId) {
			return new NewProduct(brandId, this.sku, this.name, this.gtin, this.passport, this.status);
		}

	}

	private record DemoRun(String erpReference, long plannedQuantity, String facilityGln) {
	}

}
