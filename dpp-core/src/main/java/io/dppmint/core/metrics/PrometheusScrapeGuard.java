package io.dppmint.core.metrics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards the Prometheus scrape endpoint of every app. With a scrape token configured
 * ({@link MetricsProperties#token()}), a request must carry
 * {@code Authorization: Bearer <token>} (compared in constant time, as SHA-256 digests so
 * that not even the length leaks) or it gets {@code 401}. Without one (the development
 * default of {@code ./dpp up}), only a connection that both comes from and arrives on a
 * loopback address may scrape; any other gets {@code 403}. Requiring the local address
 * too means a forwarded-for header rewritten by a proxy cannot pass a remote caller off
 * as local.
 * <p>
 * The guard sees the decoded, normalised path the servlet container mapped (servlet path
 * and path info), so percent-encoding or path parameters cannot route around it. It is
 * registered for the {@code DispatcherServlet} only, which serves the actuator: the
 * resolver's scan servlet never passes through it.
 */
public final class PrometheusScrapeGuard implements Filter {

	private final String path;

	private final byte[] tokenDigest;

	/**
	 * @param path the scrape endpoint's path, e.g. {@code /actuator/prometheus}
	 * @param token the scrape token, or {@code null} for loopback only
	 */
	public PrometheusScrapeGuard(String path, String token) {
		this.path = path;
		this.tokenDigest = (token != null) ? sha256(token) : null;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
				&& guarded(http)) {
			if (this.tokenDigest != null) {
				if (!presentsToken(http)) {
					answer.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
					reject(answer, HttpServletResponse.SC_UNAUTHORIZED,
							"Scraping the metrics needs the scrape token as Authorization: Bearer");
					return;
				}
			}
			else if (!fromLoopback(http)) {
				reject(answer, HttpServletResponse.SC_FORBIDDEN,
						"Metrics are served to loopback only; set DPP_METRICS_TOKEN to scrape from another host");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private boolean guarded(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		String mapped = (pathInfo != null) ? servletPath + pathInfo : servletPath;
		return mapped.regionMatches(true, 0, this.path, 0, this.path.length())
				&& (mapped.length() == this.path.length() || mapped.charAt(this.path.length()) == '/');
	}

	private boolean presentsToken(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(this.tokenDigest, sha256(authorization.substring(7).strip()));
	}

	static boolean fromLoopback(HttpServletRequest request) {
		return loopback(request.getRemoteAddr()) && loopback(request.getLocalAddr());
	}

	private static boolean loopback(String address) {
		if (address == null || address.isEmpty() || !isLiteral(address)) {
			return false;
		}
		try {
			// A literal address: no name lookup happens.
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean isLiteral(String address) {
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%' || c == '[' || c == ']')) {
				return false;
			}
		}
		return true;
	}

	private static void reject(HttpServletResponse response, int status, String message) throws IOException {
		byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("text/plain;charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
