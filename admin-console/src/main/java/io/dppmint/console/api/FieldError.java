package io.dppmint.console.api;

/**
 * One field-level error of a problem response ({@code errors} member).
 *
 * @param field the request field, query parameter or header it is about, as a JSON path
 * ({@code lots[1].lotNumber}), or {@code null} when it is about the whole request
 * @param code a stable code, e.g. {@code UNKNOWN_FIELD}, {@code QUANTITY_OUT_OF_RANGE}
 * @param message a sentence for people
 */
public record FieldError(String field, String code, String message) {

}
