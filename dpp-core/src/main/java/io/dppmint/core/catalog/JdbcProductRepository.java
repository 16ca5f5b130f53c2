package io.dppmint.core.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.FieldError;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValidator;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.tenancy.BrandScope;
import io.dppmint.core.text.PlainText;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Products in the {@code products} table, with hand-written SQL. A product always belongs
 * to an existing brand, its SKU is unique within the brand and its GTIN unique worldwide;
 * a refused product writes nothing.
 */
public class JdbcProductRepository {

	/** The largest page a search returns. */
	public static final int MAX_PAGE_SIZE = 200;

	private static final String COLUMNS = """
			id, brand_id, sku, name, gtin, passport, passport_version, commodity_code, commercial_status""";

	private final JdbcClient jdbc;

	private final JdbcBrandRepository brands;

	public JdbcProductRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.brands = new JdbcBrandRepository(jdbc);
	}

	/**
	 * Set or clear a product's commodity code.
	 * @param productId the product
	 * @param commodityCode a CN or TARIC code ({@link CommodityCode#normalize}), or
	 * {@code null} or blank to clear it
	 * @return whether the product exists
	 * @throws CatalogValidationException if the code is invalid
	 */
	public boolean updateCommodityCode(long productId, String commodityCode) {
		return this.jdbc.sql("update products set commodity_code = :code, updated_at = now() where id = :id")
			.param("code", CommodityCode.normalize(commodityCode))
			.param("id", productId)
			.update() == 1;
	}

	/**
	 * Store a new product.
	 * @param product the product
	 * @return the stored product
	 * @throws CatalogValidationException if its brand does not exist
	 * @throws CatalogConflictException if the brand already has its SKU or another
	 * product has its GTIN
	 */
	public Product create(NewProduct product) {
		PassportValues passport = PassportValues.ofText(product.passport());
		PassportSchema schema = this.brands.findById(product.brandId())
			.orElseThrow(
					() -> new CatalogValidationException("brandId", "There is no brand with id " + product.brandId()))
			.passportSchema();
		List<FieldError> errors = PassportValidator.check(schema, passport, DataLevel.MODEL, "passport");
		if (!errors.isEmpty()) {
			throw new CatalogValidationException(errors.getFirst().path(), errors.getFirst().code(),
					errors.getFirst().message());
		}
		int version = passport.isEmpty() ? 0 : 1;
		try {
			return this.jdbc
				.sql("""
						with p as (
							insert into products (brand_id, sku, name, gtin, passport, passport_version, commodity_code,
								commercial_status)
							values (:brandId, :sku, :name, :gtin, cast(:passport as jsonb), :version, :commodityCode,
								:commercialStatus)
							returning %s
						),
						v as (
							insert into passport_versions (brand_id, subject_kind, subject_id, version, schema_version, data,
								changes, sha256, actor)
							select brand_id, 'product', id, 1, :schemaVersion, passport, cast(:changes as jsonb), :sha256,
								'catalogue'
							from p where passport_version = 1
						)
						select * from p"""
					.formatted(COLUMNS))
				.param("brandId", product.brandId())
				.param("sku", product.sku())
				.param("name", product.name())
				.param("gtin", product.gtin())
				.param("passport", passport.toJson())
				.param("version", version)
				.param("commodityCode", product.commodityCode())
				.param("commercialStatus", product.commercialStatus().dbValue())
				.param("schemaVersion", schema.version())
				.param("changes", PassportValues.changesJson(passport.changesSince(PassportValues.empty())))
				.param("sha256", passport.sha256())
				.query(JdbcProductRepository::product)
				.single();
		}
		catch (DataIntegrityViolationException ex) {
			String constraint = ConstraintViolations.constraintOf(ex);
			if ("products_brand_fk".equals(constraint)) {
				throw new CatalogValidationException("brandId", "There is no brand with id " + product.brandId());
			}
			if ("products_brand_sku_uk".equals(constraint)) {
				throw new CatalogConflictException("sku",
						"Brand " + product.brandId() + " already has a product with SKU '" + product.sku() + "'");
			}
			if ("products_gtin_uk".equals(constraint)) {
				throw new CatalogConflictException("gtin",
						"GTIN " + product.gtin() + " is already assigned to another product");
			}
			throw ex;
		}
	}

	public Optional<Product> findById(long id) {
		return this.jdbc.sql("select %s from products where id = :id".formatted(COLUMNS))
			.param("id", id)
			.query(JdbcProductRepository::product)
			.optional();
	}

	/**
	 * The product with this id if it is in scope: another brand's product is as absent as
	 * one that does not exist.
	 * @param scope the caller's brands
	 * @param id the product id
	 * @return the product
	 */
	public Optional<Product> findById(BrandScope scope, long id) {
		return this.jdbc
			.sql("select %s from products where id = :id and (:allBrands or brand_id = :brandId)".formatted(COLUMNS))
			.param("id", id)
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query(JdbcProductRepository::product)
			.optional();
	}

	public Optional<Product> findByBrandAndSku(long brandId, String sku) {
		return this.jdbc.sql("select %s from products where brand_id = :brandId and sku = :sku".formatted(COLUMNS))
			.param("brandId", brandId)
			.param("sku", sku)
			.query(JdbcProductRepository::product)
			.optional();
	}

	public Optional<Product> findByGtin(Gtin gtin) {
		return this.jdbc.sql("select %s from products where gtin = :gtin".formatted(COLUMNS))
			.param("gtin", gtin.value())
			.query(JdbcProductRepository::product)
			.optional();
	}

	/**
	 * One page of a brand's products whose name or SKU starts with {@code prefix},
	 * ignoring case, ordered by lowercase name, then id. Never returns another brand's
	 * products.
	 * @param brandId the brand
	 * @param prefix the start of the name or SKU; {@code null} or blank for all products
	 * @param after where the previous page ended, or {@code null} for the first page
	 * @param limit the page size, 1 to {@value #MAX_PAGE_SIZE}
	 * @return the page
	 * @throws CatalogValidationException if {@code limit} is out of range or the prefix
	 * holds a control character
	 */
	public ProductPage search(long brandId, String prefix, ProductCursor after, int limit) {
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new CatalogValidationException("limit",
					"A page holds 1 to " + MAX_PAGE_SIZE + " products, not " + limit);
		}
		// Names are never empty, so the empty name sorts before every product: the first
		// page needs no separate query.
		ProductCursor start = (after != null) ? after : new ProductCursor("", 0);
		List<Product> products = this.jdbc.sql("""
				select %s from products
				where brand_id = :brandId
					and (starts_with(lower(name), lower(:prefix)) or starts_with(lower(sku), lower(:prefix)))
					and (lower(name), id) > (lower(:afterName), :afterId)
				order by lower(name), id
				limit :limit""".formatted(COLUMNS))
			.param("brandId", brandId)
			.param("prefix", prefix(prefix))
			.param("afterName", start.name())
			.param("afterId", start.id())
			.param("limit", limit + 1)
			.query(JdbcProductRepository::product)
			.list();
		if (products.size() <= limit) {
			return new ProductPage(products, null);
		}
		List<Product> page = products.subList(0, limit);
		return new ProductPage(page, ProductCursor.after(page.get(limit - 1)));
	}

	/**
	 * Like {@link #search(long, String, ProductCursor, int)}, over the brands in scope:
	 * one brand's products, or every brand's for an operator.
	 * @param scope the caller's brands
	 * @param prefix the start of the name or SKU; {@code null} or blank for all products
	 * @param after where the previous page ended, or {@code null} for the first page
	 * @param limit the page size, 1 to {@value #MAX_PAGE_SIZE}
	 * @return the page
	 */
	public ProductPage search(BrandScope scope, String prefix, ProductCursor after, int limit) {
		if (!scope.allBrands()) {
			return search(scope.brandId(), prefix, after, limit);
		}
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new CatalogValidationException("limit",
					"A page holds 1 to " + MAX_PAGE_SIZE + " products, not " + limit);
		}
		ProductCursor start = (after != null) ? after : new ProductCursor("", 0);
		List<Product> products = this.jdbc.sql("""
				select %s from products
				where (starts_with(lower(name), lower(:prefix)) or starts_with(lower(sku), lower(:prefix)))
					and (lower(name), id) > (lower(:afterName), :afterId)
				order by lower(name), id
				limit :limit""".formatted(COLUMNS))
			.param("prefix", prefix(prefix))
			.param("afterName", start.name())
			.param("afterId", start.id())
			.param("limit", limit + 1)
			.query(JdbcProductRepository::product)
			.list();
		if (products.size() <= limit) {
			return new ProductPage(products, null);
		}
		List<Product> page = products.subList(0, limit);
		return new ProductPage(page, ProductCursor.after(page.get(limit - 1)));
	}

	private static String prefix(String prefix) {
		if (prefix == null) {
			return "";
		}
		if (!PlainText.isSingleLine(prefix)) {
			throw new CatalogValidationException("prefix", CatalogChecks.INVALID_CHARACTERS,
					"A search cannot hold control characters (NUL, line breaks, ...)");
		}
		return prefix.strip();
	}

	private static Product product(ResultSet row, int rowNum) throws SQLException {
		long id = row.getLong("id");
		String gtin = row.getString("gtin");
		try {
			return new Product(id, row.getLong("brand_id"), row.getString("sku"), row.getString("name"),
					(gtin != null) ? new Gtin(gtin) : null, PassportValues.parse(row.getString("passport")),
					row.getInt("passport_version"), row.getString("commodity_code"),
					CommercialStatus.fromDbValue(row.getString("commercial_status")));
		}
		catch (InvalidGs1DataException ex) {
			throw new IllegalStateException(
					"Product " + id + " holds an invalid GTIN, written past the catalogue: " + ex.getMessage(), ex);
		}
	}

}
