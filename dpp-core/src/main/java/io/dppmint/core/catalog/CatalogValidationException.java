package io.dppmint.core.catalog;

/**
 * Catalogue input that was refused before anything was written. The message says what is
 * wrong and names the offending value, so that it can be shown to the user as it is;
 * {@link #field()} names the input field it is about and {@link #code()} the rule it
 * breaks.
 */
public class CatalogValidationException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/** The code of a value refused for no more specific rule. */
	public static final String INVALID = "INVALID";

	private final String field;

	private final String code;

	public CatalogValidationException(String field, String message) {
		this(field, INVALID, message);
	}

	public CatalogValidationException(String field, String code, String message) {
		super(field + ": " + message);
		this.field = field;
		this.code = code;
	}

	/**
	 * The input field the error is about, as named by the input record's component (for
	 * example {@code code}, {@code gtin} or {@code plannedQuantity}).
	 * @return the field name
	 */
	public String field() {
		return this.field;
	}

	/**
	 * The rule the value breaks, as a stable code for API clients: {@value #INVALID}
	 * unless a more specific one applies (for example {@code INVALID_CHARACTERS} or
	 * {@code PLANNED_BELOW_RESERVED}).
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

}
