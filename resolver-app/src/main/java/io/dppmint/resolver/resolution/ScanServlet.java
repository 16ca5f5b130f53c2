package io.dppmint.resolver.resolution;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.database.DatabaseUnavailable;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.JdbcPassportLineage;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.core.token.TokenToActivate;
import io.dppmint.resolver.activation.ActivationResult;
import io.dppmint.resolver.activation.FirstScanActivator;
import io.dppmint.resolver.bots.BotDetector;
import io.dppmint.resolver.bots.Visitor;
import io.dppmint.resolver.nfc.NfcTaps;
import io.dppmint.resolver.nfc.ShownVerdict;
import io.dppmint.resolver.nfc.SunParameters;
import io.dppmint.resolver.nfc.VerdictSigner;
import io.dppmint.resolver.telemetry.RobotScan;
import io.dppmint.resolver.resolution.ResolutionMeters.Outcome;
import io.dppmint.resolver.telemetry.ScanEvent;
import io.dppmint.resolver.telemetry.ScanTelemetry;
import io.dppmint.resolver.telemetry.TelemetryRequests;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The resolver's public HTTP interface, following the GS1 Digital Link URI syntax and the
 * GS1-Conformant Resolver standard 1.2 (docs/gs1-conformance.md lists each requirement
 * and its test):
 * <ul>
 * <li>{@code GET /01/{gtin}[/10/{lot}][/21/{serial}]} (also compressed, or a unit's
 * {@code urn:epc:id:sgtin:} URI) and {@code GET /t/{publicId}}: a scan. It answers
 * {@code 307} to the default link, the passport this resolver serves at
 * {@code /passport/...}, or to the requested link type ({@code ?linkType=gs1:pip}, chosen
 * among the brand's links of that type by {@code context}, {@code Accept-Language} and
 * {@code Accept}), passing the query string on, with a {@code Link} header to the
 * linkset; {@code 404} with the available link types when the requested type is not
 * published; the linkset ({@code 200}) when asked for with
 * {@code Accept: application/linkset+json} or {@code ?linkType=linkset} (or {@code all});
 * {@code 410} for a revoked token; {@code 404} for an identifier that names nothing
 * published; {@code 400} for a malformed path. An unknown unit, lot or variant of a
 * published product answers for its lot or product. The first scan of a {@code minted}
 * token by a person activates it.</li>
 * <li>{@code GET /passport/...}: the passport, HTML or JSON by content negotiation; with
 * a signed code's {@code ?8030=} (which the scan's redirect passes on) it says whether
 * the signature is the unit's own ({@code signature: valid|invalid}).</li>
 * <li>{@code GET /.well-known/jwks.json}: the brands' published signing keys, linked from
 * the resolver description as {@code jwks_uri}.</li>
 * <li>{@code HEAD} answers like {@code GET} without a body, {@code OPTIONS} with the
 * allowed methods and CORS headers; neither activates nor counts as a scan.</li>
 * <li>Robots ({@link BotDetector}) get the same answers as people, without activation or
 * telemetry, and are counted by class; a link-preview fetcher asking for a page gets a
 * static preview of it (Open Graph tags).</li>
 * <li>A unit of an NFC batch is scanned by a tap: its URL carries the tag's SUN message
 * ({@code picc_data}, {@code cmac}), which {@link NfcTaps} judges (a person's GET only),
 * and the redirect to the passport drops it and carries the signed verdict instead
 * ({@code nfc=}, {@link VerdictSigner}), which the passport shows. A first-scan NFC token
 * is activated by a genuine tap only, never by its URL without a SUN message.</li>
 * </ul>
 * A plain servlet rather than a Spring MVC handler: this is the hot path, and it needs
 * none of MVC's mapping, conversion or negotiation machinery.
 */
final class ScanServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	static final String WELL_KNOWN = "/.well-known/gs1resolver";

	/** What a brand code may be: anything else names no brand. */
	private static final Pattern BRAND_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final String ALLOW = "GET, HEAD, OPTIONS";

	/** How long a client is asked to wait when the resolver cannot answer for now. */
	private static final String RETRY_AFTER_SECONDS = "30";

	private static final String HTML = "text/html;charset=UTF-8";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String LINKSET_JSON = "application/linkset+json";

	private static final String CONTEXT_LINK = "<" + Documents.LINKSET_CONTEXT
			+ ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";

	private final transient Resolver resolver;

	private final transient FirstScanActivator activator;

	private final transient BotDetector bots;

	private final transient ScanTelemetry telemetry;

	private final transient TelemetryRequests telemetryRequests;

	private final transient Map<Visitor, Counter> robotScans;

	private final transient ResolutionMeters meters;

	private final transient NfcTaps nfcTaps;

	private final transient VerdictSigner verdicts;

	private final byte[] resolverDescription;

	private final transient Signatures signatures;

	private final transient PassportAccess access;

	ScanServlet(Resolver resolver, FirstScanActivator activator, BotDetector bots, ScanTelemetry telemetry,
			TelemetryRequests telemetryRequests, String publicBaseUrl, Map<Visitor, Counter> robotScans,
			ResolutionMeters meters, Signatures signatures, NfcTaps nfcTaps, VerdictSigner verdicts,
			PassportAccess access) {
		this.signatures = signatures;
		this.access = access;
		this.resolver = resolver;
		this.activator = activator;
		this.bots = bots;
		this.telemetry = telemetry;
		this.telemetryRequests = telemetryRequests;
		this.robotScans = new EnumMap<>(robotScans);
		this.meters = meters;
		this.nfcTaps = nfcTaps;
		this.verdicts = verdicts;
		this.resolverDescription = Documents.resolverDescription(publicBaseUrl);
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		try {
			serve(request, response);
		}
		catch (RuntimeException ex) {
			if (DatabaseUnavailable.test(ex) && !response.isCommitted()) {
				// Neither the replica nor the primary could be read: a clear, temporary
				// answer.
				response.resetBuffer();
				unavailable(response, Format.of(request.getHeader("Accept")),
						"The resolver cannot read its database right now", "HEAD".equals(request.getMethod()));
				return;
			}
			this.meters.answered(Outcome.ERROR);
			throw ex;
		}
	}

	private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader("Access-Control-Allow-Origin", "*");
		String method = request.getMethod();
		if ("OPTIONS".equals(method)) {
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			response.setHeader("Allow", ALLOW);
			response.setHeader("Access-Control-Allow-Methods", ALLOW);
			response.setHeader("Access-Control-Allow-Headers", "Accept, Accept-Language, Authorization, Content-Type");
			response.setHeader("Access-Control-Max-Age", "86400");
			return;
		}
		response.setHeader("Access-Control-Expose-Headers", "Link, Location, Content-Type");
		boolean head = "HEAD".equals(method);
		String accept = request.getHeader("Accept");
		if (!head && !"GET".equals(method)) {
			response.setHeader("Allow", ALLOW);
			problem(response, Format.of(accept), 405, "Method Not Allowed",
					"The resolver answers GET, HEAD and OPTIONS", head);
			this.meters.answered(Outcome.METHOD_NOT_ALLOWED);
			return;
		}
		String uri = request.getRequestURI();
		if (WELL_KNOWN.equals(uri) || (WELL_KNOWN + "/").equals(uri)) {
			send(response, 200, "application/json", this.resolverDescription, head);
			this.meters.answered(Outcome.DESCRIPTION);
			return;
		}
		if (Signatures.JWKS_PATH.equals(uri)) {
			response.setHeader("Cache-Control", "public, max-age=3600");
			send(response, 200, "application/jwk-set+json", this.signatures.jwks(), head);
			this.meters.answered(Outcome.DESCRIPTION);
			return;
		}
		if (uri.startsWith(JsonLd.VOCABULARY_PREFIX)) {
			vocabulary(response, uri.substring(JsonLd.VOCABULARY_PREFIX.length()), Format.of(accept), head);
			return;
		}
		boolean passportView = uri.startsWith(Documents.PASSPORT_PREFIX + "/");
		String path = passportView ? uri.substring(Documents.PASSPORT_PREFIX.length()) : uri;
		Format format = Format.of(accept);
		ScanTarget target;
		try {
			target = this.resolver.parse(path);
		}
		catch (MalformedPathException ex) {
			problem(response, format, 400, "Bad Request", ex.getMessage(), head);
			this.meters.answered(Outcome.MALFORMED);
			return;
		}
		catch (NotFoundException ex) {
			notFound(response, format, ex.getMessage(), null, head);
			this.meters.answered(Outcome.NOT_FOUND);
			return;
		}
		String query = request.getQueryString();
		String linkType = Negotiation.linkType(query);
		String userAgent = request.getHeader("User-Agent");
		Visitor visitor = passportView ? Visitor.PERSON : this.bots.classify(userAgent);
		if (visitor.robot()) {
			this.robotScans.get(visitor).increment();
		}
		boolean linksetAsked = format == Format.LINKSET || "linkset".equals(linkType) || "all".equals(linkType);
		// Only a person's GET of the scan URL itself activates a minted token.
		boolean activating = !passportView && !head && visitor == Visitor.PERSON && !linksetAsked;
		Resolution resolution;
		try {
			resolution = this.resolver.resolve(target, activating, !passportView);
		}
		catch (NotFoundException ex) {
			notFound(response, format, ex.getMessage(), null, head);
			this.meters.answered(Outcome.NOT_FOUND);
			return;
		}
		response.setHeader("Vary", "Accept, Accept-Language");
		if (passportView) {
			ShownVerdict verdict;
			try {
				verdict = shownVerdict(resolution, query);
			}
			catch (IllegalArgumentException ex) {
				problem(response, format, 400, "Bad Request", ex.getMessage(), head);
				this.meters.answered(Outcome.MALFORMED);
				return;
			}
			PassportAccess.Access access = this.access.check(request.getHeader("Authorization"),
					Negotiation.parameter(query, PassportAccess.LINK_PARAMETER), resolution.brand(),
					resolution.product());
			if (access.refused()) {
				response.setHeader("WWW-Authenticate", "Bearer error=\"" + access.error() + "\"");
				problem(response, format, access.status(), (access.status() == 401) ? "Unauthorized" : "Forbidden",
						access.message(), head);
				this.meters.answered(Outcome.MALFORMED);
				return;
			}
			passport(response, resolution, format, head, this.signatures.verdict(resolution, query), verdict, access);
			this.meters
				.answered((resolution.revoked() && format != Format.LINKSET) ? Outcome.REVOKED : Outcome.PASSPORT);
			return;
		}
		// Computed once: a GS1 target's path is encoded anew on every call.
		String requestedPath = resolution.requested().path();
		response.setHeader("Link", links(resolution, requestedPath, target));
		// What the scan statistics count: a GET of the scan URL that resolved, answered
		// with the passport's redirect, the revoked page or (robots) the preview page.
		// A robot is counted without any scan event.
		boolean counted = !head;
		if (resolution.revoked()) {
			record(request, resolution, requestedPath, userAgent, false, counted, visitor);
			response.setHeader("Cache-Control", "no-store");
			if (format == Format.HTML) {
				send(response, 410, HTML, Documents.revokedHtml(resolution), head);
			}
			else {
				send(response, 410, PROBLEM_JSON, Documents.revokedJson(resolution), head);
			}
			this.meters.answered(Outcome.REVOKED);
			return;
		}
		if (visitor == Visitor.PREVIEW && format == Format.HTML && linkType == null) {
			response.setHeader("Cache-Control", "public, max-age=3600");
			response.setHeader("X-Robots-Tag", "noindex");
			record(request, resolution, requestedPath, userAgent, false, counted, visitor);
			send(response, 200, HTML, Documents.previewHtml(resolution), head);
			this.meters.answered(Outcome.PREVIEW);
			return;
		}
		List<OfferedLink> offered = OfferedLink.of(resolution, this.resolver.links(resolution));
		if (linksetAsked) {
			linkset(response, resolution, offered, format, accept, head);
			this.meters.answered(Outcome.LINKSET);
			return;
		}
		String location;
		if (linkType == null) {
			location = Documents.PASSPORT_PREFIX + resolution.target().path();
		}
		else {
			List<OfferedLink> ofType = OfferedLink.ofType(offered, linkType);
			if (ofType.isEmpty()) {
				notFound(response, format, "No link of type " + linkType + " is published for this identifier",
						OfferedLink.types(offered), head);
				this.meters.answered(Outcome.NOT_FOUND);
				return;
			}
			Negotiation.Choice choice = Negotiation.choose(ofType, Negotiation.context(query),
					request.getHeader("Accept-Language"), accept);
			if (choice.ambiguous()) {
				response.setHeader("Cache-Control", "no-store");
				boolean html = format == Format.HTML && accept != null;
				send(response, 300, html ? HTML : LINKSET_JSON, Documents.choices(resolution, ofType, html), head);
				this.meters.answered(Outcome.CHOICES);
				return;
			}
			OfferedLink chosen = choice.link();
			location = chosen.passport() ? Documents.PASSPORT_PREFIX + resolution.target().path() : chosen.href();
			if (!chosen.passport()) {
				// An access link's token opens this brand's passport only: never hand it
				// to a third party's site.
				query = Negotiation.without(query, PassportAccess.LINK_PARAMETER);
			}
		}
		boolean firstScan = false;
		if (nfc(resolution)) {
			// A tag's SUN message is single-use: the passport gets the verdict instead.
			SunParameters sun = SunParameters.of(query);
			query = SunParameters.strip(query);
			if (activating && sun.present()) {
				Instant now = Instant.now();
				NfcTaps.TapResult tap = this.nfcTaps.tap(
						new NfcTaps.Tap(
								new TokenToActivate(resolution.tokenId(), resolution.batch().id(),
										resolution.brand().id(), resolution.identifier(), now),
								sun.piccData(), sun.cmac()),
						resolution.status() == TokenStatus.MINTED);
				if (tap.activated()) {
					firstScan = true;
					this.resolver.activated(resolution.tokenId());
					this.meters.activated();
				}
				String verdict = SunParameters.VERDICT_PARAMETER + "="
						+ this.verdicts.sign(resolution.tokenId(), tap.verdict(), now);
				query = (query != null) ? query + "&" + verdict : verdict;
			}
		}
		else if (activating && resolution.status() == TokenStatus.MINTED) {
			ActivationResult activation = this.activator.activate(new TokenToActivate(resolution.tokenId(),
					resolution.batch().id(), resolution.brand().id(), resolution.identifier(), Instant.now()));
			if (activation == ActivationResult.REFUSED) {
				// The activation cannot even be queued: say so, rather than show a
				// passport
				// whose first scan left no trace.
				unavailable(response, format, "This product's passport is activated by its first scan, and activations"
						+ " cannot be recorded right now: scan it again in a minute", false);
				return;
			}
			firstScan = activation == ActivationResult.ACTIVATED;
			if (firstScan) {
				this.resolver.activated(resolution.tokenId());
				this.meters.activated();
			}
		}
		record(request, resolution, requestedPath, userAgent, firstScan, counted, visitor);
		if (query != null) {
			location = location + ((location.indexOf('?') < 0) ? '?' : '&') + query;
		}
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Location", location);
		response.setStatus(307);
		response.setContentLength(0);
		this.meters.answered(Outcome.REDIRECT);
	}

	/**
	 * A brand's passport vocabulary (JSON-LD), the document its passport fields' terms
	 * dereference to.
	 */
	private void vocabulary(HttpServletResponse response, String code, Format format, boolean head) throws IOException {
		Optional<Brand> brand = BRAND_CODE.matcher(code).matches() ? this.resolver.brand(code) : Optional.empty();
		if (brand.isEmpty()) {
			notFound(response, format, "No brand publishes a passport vocabulary under this code", null, head);
			this.meters.answered(Outcome.NOT_FOUND);
			return;
		}
		response.setHeader("Cache-Control", "public, max-age=300");
		send(response, 200, JsonLd.MEDIA_TYPE,
				JsonLd.vocabulary(brand.get(), brand.get().name() + " passport vocabulary"), head);
		this.meters.answered(Outcome.DESCRIPTION);
	}

	/**
	 * The {@code Link} header of a scan's answer: its linkset and, for a compressed or
	 * EPC request, the uncompressed Digital Link it is the same as.
	 */
	private static String links(Resolution resolution, String requestedPath, ScanTarget target) {
		String linkset = "<" + requestedPath + "?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\"";
		if (target instanceof ScanTarget.Gs1 gs1 && gs1.form() != ScanTarget.Form.URI) {
			return linkset + ", <" + resolution.brand().resolverBaseUrl() + requestedPath + ">; rel=\"owl:sameAs\"";
		}
		return linkset;
	}

	private void linkset(HttpServletResponse response, Resolution resolution, List<OfferedLink> offered, Format format,
			String accept, boolean head) throws IOException {
		response.setHeader("Cache-Control", "no-store");
		if (format == Format.HTML && accept != null && accept.regionMatches(true, 0, "text/html", 0, 9)) {
			send(response, 200, HTML, Documents.linksetHtml(resolution, offered), head);
			return;
		}
		response.addHeader("Link", CONTEXT_LINK);
		send(response, 200, (format == Format.JSON) ? "application/json" : LINKSET_JSON,
				Documents.linkset(resolution, offered, this.resolver.lineage(resolution)), head);
	}

	/** Whether a resolution is a unit carried on an NFC tag. */
	private static boolean nfc(Resolution resolution) {
		return resolution.tokenId() != null && resolution.batch() != null
				&& resolution.batch().carrier() == Carrier.NFC;
	}

	/**
	 * The tap verdict a passport view carries, if any and not expired.
	 * @throws IllegalArgumentException if it carries one that is not signed for it
	 */
	private ShownVerdict shownVerdict(Resolution resolution, String query) {
		String value = SunParameters.verdictParameter(query);
		if (value == null) {
			return null;
		}
		if (!nfc(resolution)) {
			throw new IllegalArgumentException("Only the passport of an NFC-tagged unit shows a tap verdict");
		}
		return this.verdicts.read(resolution.tokenId(), value, Instant.now()).orElse(null);
	}

	private void passport(HttpServletResponse response, Resolution resolution, Format format, boolean head,
			String signature, ShownVerdict verdict, PassportAccess.Access access) throws IOException {
		List<PublishedLink> links = this.resolver.links(resolution);
		List<JdbcPassportLineage.Link> lineage = this.resolver.lineage(resolution);
		response.setHeader("DPP-Access-Level", access.level().code());
		if (access.grant() != null) {
			// A restricted answer is for its holder only, and is recorded before it is
			// given.
			response.setHeader("Cache-Control", "private, no-store");
			response.setHeader("Vary", "Accept, Accept-Language, Authorization");
			response.setHeader("Referrer-Policy", "no-referrer");
			if (format != Format.LINKSET && !resolution.revoked()) {
				try {
					this.access.record(access.grant(), resolution, switch (format) {
						case JSON -> "json";
						case JSON_LD -> "jsonld";
						default -> "html";
					});
				}
				catch (RuntimeException ex) {
					response.setHeader("Retry-After", "5");
					problem(response, format, 503, "Service Unavailable",
							"Restricted passport views are recorded before they are shown, and the record could not be"
									+ " written now: try again shortly",
							head);
					return;
				}
			}
		}
		if (format == Format.LINKSET) {
			response.addHeader("Link", CONTEXT_LINK);
			send(response, 200, LINKSET_JSON, Documents.linkset(resolution, OfferedLink.of(resolution, links), lineage),
					head);
		}
		else {
			// Only the passport itself shows batch and item data, not its linkset.
			PassportValues data = this.resolver.passportData(resolution);
			// Customs check a registered batch's identifier (ESPR Art. 13(5)):
			// authorities
			// see it.
			String registration = access.level().sees(AccessLevel.AUTHORITY) ? this.resolver.registration(resolution)
					: null;
			if (format == Format.JSON) {
				send(response, resolution.revoked() ? 410 : 200, "application/json", Documents.passportJson(resolution,
						links, signature, verdict, access.level(), lineage, data, registration), head);
			}
			else if (format == Format.JSON_LD) {
				send(response, resolution.revoked() ? 410 : 200, JsonLd.MEDIA_TYPE, Documents.passportJsonLd(resolution,
						links, signature, verdict, access.level(), lineage, data, registration), head);
			}
			else {
				send(response, resolution.revoked() ? 410 : 200, HTML, Documents.passportHtml(resolution, links,
						signature, verdict, access.grant(), lineage, data, registration), head);
			}
		}
	}

	private void record(HttpServletRequest request, Resolution resolution, String requestedPath, String userAgent,
			boolean firstScan, boolean counted, Visitor visitor) {
		if (!counted) {
			return;
		}
		Long productId = (resolution.product() != null) ? resolution.product().id() : null;
		if (visitor.robot()) {
			// A visitor left unclassified in a flood of new user agents is neither a
			// known
			// robot nor a known person: it counts in neither, and costs nothing more
			// here.
			if (visitor != Visitor.UNCLASSIFIED) {
				this.telemetry.recordRobot(new RobotScan(Instant.now(), resolution.brand().id(), productId,
						this.telemetryRequests.country(request)));
			}
			return;
		}
		this.telemetry.record(new ScanEvent(Instant.now(), resolution.tokenId(),
				(resolution.batch() != null) ? resolution.batch().id() : null, resolution.brand().id(), requestedPath,
				this.telemetryRequests.networkPrefix(request), this.telemetryRequests.country(request),
				this.telemetryRequests.region(request), userAgent, firstScan, productId));
	}

	/** {@code 503} with {@code Retry-After}: the resolver cannot answer this for now. */
	private void unavailable(HttpServletResponse response, Format format, String detail, boolean head)
			throws IOException {
		response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
		problem(response, format, 503, "Service Unavailable", detail, head);
		this.meters.answered(Outcome.UNAVAILABLE);
	}

	private static void notFound(HttpServletResponse response, Format format, String detail,
			Collection<String> linkTypes, boolean head) throws IOException {
		response.setHeader("Cache-Control", "no-store");
		if (format == Format.HTML) {
			send(response, 404, HTML, Documents.problemHtml("Not Found", detail, linkTypes), head);
		}
		else {
			send(response, 404, PROBLEM_JSON, Documents.problemJson(404, "Not Found", detail, linkTypes), head);
		}
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
