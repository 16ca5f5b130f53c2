package io.dppmint.core.passport;

/**
 * One refused value of passport data or of a passport schema.
 *
 * @param path where it is, as a JSON path ({@code passport.fibre_composition[1].percent},
 * {@code fields[3].unit})
 * @param code a stable code for clients ({@code WRONG_TYPE}, {@code UNKNOWN_FIELD}, ...)
 * @param message a sentence for people, naming the value and the rule
 */
public record FieldError(String path, String code, String message) {

}
