package io.dppmint.core.catalog;

/**
 * Catalogue input that is valid on its own but clashes with what is already stored: a
 * taken brand code, a SKU the brand already has, a GTIN assigned to another product, an
 * ERP reference already linked to another product. Nothing was written.
 */
public class CatalogConflictException extends CatalogValidationException {

	private static final long serialVersionUID = 1L;

	public CatalogConflictException(String field, String message) {
		super(field, "CONFLICT", message);
	}

}
