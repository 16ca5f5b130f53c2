package io.dppmint.console.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered as {@code application/problem+json} with the given
 * status, problem type and field errors. Thrown before anything is written.
 */
public class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	private final String type;

	private final transient List<FieldError> errors;

	public ApiException(HttpStatus status, String type, String detail, List<FieldError> errors) {
		super(detail);
		this.status = status;
		this.type = type;
		this.errors = List.copyOf(errors);
	}

	/**
	 * 404: there is no such thing in the caller's brands (another brand's is absent too).
	 */
	public static ApiException notFound(String what) {
		return new ApiException(HttpStatus.NOT_FOUND, "not-found", what, List.of());
	}

	/** 400: one invalid request field. */
	public static ApiException invalid(String field, String code, String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, "invalid-request", message,
				List.of(new FieldError(field, code, message)));
	}

	/** 409: the request conflicts with the current state. */
	public static ApiException conflict(String code, String message) {
		return new ApiException(HttpStatus.CONFLICT, "conflict", message, List.of(new FieldError(null, code, message)));
	}

	/** 403: the caller may not do this. */
	public static ApiException forbidden(String message) {
		return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message, List.of());
	}

	public HttpStatus status() {
		return this.status;
	}

	public String type() {
		return this.type;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
