package io.dppmint.resolver.resolution;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.dppmint.core.token.TokenStatus;
import io.dppmint.core.token.TokenToActivate;
import io.dppmint.resolver.activation.FirstScanActivator;
import io.dppmint.resolver.bots.BotDetector;
import io.dppmint.resolver.telemetry.ScanEvent;
import io.dppmint.resolver.telemetry.ScanTelemetry;
import io.dppmint.resolver.telemetry.TelemetryRequests;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The resolver's public HTTP interface, following the GS1 Digital Link URI syntax and the
 * GS1-Conformant Resolver standard:
 * <ul>
 * <li>{@code GET /01/{gtin}[/10/{lot}][/21/{serial}]} and {@code GET /t/{publicId}}: a
 * scan. It answers {@code 307} to the requested link type ({@code ?linkType=gs1:pip}, if
 * the brand publishes one) or to the default link, the passport this resolver serves at
 * {@code /passport/...}, passing the query string on; the linkset ({@code 200}) when
 * asked for with {@code Accept: application/linkset+json} or {@code ?linkType=linkset}
 * (or {@code all}); {@code 410} for a revoked token; {@code 404} for a well-formed
 * identifier that names nothing issued; {@code 400} for a malformed path. The first scan
 * of a {@code minted} token activates it.</li>
 * <li>{@code GET /passport/...}: the passport, HTML or JSON by content negotiation.</li>
 * <li>{@code HEAD} answers like {@code GET} without a body, {@code OPTIONS} with the
 * allowed methods and CORS headers; neither activates nor counts as a scan.</li>
 * <li>Robots and link-preview fetchers ({@link BotDetector}) asking for a page get a
 * static one: no lookup, no activation, no telemetry. Machine clients are robots too by
 * their user agent, so a robot that explicitly asks for JSON, a linkset or a link type is
 * answered like anyone else, still without activation or telemetry.</li>
 * </ul>
 * A plain servlet rather than a Spring MVC handler: this is the hot path, and it needs
 * none of MVC's mapping, conversion or negotiation machinery.
 */
final class ScanServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	static final String WELL_KNOWN = "/.well-known/gs1resolver";

	private static final String ALLOW = "GET, HEAD, OPTIONS";

	private static final String HTML = "text/html;charset=UTF-8";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String LINKSET_JSON = "application/linkset+json";

	private final transient Resolver resolver;

	private final transient FirstScanActivator activator;

	private final transient BotDetector bots;

	private final transient ScanTelemetry telemetry;

	private final transient TelemetryRequests telemetryRequests;

	private final byte[] resolverDescription;

	ScanServlet(Resolver resolver, FirstScanActivator activator, BotDetector bots, ScanTelemetry telemetry,
			TelemetryRequests telemetryRequests, String publicBaseUrl) {
		this.resolver = resolver;
		this.activator = activator;
		this.bots = bots;
		this.telemetry = telemetry;
		this.telemetryRequests = telemetryRequests;
		this.resolverDescription = Documents.resolverDescription(publicBaseUrl);
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader("Access-Control-Allow-Origin", "*");
		String method = request.getMethod();
		if ("OPTIONS".equals(method)) {
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			response.setHeader("Allow", ALLOW);
			response.setHeader("Access-Control-Allow-Methods", ALLOW);
			response.setHeader("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Type");
			response.setHeader("Access-Control-Max-Age", "86400");
			return;
		}
		response.setHeader("Access-Control-Expose-Headers", "Link, Location, Content-Type");
		boolean head = "HEAD".equals(method);
		if (!head && !"GET".equals(method)) {
			response.setHeader("Allow", ALLOW);
			problem(response, Format.of(request.getHeader("Accept")), 405, "Method Not Allowed",
					"The resolver answers GET, HEAD and OPTIONS", head);
			return;
		}
		String uri = request.getRequestURI();
		if (WELL_KNOWN.equals(uri) || (WELL_KNOWN + "/").equals(uri)) {
			send(response, 200, "application/json", this.resolverDescription, head);
			return;
		}
		boolean passportView = uri.startsWith(Documents.PASSPORT_PREFIX + "/");
		String path = passportView ? uri.substring(Documents.PASSPORT_PREFIX.length()) : uri;
		Format format = Format.of(request.getHeader("Accept"));
		ScanTarget target;
		try {
			target = this.resolver.parse(path);
		}
		catch (MalformedPathException ex) {
			problem(response, format, 400, "Bad Request", ex.getMessage(), head);
			return;
		}
		catch (NotFoundException ex) {
			notFound(response, format, ex, head);
			return;
		}
		String userAgent = request.getHeader("User-Agent");
		String query = request.getQueryString();
		String linkType = linkType(query);
		boolean bot = this.bots.isBot(userAgent);
		if (bot && format == Format.HTML && linkType == null) {
			response.setHeader("Cache-Control", "public, max-age=86400");
			response.setHeader("X-Robots-Tag", "noindex, nofollow");
			send(response, 200, HTML, Documents.ROBOT_PAGE, head);
			return;
		}
		boolean linksetAsked = format == Format.LINKSET || "linkset".equals(linkType) || "all".equals(linkType);
		// Only a person's GET of the scan URL itself activates a minted token.
		boolean activating = !passportView && !head && !bot && !linksetAsked;
		Resolution resolution;
		try {
			resolution = this.resolver.resolve(target, activating);
		}
		catch (NotFoundException ex) {
			notFound(response, format, ex, head);
			return;
		}
		response.setHeader("Vary", "Accept");
		if (passportView) {
			passport(response, resolution, format, head);
			return;
		}
		// Computed once: a GS1 target's path is encoded anew on every call.
		String canonicalPath = resolution.target().path();
		String relativePassport = Documents.PASSPORT_PREFIX + canonicalPath;
		response.setHeader("Link",
				"<" + canonicalPath + "?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\", <"
						+ relativePassport + ">; rel=\"https://gs1.org/voc/dpp\"");
		if (resolution.revoked()) {
			record(request, resolution, canonicalPath, userAgent, false, head || bot);
			response.setHeader("Cache-Control", "no-store");
			if (format == Format.HTML) {
				send(response, 410, HTML, Documents.revokedHtml(resolution), head);
			}
			else {
				send(response, 410, PROBLEM_JSON, Documents.revokedJson(resolution), head);
			}
			return;
		}
		if (linksetAsked) {
			send(response, 200, LINKSET_JSON, Documents.linkset(resolution, this.resolver.links(resolution)), head);
			return;
		}
		boolean firstScan = false;
		if (activating && resolution.status() == TokenStatus.MINTED) {
			firstScan = this.activator.activate(new TokenToActivate(resolution.tokenId(), resolution.batch().id(),
					resolution.brand().id(), resolution.identifier()));
			if (firstScan) {
				this.resolver.activated(resolution.tokenId());
			}
		}
		record(request, resolution, canonicalPath, userAgent, firstScan, head || bot);
		String location = null;
		if (linkType != null) {
			location = publishedLink(resolution, linkType);
		}
		if (location == null) {
			location = relativePassport;
		}
		if (query != null) {
			location = location + ((location.indexOf('?') < 0) ? '?' : '&') + query;
		}
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Location", location);
		response.setStatus(307);
		response.setContentLength(0);
	}

	private void passport(HttpServletResponse response, Resolution resolution, Format format, boolean head)
			throws IOException {
		List<PublishedLink> links = this.resolver.links(resolution);
		if (format == Format.LINKSET) {
			send(response, 200, LINKSET_JSON, Documents.linkset(resolution, links), head);
		}
		else if (format == Format.JSON) {
			send(response, resolution.revoked() ? 410 : 200, "application/json",
					Documents.passportJson(resolution, links), head);
		}
		else {
			send(response, resolution.revoked() ? 410 : 200, HTML, Documents.passportHtml(resolution, links), head);
		}
	}

	/**
	 * The target of a link the brand publishes under {@code linkType}, or {@code null}.
	 */
	private String publishedLink(Resolution resolution, String linkType) {
		for (PublishedLink link : this.resolver.links(resolution)) {
			if (link.linkType().equals(linkType)) {
				return link.href();
			}
		}
		return null;
	}

	private void record(HttpServletRequest request, Resolution resolution, String canonicalPath, String userAgent,
			boolean firstScan, boolean skip) {
		if (skip) {
			return;
		}
		this.telemetry.record(new ScanEvent(Instant.now(), resolution.tokenId(),
				(resolution.batch() != null) ? resolution.batch().id() : null, resolution.brand().id(), canonicalPath,
				this.telemetryRequests.networkPrefix(request), this.telemetryRequests.country(request),
				this.telemetryRequests.region(request), userAgent, firstScan));
	}

	/**
	 * The link type a query string asks for, without its {@code gs1:} or
	 * {@code https://gs1.org/voc/} prefix, or {@code null}.
	 */
	static String linkType(String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		int start = 0;
		while (start < query.length()) {
			int end = query.indexOf('&', start);
			if (end < 0) {
				end = query.length();
			}
			if (query.startsWith("linkType=", start)) {
				String value;
				try {
					value = URLDecoder.decode(query.substring(start + "linkType=".length(), end),
							StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
				for (String prefix : List.of("gs1:", Documents.GS1_VOC, "http://gs1.org/voc/")) {
					if (value.startsWith(prefix)) {
						return value.substring(prefix.length());
					}
				}
				return value;
			}
			start = end + 1;
		}
		return null;
	}

	private static void notFound(HttpServletResponse response, Format format, NotFoundException ex, boolean head)
			throws IOException {
		problem(response, format, 404, "Not Found", ex.getMessage(), head);
	}

	private static void problem(HttpServletResponse response, Format format, int status, String title, String detail,
			boolean head) throws IOException {
		response.setHeader("Cache-Control", "no-store");
		if (format == Format.HTML) {
			send(response, status, HTML, Documents.problemHtml(title, detail), head);
		}
		else {
			send(response, status, PROBLEM_JSON, Documents.problemJson(status, title, detail), head);
		}
	}

	private static void send(HttpServletResponse response, int status, String contentType, byte[] body, boolean head)
			throws IOException {
		response.setStatus(status);
		response.setContentType(contentType);
		response.setContentLength(body.length);
		if (!head) {
			response.getOutputStream().write(body);
		}
	}

}
