package io.dppmint.core.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.dppmint.core.gs1.Gln;
import io.dppmint.core.passport.PassportSchema;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Brands in the {@code brands} table, with hand-written SQL. Creating a brand also
 * creates its dashboard counters in the same statement, so a brand never exists without
 * them. A refused brand writes nothing.
 */
public class JdbcBrandRepository {

	private static final String COLUMNS = """
			b.id, b.code, b.name, b.gtin_required, b.gs1_company_prefix, b.resolver_base_url, b.operator_gln,
			s.version as schema_version, s.definition as schema_definition""";

	/** A brand with its current passport schema. */
	private static final String SELECT = """
			select %s from brands b
			left join passport_schemas s on s.brand_id = b.id and s.version = b.passport_schema_version
			""".formatted(COLUMNS);

	private final JdbcClient jdbc;

	public JdbcBrandRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Store a new brand, its zeroed {@code brand_counters} row and its passport schema
	 * version 1: an open schema of the required fields as text (see
	 * {@link PassportSchema#ofRequiredText}).
	 * @param brand the brand
	 * @return the stored brand
	 * @throws CatalogConflictException if the code is taken
	 */
	public Brand create(NewBrand brand) {
		try {
			return this.jdbc.sql("""
					with b as (
						insert into brands (code, name, required_fields, gtin_required, gs1_company_prefix,
							resolver_base_url, passport_schema_version)
						values (:code, :name, :requiredFields, :gtinRequired, :gs1CompanyPrefix, :resolverBaseUrl, 1)
						returning *
					),
					counters as (
						insert into brand_counters (brand_id)
						select id from b
					),
					s as (
						insert into passport_schemas (brand_id, version, definition, created_by)
						select id, 1, cast(:schema as jsonb), 'catalogue' from b
						returning *
					)
					select %s from b join s on s.brand_id = b.id""".formatted(COLUMNS))
				.param("code", brand.code())
				.param("name", brand.name())
				.param("requiredFields", brand.requiredFields().toArray(String[]::new))
				.param("gtinRequired", brand.gtinRequired())
				.param("gs1CompanyPrefix", brand.gs1CompanyPrefix())
				.param("resolverBaseUrl", brand.resolverBaseUrl())
				.param("schema", PassportSchema.ofRequiredText(1, brand.requiredFields()).toJson().toString())
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
		return this.jdbc.sql(SELECT + "where b.id = :id").param("id", id).query(JdbcBrandRepository::brand).optional();
	}

	public Optional<Brand> findByCode(String code) {
		return this.jdbc.sql(SELECT + "where b.code = :code")
			.param("code", code)
			.query(JdbcBrandRepository::brand)
			.optional();
	}

	/**
	 * All brands, by code. The catalogue holds a handful to a few hundred brands.
	 * @return the brands
	 */
	public List<Brand> findAll() {
		return this.jdbc.sql(SELECT + "order by b.code").query(JdbcBrandRepository::brand).list();
	}

	/**
	 * Set or clear the brand's operator identifier.
	 * @param brandId the brand
	 * @param operatorGln a GLN with a correct check digit, or {@code null} or blank to
	 * clear it
	 * @return whether the brand exists
	 * @throws CatalogValidationException if the GLN is invalid
	 */
	public boolean updateOperatorGln(long brandId, String operatorGln) {
		String gln = null;
		if (operatorGln != null && !operatorGln.isBlank()) {
			try {
				gln = Gln.parse(operatorGln.strip()).value();
			}
			catch (IllegalArgumentException ex) {
				throw new CatalogValidationException("operatorGln", "INVALID_GLN", ex.getMessage());
			}
		}
		return this.jdbc.sql("update brands set operator_gln = :gln where id = :id")
			.param("gln", gln)
			.param("id", brandId)
			.update() == 1;
	}

	private static Brand brand(ResultSet row, int rowNum) throws SQLException {
		String definition = row.getString("schema_definition");
		PassportSchema schema = (definition != null)
				? PassportSchema.parse(row.getInt("schema_version"), JsonMapper.shared().readTree(definition))
				: PassportSchema.empty();
		return new Brand(row.getLong("id"), row.getString("code"), row.getString("name"), schema,
				row.getBoolean("gtin_required"), row.getString("gs1_company_prefix"),
				row.getString("resolver_base_url"), row.getString("operator_gln"));
	}

}
