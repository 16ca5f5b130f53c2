package io.dppmint.core.catalog;

import io.dppmint.core.gs1.Gln;

/**
 * A production run as the ERP reports it, to be synced into the catalogue; validated on
 * construction, every refused value raises a {@link CatalogValidationException} naming
 * its field.
 *
 * @param brandId the brand the run belongs to
 * @param productId the product it produces, which must be the brand's
 * @param erpReference the ERP's identifier of the run, 1 to 100 characters, stripped
 * @param plannedQuantity the units planned, at least 1
 * @param facilityGln the GLN of the facility the run takes place at (its units'
 * commissioning location in EPCIS events), or {@code null}
 */
public record ErpProductionRun(long brandId, long productId, String erpReference, long plannedQuantity,
		Gln facilityGln) {

	/** A run without a facility. */
	public ErpProductionRun(long brandId, long productId, String erpReference, long plannedQuantity) {
		this(brandId, productId, erpReference, plannedQuantity, null);
	}

	public ErpProductionRun {
		CatalogChecks.id("brandId", brandId);
		CatalogChecks.id("productId", productId);
		erpReference = CatalogChecks.text("erpReference", erpReference, CatalogChecks.MAX_ERP_REFERENCE_LENGTH);
		if (plannedQuantity <= 0) {
			throw new CatalogValidationException("plannedQuantity",
					"A production run plans at least 1 unit, not " + plannedQuantity);
		}
	}

}
