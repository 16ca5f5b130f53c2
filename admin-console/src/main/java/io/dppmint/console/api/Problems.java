package io.dppmint.console.api;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of every API error: RFC 9457 {@code application/problem+json} with a
 * {@code type} URN ({@code urn:dpp:problem:<slug>}), the HTTP status, a {@code detail}
 * sentence, the request path as {@code instance} and, where fields are at fault, an
 * {@code errors} list of {@link FieldError}s.
 */
public final class Problems {

	private static final JsonMapper json = JsonMapper.builder().build();

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String type, String detail, List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:dpp:problem:" + type));
		HttpStatus known = HttpStatus.resolve(status.value());
		problem.setTitle((known != null) ? known.getReasonPhrase() : null);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	/**
	 * Write a problem straight to a response, for filters and security handlers that
	 * answer before any controller.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String detail) throws IOException {
		write(request, response, status, type, detail, List.of());
	}

	/**
	 * Write a problem with field errors straight to a response, for filters that answer
	 * before any controller.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String detail, List<FieldError> errors) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "urn:dpp:problem:" + type);
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		if (!errors.isEmpty()) {
			problem.put("errors", errors);
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
