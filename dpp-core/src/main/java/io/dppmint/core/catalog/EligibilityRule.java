package io.dppmint.core.catalog;

/**
 * The rules a product must pass to be ready to mint. Their names are stable: the API and
 * the console report them.
 */
public enum EligibilityRule {

	/**
	 * A passport field the brand's schema requires is absent or blank; the failure's
	 * subject is the field name.
	 */
	REQUIRED_FIELD_MISSING,

	/**
	 * The product's passport data does not fit the brand's current schema (a schema
	 * published after the data was written); the failure's subject is the field's path.
	 */
	FIELD_INVALID,

	/** The brand is GS1-ready but the product has no GTIN. */
	GTIN_MISSING,

	/**
	 * The brand is GS1-ready but the product's GTIN is not one of its GTINs: it is not
	 * issued under the brand's GS1 company prefix. The failure's subject is the GTIN.
	 */
	GTIN_INVALID,

	/**
	 * The product's commercial status is not active; the failure's subject is the actual
	 * status ({@code draft} or {@code discontinued}).
	 */
	COMMERCIAL_STATUS_NOT_ACTIVE

}
