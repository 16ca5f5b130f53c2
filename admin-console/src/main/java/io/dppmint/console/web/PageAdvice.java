package io.dppmint.console.web;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * What every console page needs: the {@code caller} (for the navigation and for hiding
 * actions a role may not take) and errors rendered as pages or, for htmx requests, as a
 * fragment in place of the part that failed. The API keeps its problem+json.
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

	@ModelAttribute("caller")
	Caller caller(Caller caller) {
		return caller;
	}

	@ExceptionHandler
	String apiException(ApiException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		return error(ex.status().value(), ex.getMessage(), request, response, model);
	}

	/** A malformed query or path parameter of a page: 400, as in the API. */
	@ExceptionHandler({ TypeMismatchException.class, ServletRequestBindingException.class,
			HandlerMethodValidationException.class })
	String badRequest(Exception ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		return error(HttpStatus.BAD_REQUEST.value(), "This address is not one the console makes: " + ex.getMessage(),
				request, response, model);
	}

	private static String error(int status, String message, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		response.setStatus(status);
		model.addAttribute("status", status);
		model.addAttribute("message", message);
		return Htmx.isRequest(request) ? "error :: message" : "error";
	}

}
