package io.dppmint.resolver.telemetry;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the GDPR-safe facts of a request for telemetry: the client's network (never its
 * address, see {@link NetworkPrefix}) and the coarse location a trusted edge put in the
 * configured headers.
 */
public class TelemetryRequests {

	/**
	 * Request attribute holding the client's truncated network, set for every request by
	 * {@link ClientNetworkFilter}; the access log pattern prints it instead of the
	 * address.
	 */
	public static final String NETWORK_ATTRIBUTE = "dpp.client-network";

	private static final int MAX_GEO = 64;

	private final GeoProperties geo;

	TelemetryRequests(GeoProperties geo) {
		this.geo = geo;
	}

	/** The client's /24 (IPv4) or /48 (IPv6) network, or {@code null}. */
	public String networkPrefix(HttpServletRequest request) {
		Object prefix = request.getAttribute(NETWORK_ATTRIBUTE);
		return (prefix instanceof String text) ? text : NetworkPrefix.of(request.getRemoteAddr());
	}

	/** The country the trusted edge reported, or {@code null}. */
	public String country(HttpServletRequest request) {
		return header(request, this.geo.countryHeader());
	}

	/** The region the trusted edge reported, or {@code null}. */
	public String region(HttpServletRequest request) {
		return header(request, this.geo.regionHeader());
	}

	private static String header(HttpServletRequest request, String name) {
		if (name == null || name.isEmpty()) {
			return null;
		}
		String value = request.getHeader(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		value = value.strip();
		return (value.length() > MAX_GEO) ? value.substring(0, MAX_GEO) : value;
	}

}
