package io.dppmint.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The few htmx headers the console reads and sends.
 */
public final class Htmx {

	private Htmx() {
	}

	/** Whether htmx sent the request (so a fragment, not a whole page, is wanted). */
	public static boolean isRequest(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

	/** Have htmx load {@code path} as a whole page instead of swapping the answer in. */
	public static void redirect(HttpServletResponse response, String path) {
		response.setHeader("HX-Redirect", path);
	}

}
