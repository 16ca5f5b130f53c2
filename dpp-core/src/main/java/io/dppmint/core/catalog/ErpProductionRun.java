package io.dppmint.core.catalog;

/**
 * A production run as the ERP reports it, to be synced into the catalogue; validated on
 * construction, every refused value raises a {@link CatalogValidationException} naming
 * its field.
 *
 * @param brandId the brand the run belongs to
 * @param productId the product it produces, which must be the brand's
 * @param erpReference the ERP's identifier of the run, 1 to 100 characters, stripped
 * @param plannedQuantity the units planned, at least 1
 */
public record ErpProductionRun(long brandId, long productId, String erpReference, long plannedQuantity) {

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
