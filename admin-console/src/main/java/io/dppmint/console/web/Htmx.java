package io.dppmint.console.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The few htmx request headers the console reads.
 */
public final class Htmx {

	private Htmx() {
	}

	/** Whether htmx sent the request (so a fragment, not a whole page, is wanted). */
	public static boolean isRequest(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

}
