package io.dppmint.core.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Brands in the {@code brands} table, with hand-written SQL. Creating a brand also
 * creates its dashboard counters in the same statement, so a brand never exists without
 * them. A refused brand writes nothing.
 */
public class JdbcBrandRepository {

	private static final String COLUMNS = """
			id, code, name, required_fields, gtin_required, gs1_company_prefix, resolver_base_url""";

	private final JdbcClient jdbc;

	public JdbcBrandRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Store a new brand and its zeroed {@code brand_counters} row.
	 * @param brand the brand
	 * @return the stored brand
	 * @throws CatalogConflictException if the code is taken
	 */
	public Brand create(NewBrand brand) {
		try {
			return this.jdbc.sql("""
					with brand as (
						insert into brands (code, name, required_fields, gtin_required, gs1_company_prefix,
							resolver_base_url)
						values (:code, :name, :requiredFields, :gtinRequired, :gs1CompanyPrefix, :resolverBaseUrl)
						returning %s
					),
					counters as (
						insert into brand_counters (brand_id)
						select id from brand
					)
					select * from brand""".formatted(COLUMNS))
				.param("code", brand.code())
				.param("name", brand.name())
				.param("requiredFields", brand.requiredFields().toArray(String[]::new))
				.param("gtinRequired", brand.gtinRequired())
				.param("gs1CompanyPrefix", brand.gs1CompanyPrefix())
				.param("resolverBaseUrl", brand.resolverBaseUrl())
				.query(JdbcBrandRepository::brand)
				.single();
		}
		catch (DataIntegrityViolationException ex) {
			if ("brands_code_uk".equals(ConstraintViolations.constraintOf(ex))) {
				throw new CatalogConflictException("code", "Brand code '" + brand.code() + "' is already taken");
			}
			throw ex;
		}
	}

	public Optional<Brand> findById(long id) {
		return this.jdbc.sql("select %s from brands where id = :id".formatted(COLUMNS))
			.param("id", id)
			.query(JdbcBrandRepository::brand)
			.optional();
	}

	public Optional<Brand> findByCode(String code) {
		return this.jdbc.sql("select %s from brands where code = :code".formatted(COLUMNS))
			.param("code", code)
			.query(JdbcBrandRepository::brand)
			.optional();
	}

	/**
	 * All brands, by code. The catalogue holds a handful to a few hundred brands.
	 * @return the brands
	 */
	public List<Brand> findAll() {
		return this.jdbc.sql("select %s from brands order by code".formatted(COLUMNS))
			.query(JdbcBrandRepository::brand)
			.list();
	}

	private static Brand brand(ResultSet row, int rowNum) throws SQLException {
		Array requiredFields = row.getArray("required_fields");
		try {
			return new Brand(row.getLong("id"), row.getString("code"), row.getString("name"),
					List.of((String[]) requiredFields.getArray()), row.getBoolean("gtin_required"),
					row.getString("gs1_company_prefix"), row.getString("resolver_base_url"));
		}
		finally {
			requiredFields.free();
		}
	}

}
