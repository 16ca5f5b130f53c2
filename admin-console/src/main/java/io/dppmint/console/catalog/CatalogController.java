package io.dppmint.console.catalog;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.NoControlCharacters;
import io.dppmint.console.api.Page;
import io.dppmint.console.security.Caller;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CatalogValidationException;
import io.dppmint.core.catalog.EligibilityReport;
import io.dppmint.core.catalog.ErpProductionRun;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.MintEligibility;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductCursor;
import io.dppmint.core.catalog.ProductPage;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.gs1.Gln;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Products (search, detail, readiness) and ERP production runs (idempotent sync). Every
 * read and write goes through a brand-scoped query: another brand's product or run is
 * answered exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Catalogue", description = "Products, their mint readiness and ERP production runs")
class CatalogController {

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final JdbcProductionRunRepository productionRuns;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	CatalogController(JdbcBrandRepository brands, JdbcProductRepository products,
			JdbcProductionRunRepository productionRuns, AuditLog auditLog, TransactionTemplate transactions) {
		this.brands = brands;
		this.products = products;
		this.productionRuns = productionRuns;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	@GetMapping("/products")
	@Operation(summary = "Search products by the start of their name or SKU (keyset pagination)")
	Page<ProductSummary> search(Caller caller,
			@RequestParam(required = false) @Size(max = 200) @NoControlCharacters String q,
			@RequestParam(required = false) @Size(max = 600) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
		ProductCursor after;
		try {
			after = (cursor != null && !cursor.isEmpty()) ? ProductCursor.fromToken(cursor) : null;
		}
		catch (CatalogValidationException ex) {
			throw ApiException.invalid("cursor", "INVALID_CURSOR", "'" + cursor + "' is not a cursor this API issued");
		}
		ProductPage page = this.products.search(caller.scope(), q, after, limit);
		return new Page<>(page.products().stream().map(this::summary).toList(),
				page.hasNext() ? page.next().token() : null);
	}

	@GetMapping("/products/{id}")
	@Operation(summary = "A product with its passport data and mint readiness")
	ProductDetail product(Caller caller, @PathVariable long id) {
		Product product = productInScope(caller, id);
		Brand brand = this.brands.findById(product.brandId()).orElseThrow();
		return new ProductDetail(product.id(), product.brandId(), product.sku(), product.name(),
				(product.gtin() != null) ? product.gtin().value() : null, product.commodityCode(),
				product.passport().toNode(), product.passportVersion(), product.commercialStatus().dbValue(),
				readiness(brand, product));
	}

	@GetMapping("/products/{id}/readiness")
	@Operation(summary = "Whether a product is ready to mint, naming every failed rule")
	Readiness readiness(Caller caller, @PathVariable long id) {
		Product product = productInScope(caller, id);
		return readiness(this.brands.findById(product.brandId()).orElseThrow(), product);
	}

	@GetMapping("/products/{id}/production-runs")
	@Operation(summary = "The production runs of a product, newest first")
	List<ProductionRunView> productionRuns(Caller caller, @PathVariable long id) {
		Product product = productInScope(caller, id);
		return this.productionRuns.findByProduct(product.id()).stream().map(ProductionRunView::of).toList();
	}

	@GetMapping("/production-runs/{id}")
	@Operation(summary = "A production run with its planned, reserved and remaining quantities")
	ProductionRunView productionRun(Caller caller, @PathVariable long id) {
		return this.productionRuns.findById(caller.scope(), id)
			.map(ProductionRunView::of)
			.orElseThrow(() -> ApiException.notFound("There is no production run " + id));
	}

	@PostMapping("/production-runs")
	@Operation(summary = "Sync a production run from the ERP: an idempotent upsert keyed by the ERP reference",
			description = "201 when the run is new, 200 when it existed (its planned quantity is replaced).")
	ResponseEntity<ProductionRunView> syncProductionRun(Caller caller, @Valid @RequestBody ProductionRunSync body) {
		Product product = this.products.findById(caller.scope(), body.productId())
			.orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request",
					"There is no product " + body.productId(),
					List.of(new io.dppmint.console.api.FieldError("productId", "UNKNOWN_PRODUCT",
							"There is no product " + body.productId()))));
		ErpProductionRun run = new ErpProductionRun(product.brandId(), product.id(), body.erpReference(),
				body.plannedQuantity(), facilityGln(body.facilityGln()));
		return this.transactions.execute((status) -> {
			ProductionRun before = this.productionRuns.findByBrandAndErpReference(run.brandId(), run.erpReference())
				.orElse(null);
			ProductionRun synced = this.productionRuns.sync(run);
			if (before == null || !before.equals(synced)) {
				Map<String, Object> details = new LinkedHashMap<>(Map.of("erpReference", synced.erpReference(),
						"productId", synced.productId(), "plannedQuantity", synced.plannedQuantity()));
				if (synced.facilityGln() != null) {
					details.put("facilityGln", synced.facilityGln().value());
				}
				String action = (before == null) ? "created" : (before.plannedQuantity() != synced.plannedQuantity())
						? "planned_quantity_changed" : "facility_changed";
				this.auditLog.record(new AuditEvent(synced.brandId(), "production_run", Long.toString(synced.id()),
						action, caller.actor(), details));
			}
			ProductionRunView view = ProductionRunView.of(synced);
			return (before == null)
					? ResponseEntity.created(URI.create("/api/v1/production-runs/" + synced.id())).body(view)
					: ResponseEntity.ok(view);
		});
	}

	private static Gln facilityGln(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Gln.parse(text);
		}
		catch (InvalidGs1DataException ex) {
			throw ApiException.invalid("facilityGln", "INVALID_GLN", ex.getMessage());
		}
	}

	private Product productInScope(Caller caller, long id) {
		return this.products.findById(caller.scope(), id)
			.orElseThrow(() -> ApiException.notFound("There is no product " + id));
	}

	private ProductSummary summary(Product product) {
		return new ProductSummary(product.id(), product.brandId(), product.sku(), product.name(),
				(product.gtin() != null) ? product.gtin().value() : null, product.commercialStatus().dbValue());
	}

	private static Readiness readiness(Brand brand, Product product) {
		EligibilityReport report = MintEligibility.evaluate(brand, product);
		return new Readiness(report.ready(),
				report.failures()
					.stream()
					.map((failure) -> new ReadinessFailure(failure.rule().name(), failure.subject(), failure.message()))
					.toList());
	}

	/**
	 * A product in a search result.
	 *
	 * @param id product id
	 * @param brandId its brand
	 * @param sku stock keeping unit
	 * @param name display name
	 * @param gtin 14-digit GTIN, or {@code null}
	 * @param commercialStatus draft, active or discontinued
	 */
	record ProductSummary(long id, long brandId, String sku, String name, String gtin, String commercialStatus) {
	}

	/**
	 * A product in full.
	 *
	 * @param id product id
	 * @param brandId its brand
	 * @param sku stock keeping unit
	 * @param name display name
	 * @param gtin 14-digit GTIN, or {@code null}
	 * @param commodityCode CN (8 digits) or TARIC (10 digits) code, or {@code null}
	 * @param passport current passport data: field key to typed value
	 * @param passportVersion the version of {@code passport}
	 * (/products/{id}/passport/versions)
	 * @param commercialStatus draft, active or discontinued
	 * @param readiness whether it is ready to mint
	 */
	record ProductDetail(long id, long brandId, String sku, String name, String gtin, String commodityCode,
			JsonNode passport, int passportVersion, String commercialStatus, Readiness readiness) {
	}

	/**
	 * Mint readiness ("Ready to mint" badge).
	 *
	 * @param ready whether every rule passes
	 * @param failures every failed rule
	 */
	record Readiness(boolean ready, List<ReadinessFailure> failures) {
	}

	/**
	 * A failed readiness rule.
	 *
	 * @param rule REQUIRED_FIELD_MISSING, FIELD_INVALID, GTIN_MISSING, GTIN_INVALID or
	 * COMMERCIAL_STATUS_NOT_ACTIVE
	 * @param subject the missing field, the GTIN or the status it is about
	 * @param message what to fix
	 */
	record ReadinessFailure(String rule, String subject, String message) {
	}

	/**
	 * A production run as the ERP reports it.
	 *
	 * @param productId the product it produces
	 * @param erpReference the ERP's identifier of the run, unique within the brand
	 * @param plannedQuantity units planned
	 * @param facilityGln the GLN of the facility the run takes place at (GS1 AI 414,
	 * check digit verified), or {@code null}
	 */
	record ProductionRunSync(@NotNull @Positive Long productId,
			@NotBlank @Size(max = 100) @NoControlCharacters String erpReference,
			@NotNull @Positive @Max(1_000_000_000_000L) Long plannedQuantity, @Size(max = 20) String facilityGln) {
	}

	/**
	 * A stored production run.
	 *
	 * @param id run id
	 * @param brandId its brand
	 * @param productId the product it produces
	 * @param erpReference the ERP's identifier
	 * @param plannedQuantity units planned
	 * @param reservedQuantity units reserved by accepted mint requests
	 * @param remainingQuantity units mint requests may still reserve
	 * @param facilityGln the GLN of its facility, or {@code null}
	 */
	record ProductionRunView(long id, long brandId, long productId, String erpReference, long plannedQuantity,
			long reservedQuantity, long remainingQuantity, String facilityGln) {

		static ProductionRunView of(ProductionRun run) {
			return new ProductionRunView(run.id(), run.brandId(), run.productId(), run.erpReference(),
					run.plannedQuantity(), run.reservedQuantity(), run.remainingQuantity(),
					(run.facilityGln() != null) ? run.facilityGln().value() : null);
		}

	}

}
