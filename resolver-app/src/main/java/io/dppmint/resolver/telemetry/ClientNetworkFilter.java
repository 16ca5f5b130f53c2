package io.dppmint.resolver.telemetry;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Puts the client's truncated network ({@link NetworkPrefix}) on every request as
 * {@link TelemetryRequests#NETWORK_ATTRIBUTE}, first thing, so the access log and the
 * telemetry never need the full address.
 */
class ClientNetworkFilter extends HttpFilter {

	private static final long serialVersionUID = 1L;

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String prefix = NetworkPrefix.of(request.getRemoteAddr());
		if (prefix != null) {
			request.setAttribute(TelemetryRequests.NETWORK_ATTRIBUTE, prefix);
		}
		chain.doFilter(request, response);
	}

}
