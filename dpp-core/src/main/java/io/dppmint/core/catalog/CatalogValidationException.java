package io.dppmint.core.catalog;

/**
 * Catalogue input that was refused before anything was written. The message says what is
 * wrong and names the offending value, so that it can be shown to the user as it is;
 * {@link #field()} names the input field it is about.
 */
public class CatalogValidationException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String field;

	public CatalogValidationException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	/**
	 * The input field the error is about, as named by the input record's component (for
	 * example {@code code}, {@code gtin} or {@code plannedQuantity}).
	 * @return the field name
	 */
	public String field() {
		return this.field;
	}

}
