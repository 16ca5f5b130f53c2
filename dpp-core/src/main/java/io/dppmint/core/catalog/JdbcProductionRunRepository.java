package io.dppmint.core.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.dppmint.core.gs1.Gln;
import io.dppmint.core.tenancy.BrandScope;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ERP production runs in the {@code production_runs} table, with hand-written SQL. A run
 * is identified by its brand and ERP reference, always produces one product of its own
 * brand, and its planned quantity never falls below the units already reserved for it. A
 * refused run writes nothing.
 */
public class JdbcProductionRunRepository {

	private static final String COLUMNS = "id, brand_id, product_id, erp_reference, planned_quantity, reserved_quantity, facility_gln";

	private final JdbcClient jdbc;

	public JdbcProductionRunRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Create or update the run the ERP reports, keyed by brand and ERP reference. Syncing
	 * the same run again changes nothing (not even {@code updated_at}), so an ERP may
	 * resend its runs as often as it likes; a new planned quantity or facility replaces
	 * the old one (events already recorded keep the facility they were recorded with).
	 * <p>
	 * A refused run breaks no constraint: the statement writes only what is allowed and
	 * the refusal is worked out from what is stored, so that the caller's transaction
	 * stays usable (a failed statement would abort it, and every later query with it).
	 * @param run the run as the ERP reports it
	 * @return the stored run
	 * @throws CatalogValidationException if the brand does not exist, the product is not
	 * the brand's, or the new planned quantity is below the units already reserved
	 * ({@code PLANNED_BELOW_RESERVED})
	 * @throws CatalogConflictException if the ERP reference is already linked to another
	 * product
	 */
	public ProductionRun sync(ErpProductionRun run) {
		Optional<ProductionRun> written = this.jdbc.sql("""
				insert into production_runs (brand_id, product_id, erp_reference, planned_quantity, facility_gln)
				select :brandId, :productId, :erpReference, :plannedQuantity, :facilityGln
				where exists (select from products where id = :productId and brand_id = :brandId)
				on conflict (brand_id, erp_reference) do update
					set planned_quantity = excluded.planned_quantity, facility_gln = excluded.facility_gln,
						updated_at = now()
					where production_runs.product_id = excluded.product_id
						and (production_runs.planned_quantity, production_runs.facility_gln)
							is distinct from (excluded.planned_quantity, excluded.facility_gln)
						and production_runs.reserved_quantity <= excluded.planned_quantity
				returning %s""".formatted(COLUMNS))
			.param("brandId", run.brandId())
			.param("productId", run.productId())
			.param("erpReference", run.erpReference())
			.param("plannedQuantity", run.plannedQuantity())
			.param("facilityGln", (run.facilityGln() != null) ? run.facilityGln().value() : null)
			.query(JdbcProductionRunRepository::productionRun)
			.optional();
		if (written.isPresent()) {
			return written.get();
		}
		Optional<ProductionRun> stored = findByBrandAndErpReference(run.brandId(), run.erpReference());
		if (stored.isEmpty()) {
			throw unknownBrandOrProduct(run);
		}
		// The run exists and was left alone: it is already as reported, it belongs to
		// another product, or more units are reserved than the new plan allows.
		ProductionRun existing = stored.get();
		if (existing.productId() != run.productId()) {
			throw new CatalogConflictException("productId", "ERP reference '" + run.erpReference()
					+ "' is already linked to product " + existing.productId() + ", not " + run.productId());
		}
		if (existing.reservedQuantity() > run.plannedQuantity()) {
			throw new CatalogValidationException("plannedQuantity", "PLANNED_BELOW_RESERVED",
					"Production run '" + run.erpReference() + "' already has " + existing.reservedQuantity()
							+ " units reserved by mint requests; its planned quantity cannot drop to "
							+ run.plannedQuantity());
		}
		return existing;
	}

	/**
	 * Reserve units of a run for a mint request, in the caller's transaction, only if the
	 * run has that many left: one guarded update, so concurrent reservations (which wait
	 * for each other's row lock) can never together exceed the planned quantity.
	 * @param id the run
	 * @param quantity the units to reserve
	 * @return whether they were reserved; {@code false} if the run has fewer left (or
	 * does not exist)
	 */
	public boolean reserve(long id, int quantity) {
		return this.jdbc.sql("""
				update production_runs set reserved_quantity = reserved_quantity + :quantity, updated_at = now()
				where id = :id and reserved_quantity + :quantity <= planned_quantity""")
			.param("quantity", quantity)
			.param("id", id)
			.update() == 1;
	}

	public Optional<ProductionRun> findById(long id) {
		return this.jdbc.sql("select %s from production_runs where id = :id".formatted(COLUMNS))
			.param("id", id)
			.query(JdbcProductionRunRepository::productionRun)
			.optional();
	}

	/**
	 * The run with this id if it is in scope: another brand's run is as absent as one
	 * that does not exist.
	 * @param scope the caller's brands
	 * @param id the run id
	 * @return the run
	 */
	public Optional<ProductionRun> findById(BrandScope scope, long id) {
		return this.jdbc
			.sql("select %s from production_runs where id = :id and (:allBrands or brand_id = :brandId)"
				.formatted(COLUMNS))
			.param("id", id)
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query(JdbcProductionRunRepository::productionRun)
			.optional();
	}

	public Optional<ProductionRun> findByBrandAndErpReference(long brandId, String erpReference) {
		return this.jdbc
			.sql("select %s from production_runs where brand_id = :brandId and erp_reference = :erpReference"
				.formatted(COLUMNS))
			.param("brandId", brandId)
			.param("erpReference", erpReference)
			.query(JdbcProductionRunRepository::productionRun)
			.optional();
	}

	/**
	 * The runs of one product, newest first: what the mint wizard offers to link.
	 * @param productId the product
	 * @return its runs
	 */
	public List<ProductionRun> findByProduct(long productId) {
		return this.jdbc
			.sql("select %s from production_runs where product_id = :productId order by id desc".formatted(COLUMNS))
			.param("productId", productId)
			.query(JdbcProductionRunRepository::productionRun)
			.list();
	}

	private CatalogValidationException unknownBrandOrProduct(ErpProductionRun run) {
		boolean brandExists = this.jdbc.sql("select exists (select from brands where id = :id)")
			.param("id", run.brandId())
			.query(Boolean.class)
			.single();
		if (!brandExists) {
			return new CatalogValidationException("brandId", "There is no brand with id " + run.brandId());
		}
		return new CatalogValidationException("productId",
				"Brand " + run.brandId() + " has no product with id " + run.productId());
	}

	private static ProductionRun productionRun(ResultSet row, int rowNum) throws SQLException {
		String facilityGln = row.getString("facility_gln");
		return new ProductionRun(row.getLong("id"), row.getLong("brand_id"), row.getLong("product_id"),
				row.getString("erp_reference"), row.getLong("planned_quantity"), row.getLong("reserved_quantity"),
				(facilityGln != null) ? new Gln(facilityGln) : null);
	}

}
