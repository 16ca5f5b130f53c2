package io.dppmint.console.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A text field or parameter that may hold no control character (see
 * {@link io.dppmint.core.text.PlainText}); {@code null} passes. Answered 400 with the
 * code {@code INVALID_CHARACTERS}.
 */
@Documented
@Constraint(validatedBy = NoControlCharactersValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface NoControlCharacters {

	/** Whether line breaks and tabs are allowed (multi-line text). */
	boolean multiline() default false;

	String message() default "must not contain control characters (NUL, line breaks, ...)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
