package io.dppmint.console.passport;

import java.util.List;
import java.util.Map;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.console.security.CallerBrands;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.passport.JdbcPassportLineage;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportVersion;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passports as the API and the console reach and change them: the brand or product a
 * caller names, scoped (another brand's is answered like one that does not exist), and
 * every change through one path, checked for a role that may write and audited alike
 * (schemas and passport data by {@link JdbcPassports}, predecessors by
 * {@link JdbcPassportLineage}, the commodity code and operator GLN here).
 */
@Component
class ProductPassports {

	private final JdbcPassports passports;

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	private final JdbcPassportLineage lineage;

	ProductPassports(JdbcPassports passports, JdbcBrandRepository brands, JdbcProductRepository products,
			AuditLog auditLog, TransactionTemplate transactions, JdbcPassportLineage lineage) {
		this.lineage = lineage;
		this.passports = passports;
		this.brands = brands;
		this.products = products;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	/**
	 * The brand, if the caller may reach it.
	 * @throws ApiException 404 for another brand's or a missing one
	 */
	Brand brand(Caller caller, long brandId) {
		return CallerBrands.require(this.brands, caller, brandId);
	}

	/**
	 * The product, if it is in the caller's scope.
	 * @throws ApiException 404 for another brand's or a missing one
	 */
	Product product(Caller caller, long productId) {
		return this.products.findById(caller.scope(), productId)
			.orElseThrow(() -> ApiException.notFound("There is no product " + productId));
	}

	/**
	 * Publish the brand's next schema version ({@link JdbcPassports#publishSchema}).
	 * @param expectedVersion the version the caller read, or {@code null} for any
	 */
	PassportSchema publishSchema(Caller caller, long brandId, JsonNode definition, Integer expectedVersion) {
		brand(caller, brandId);
		writer(caller);
		return this.passports.publishSchema(brandId, definition, expectedVersion, caller.actor());
	}

	/**
	 * Write the product's passport data as its next version
	 * ({@link JdbcPassports#submit}).
	 * @param expectedVersion the version the caller read, or {@code null} for any
	 */
	PassportVersion submit(Caller caller, long productId, JdbcPassports.Change change, Integer expectedVersion) {
		product(caller, productId);
		writer(caller);
		return this.passports.submit(productId, change, expectedVersion, caller.actor());
	}

	/**
	 * Declare where the product comes from ({@link JdbcPassportLineage#declare}, audited
	 * there).
	 * @param predecessorProductId the original on this platform, or {@code null}
	 * @param predecessorUri the original's passport URI elsewhere, or {@code null}
	 * @throws IllegalArgumentException naming what is wrong; nothing is written
	 */
	void declarePredecessor(Caller caller, long productId, String relation, Long predecessorProductId,
			String predecessorUri) {
		product(caller, productId);
		writer(caller);
		this.lineage.declare(productId, relation, predecessorProductId, predecessorUri, caller.actor());
	}

	/**
	 * The product's predecessors and successors.
	 * @throws ApiException 404 for another brand's or a missing product
	 */
	List<JdbcPassportLineage.Link> lineage(Caller caller, long productId) {
		product(caller, productId);
		return this.lineage.of(productId);
	}

	/** Whether the product (if any) is in the caller's scope. */
	boolean reachable(Caller caller, Long productId) {
		return productId != null && this.products.findById(caller.scope(), productId).isPresent();
	}

	/**
	 * The products the console offers as a product's predecessor: the brand's others with
	 * a GTIN (a product passport URI), by name.
	 */
	List<Product> predecessorCandidates(Product product) {
		return this.products.search(product.brandId(), null, null, JdbcProductRepository.MAX_PAGE_SIZE)
			.products()
			.stream()
			.filter((candidate) -> candidate.id() != product.id() && candidate.gtin() != null)
			.toList();
	}

	/**
	 * Set or clear the product's commodity code, audited.
	 * @return the product as it now is
	 * @throws io.dppmint.core.catalog.CatalogValidationException if the code is invalid
	 */
	Product setCommodityCode(Caller caller, long productId, String commodityCode) {
		Product product = product(caller, productId);
		writer(caller);
		return this.transactions.execute((status) -> {
			this.products.updateCommodityCode(productId, commodityCode);
			Product updated = this.products.findById(productId).orElseThrow();
			this.auditLog
				.record(new AuditEvent(product.brandId(), "product", Long.toString(productId), "commodity_code_changed",
						caller.actor(), Map.of("commodityCode", String.valueOf(updated.commodityCode()))));
			return updated;
		});
	}

	/**
	 * Set or clear the brand's operator GLN, audited.
	 * @return the brand as it now is
	 * @throws io.dppmint.core.catalog.CatalogValidationException if the GLN is invalid
	 */
	Brand setOperatorGln(Caller caller, long brandId, String operatorGln) {
		brand(caller, brandId);
		writer(caller);
		return this.transactions.execute((status) -> {
			this.brands.updateOperatorGln(brandId, operatorGln);
			Brand updated = this.brands.findById(brandId).orElseThrow();
			this.auditLog.record(new AuditEvent(brandId, "brand", Long.toString(brandId), "operator_changed",
					caller.actor(), Map.of("operatorGln", String.valueOf(updated.operatorGln()))));
			return updated;
		});
	}

	private static void writer(Caller caller) {
		if (!caller.canWrite()) {
			throw ApiException.forbidden("Your role may not change passports");
		}
	}

}
