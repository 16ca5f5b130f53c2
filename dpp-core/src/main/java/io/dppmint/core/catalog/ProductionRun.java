package io.dppmint.core.catalog;

import io.dppmint.core.gs1.Gln;

import java.util.Objects;

/**
 * A stored production run synced from an ERP: a planned quantity of one product, and the
 * units already reserved for it by accepted mint requests, which never exceed the plan.
 *
 * @param id the database id
 * @param brandId the brand it belongs to
 * @param productId the product it produces, always of the same brand
 * @param erpReference the ERP's identifier of the run, unique within the brand
 * @param plannedQuantity the units planned, at least 1
 * @param reservedQuantity the units of accepted mint requests linked to it, between 0 and
 * {@code plannedQuantity}
 * @param facilityGln the GLN of the facility it takes place at, or {@code null}
 */
public record ProductionRun(long id, long brandId, long productId, String erpReference, long plannedQuantity,
		long reservedQuantity, Gln facilityGln) {

	public ProductionRun {
		Objects.requireNonNull(erpReference, "erpReference");
	}

	/**
	 * The units that mint requests may still reserve against this run.
	 * @return planned minus reserved units
	 */
	public long remainingQuantity() {
		return this.plannedQuantity - this.reservedQuantity;
	}

}
