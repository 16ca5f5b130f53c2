package io.dppmint.console.api;

import java.net.URI;
import java.util.List;

import io.dppmint.core.catalog.CatalogConflictException;
import io.dppmint.core.catalog.CatalogValidationException;
import io.dppmint.core.passport.PassportValidationException;
import io.dppmint.core.passport.PassportVersionConflictException;
import io.dppmint.core.minting.IdempotencyConflictException;
import io.dppmint.core.minting.MintRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refused API request into {@code application/problem+json} (see
 * {@link Problems}) with field-level errors: malformed JSON, unknown fields, wrong types
 * and out-of-range numbers are 400 (as are invalid query parameters and headers), an
 * oversized body 413, a mint request that breaks business rules 422 (every broken rule
 * listed), a conflict with the current state 409, anything not in the caller's brands
 * 404. None of these changed anything.
 */
@RestControllerAdvice(basePackages = "io.dppmint.console")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> api(ApiException ex, HttpServletRequest request) {
		return problem(ex.status(), ex.type(), ex.getMessage(), ex.errors(), request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> mintRejected(MintRejectedException ex, HttpServletRequest request) {
		List<FieldError> errors = ex.violations()
			.stream()
			.map((violation) -> new FieldError(violation.field(), violation.code(), violation.message()))
			.toList();
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "mint-request-rejected",
				"The mint request was not accepted: " + ex.getMessage(), errors, request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> idempotencyConflict(IdempotencyConflictException ex, HttpServletRequest request) {
		return problem(HttpStatus.CONFLICT, "idempotency-key-reused", ex.getMessage(),
				List.of(new FieldError("Idempotency-Key", "IDEMPOTENCY_KEY_REUSED", ex.getMessage())), request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> passportRefused(PassportValidationException ex, HttpServletRequest request) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "passport-refused", ex.getMessage(),
				ex.errors()
					.stream()
					.map((error) -> new FieldError(error.path(), error.code(), error.message()))
					.toList(),
				request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> passportVersionConflict(PassportVersionConflictException ex,
			HttpServletRequest request) {
		return problem(HttpStatus.PRECONDITION_FAILED, "passport-version-conflict", ex.getMessage(),
				List.of(new FieldError("If-Match", "STALE_VERSION", ex.getMessage())), request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> catalogValidation(CatalogValidationException ex, HttpServletRequest request) {
		String message = ex.getMessage().substring(ex.field().length() + 2);
		if (ex instanceof CatalogConflictException) {
			return problem(HttpStatus.CONFLICT, "conflict", message,
					List.of(new FieldError(ex.field(), "CONFLICT", message)), request);
		}
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", message,
				List.of(new FieldError(ex.field(), ex.code(), message)), request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		PayloadTooLargeException tooLarge = causeOf(ex, PayloadTooLargeException.class);
		if (tooLarge != null) {
			return body(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.getMessage(), List.of(), request);
		}
		FieldError error = unreadable(ex);
		return body(HttpStatus.BAD_REQUEST, "invalid-request", error.message(), List.of(error), request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldError(error.getField(), code(error.getCode()), error.getDefaultMessage()))
			.toList();
		return body(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields", errors, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldError(result.getMethodParameter().getParameterName(),
						code((error.getCodes() != null && error.getCodes().length > 0)
								? error.getCodes()[error.getCodes().length - 1] : null),
						error.getDefaultMessage())))
			.toList();
		return body(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid parameters", errors, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String message = "'" + ex.getValue() + "' is not a valid value for " + name;
		return body(HttpStatus.BAD_REQUEST, "invalid-request", message,
				List.of(new FieldError(name, "WRONG_TYPE", message)), request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String message = "Query parameter '" + ex.getParameterName() + "' is required";
		return body(HttpStatus.BAD_REQUEST, "invalid-request", message,
				List.of(new FieldError(ex.getParameterName(), "REQUIRED", message)), request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException ex, HttpServletRequest request) {
		String message = "Header '" + ex.getHeaderName() + "' is required";
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", message,
				List.of(new FieldError(ex.getHeaderName(), "REQUIRED", message)), request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))) {
			problem.setType(URI.create("urn:dpp:problem:" + slug(statusCode)));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static FieldError unreadable(HttpMessageNotReadableException ex) {
		UnrecognizedPropertyException unknown = causeOf(ex, UnrecognizedPropertyException.class);
		if (unknown != null) {
			String field = path(unknown);
			return new FieldError(field, "UNKNOWN_FIELD", "Unknown field '" + field + "'");
		}
		InputCoercionException range = causeOf(ex, InputCoercionException.class);
		if (range != null) {
			return new FieldError(null, "OUT_OF_RANGE", "A number is out of range: " + range.getOriginalMessage());
		}
		InvalidNullException nullValue = causeOf(ex, InvalidNullException.class);
		if (nullValue != null) {
			String field = path(nullValue);
			return new FieldError(field, "REQUIRED", "Field '" + field + "' cannot be null");
		}
		MismatchedInputException mismatch = causeOf(ex, MismatchedInputException.class);
		if (mismatch != null && !mismatch.getPath().isEmpty()) {
			String field = path(mismatch);
			InputCoercionException coercion = causeOf(mismatch, InputCoercionException.class);
			String code = (coercion != null) ? "OUT_OF_RANGE" : "WRONG_TYPE";
			return new FieldError(field, code,
					"Field '" + field + "' has a value of the wrong type or range" + ((mismatch.getTargetType() != null)
							? " (expected " + describe(mismatch.getTargetType()) + ")" : ""));
		}
		StreamReadException malformed = causeOf(ex, StreamReadException.class);
		if (malformed != null) {
			return new FieldError(null, "MALFORMED_JSON",
					"The body is not well-formed JSON: " + firstLine(malformed.getOriginalMessage()));
		}
		if (mismatch != null) {
			return new FieldError(null, "WRONG_TYPE", "The body must be a JSON object");
		}
		return new FieldError(null, "BODY_REQUIRED", "A JSON request body is required");
	}

	private static String describe(Class<?> type) {
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (List.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (type.isEnum()) {
			return "one of " + List.of(type.getEnumConstants());
		}
		return "an object";
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unexpected input";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

	private static String code(String constraint) {
		if (constraint == null) {
			return "INVALID";
		}
		return switch (constraint) {
			case "NotNull", "NotBlank", "NotEmpty" -> "REQUIRED";
			case "Min", "Max", "Positive", "PositiveOrZero", "Range" -> "OUT_OF_RANGE";
			case "Size" -> "SIZE";
			case "Pattern" -> "PATTERN";
			case "NoControlCharacters" -> "INVALID_CHARACTERS";
			default -> constraint.toUpperCase(java.util.Locale.ROOT);
		};
	}

	private static String slug(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') : "error";
	}

	private static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private ResponseEntity<Object> body(HttpStatus status, String type, String detail, List<FieldError> errors,
			WebRequest request) {
		ProblemDetail problem = Problems.of(status, type, detail, errors);
		if (request instanceof ServletWebRequest servlet) {
			problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
		}
		return ResponseEntity.status(status)
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail,
			List<FieldError> errors, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(status, type, detail, errors);
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(status)
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
