package io.dppmint.core.passport;

import java.util.List;

/**
 * Passport data or a passport schema that was refused: nothing was written. Every error
 * found is listed, not only the first.
 */
public class PassportValidationException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldError> errors;

	public PassportValidationException(String message, List<FieldError> errors) {
		super(message + ": " + errors.size() + ((errors.size() == 1) ? " error" : " errors") + ", the first: "
				+ errors.getFirst().message());
		this.errors = List.copyOf(errors);
	}

	/** Every error, in the order of the schema's fields. */
	public List<FieldError> errors() {
		return this.errors;
	}

}
