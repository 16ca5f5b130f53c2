package io.dppmint.console.api;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dppmint.core.text.PlainText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose path, query or form parameters hold a control character (other
 * than a line break or tab in a parameter value: a textarea's): 400, before anything
 * reads or writes. PostgreSQL cannot store or compare text holding a NUL, so such a value
 * would otherwise fail deep inside a query as a server error. JSON bodies are checked
 * field by field ({@link NoControlCharacters}).
 */
public class ControlCharacterFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String uri = request.getRequestURI();
		if (uri.toLowerCase(Locale.ROOT).contains("%00") || !PlainText.isSingleLine(request.getServletPath())) {
			refuse(request, response, null);
			return;
		}
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (!PlainText.isSingleLine(parameter.getKey())) {
				refuse(request, response, null);
				return;
			}
			for (String value : parameter.getValue()) {
				if (!PlainText.isMultiLine(value)) {
					refuse(request, response, parameter.getKey());
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String parameter)
			throws IOException {
		String detail = (parameter != null)
				? "Parameter '" + parameter + "' holds a control character (NUL, ...), which no value may hold"
				: "The request's address holds a control character (NUL, ...)";
		if (!request.getServletPath().startsWith("/api/")) {
			response.sendError(HttpStatus.BAD_REQUEST.value(), detail);
			return;
		}
		Problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid-request", detail,
				List.of(new FieldError(parameter, "INVALID_CHARACTERS", detail)));
	}

}
