package io.dppmint.console.api;

import io.dppmint.core.text.PlainText;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link NoControlCharacters}. */
class NoControlCharactersValidator implements ConstraintValidator<NoControlCharacters, String> {

	private boolean multiline;

	@Override
	public void initialize(NoControlCharacters annotation) {
		this.multiline = annotation.multiline();
	}

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return this.multiline ? PlainText.isMultiLine(value) : PlainText.isSingleLine(value);
	}

}
