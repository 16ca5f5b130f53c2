package io.dppmint.console.epcis;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.core.epcis.EpcFormat;
import io.dppmint.core.epcis.EpcisCaptureTarget;
import io.dppmint.core.epcis.EpcisDocumentWriter;
import io.dppmint.core.epcis.EpcisEvent;
import io.dppmint.core.epcis.EpcisQuery;
import io.dppmint.core.epcis.EpcisQueryException;
import io.dppmint.core.epcis.JdbcEpcisEvents;
import io.dppmint.core.identifier.IdentifierScheme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The EPCIS 2.0 query interface (a subset of the REST bindings, {@code GET /events}) over
 * the caller's brand's events, at {@code /api/v1/epcis}: EPCIS 2.0 JSON-LD, streamed
 * event by event, paginated with {@code perPage} and a {@code Link: rel="next"} header
 * carrying {@code nextPageToken} (EPCIS 2.0 REST bindings, components {@code PerPage},
 * {@code NextPageToken}, {@code Link}). docs/epcis.md lists what is supported.
 */
@RestController
@RequestMapping("/api/v1/epcis")
@Tag(name = "EPCIS", description = "GS1 EPCIS 2.0 commissioning and decommissioning events of the brand's units")
class EpcisController {

	static final String EPCIS_VERSION = "2.0.0";

	private static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");

	private final JdbcEpcisEvents events;

	private final IdentifierScheme identifiers;

	private final EpcisCapture capture;

	EpcisController(JdbcEpcisEvents events, IdentifierScheme identifiers, EpcisCapture capture) {
		this.events = events;
		this.identifiers = identifiers;
		this.capture = capture;
	}

	@GetMapping(path = "/events", produces = { "application/json", "application/ld+json" })
	@Operation(summary = "EPCIS 2.0 events matching a SimpleEventQuery subset, one page at a time",
			description = "Filters: eventType, GE_/LT_eventTime, GE_/LT_recordTime, EQ_action, EQ_bizStep, EQ_disposition, "
					+ "EQ_readPoint, EQ_bizLocation, EQ_eventID, MATCH_epc, MATCH_epcClass; perPage (1-500, default 30) "
					+ "and nextPageToken. The next page's URL is in the Link header (rel=\"next\"); the last page has none.")
	void events(Caller caller, HttpServletRequest request, HttpServletResponse response,
			@RequestHeader(name = "GS1-EPC-Format", required = false) String epcFormat,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) throws IOException {
		EpcisQuery query = EpcisQuery.parse(parameters(request), this.identifiers);
		List<EpcisEvent> page = this.events.page(caller.scope(), query);
		boolean hasNext = page.size() > query.perPage();
		List<EpcisEvent> shown = hasNext ? page.subList(0, query.perPage()) : page;
		EpcFormat format = EpcFormat.ofHeader(epcFormat);
		epcisHeaders(response, format, accept);
		if (hasNext) {
			response.setHeader(HttpHeaders.LINK, "<" + nextPage(request, shown.getLast().id()) + ">; rel=\"next\"");
		}
		// Written straight onto the response, event by event: a page's EPCs are never
		// held.
		try (EpcisDocumentWriter writer = new EpcisDocumentWriter(response.getOutputStream(), this.identifiers,
				format)) {
			writer.startQueryDocument(Instant.now());
			shown.forEach(writer::write);
			writer.end();
		}
	}

	@GetMapping(path = "/events/{eventId}", produces = { "application/json", "application/ld+json" })
	@Operation(summary = "One EPCIS 2.0 event by its eventID (urn:uuid:...)")
	void event(Caller caller, @PathVariable String eventId, HttpServletResponse response,
			@RequestHeader(name = "GS1-EPC-Format", required = false) String epcFormat,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) throws IOException {
		UUID id = EpcisQuery.parse(Map.of("EQ_eventID", List.of(eventId)), this.identifiers).eventIds().getFirst();
		EpcisEvent event = this.events.find(caller.scope(), id)
			.orElseThrow(() -> ApiException.notFound("There is no EPCIS event " + eventId));
		EpcFormat format = EpcFormat.ofHeader(epcFormat);
		epcisHeaders(response, format, accept);
		EpcisDocumentWriter.writeStandalone(response.getOutputStream(), this.identifiers, format, event);
	}

	@GetMapping("/capture-target")
	@Operation(summary = "The brand's EPCIS repository and how far pushes to it have come")
	CaptureTargetView captureTarget(Caller caller, @RequestParam(required = false) Long brandId) {
		return CaptureTargetView.of(this.capture.find(caller, brandId));
	}

	@PutMapping("/capture-target")
	@Operation(summary = "Set the brand's EPCIS repository (its capture interface URL)",
			description = "Events are pushed in order from the brand's first; a new URL starts again from the first. "
					+ "The Authorization header sent, if any, comes from the environment (docs/epcis.md).")
	CaptureTargetView saveCaptureTarget(Caller caller, @RequestParam(required = false) Long brandId,
			@Valid @RequestBody CaptureTargetBody body) {
		return CaptureTargetView
			.of(this.capture.save(caller, brandId, body.captureUrl(), body.enabled() == null || body.enabled()));
	}

	@PostMapping("/capture-target/retry")
	@Operation(summary = "Push again now: after a refusal (failed) or during a retry wait")
	CaptureTargetView retryCaptureTarget(Caller caller, @RequestParam(required = false) Long brandId) {
		return CaptureTargetView.of(this.capture.retry(caller, brandId));
	}

	@GetMapping("/batches/{id}")
	@Operation(summary = "A batch's EPCIS events and whether its brand's repository has captured them")
	BatchEpcisView batch(Caller caller, @PathVariable long id) {
		EpcisCapture.BatchState state = this.capture.ofBatch(caller, id);
		return new BatchEpcisView(id, state.events().count(), state.push(),
				(state.target() != null) ? state.target().lastError() : null);
	}

	/**
	 * A capture target to set.
	 *
	 * @param captureUrl the repository's capture endpoint
	 * @param enabled whether to push (default true)
	 */
	record CaptureTargetBody(@NotBlank @Size(max = 2000) String captureUrl, Boolean enabled) {
	}

	/**
	 * A capture target.
	 *
	 * @param brandId the brand
	 * @param captureUrl the capture endpoint
	 * @param enabled whether events are pushed
	 * @param pushedThrough events of the brand up to this id are captured
	 * @param status idle, sending, retrying or failed
	 * @param attempts failed attempts since the last success
	 * @param nextAttemptAt when a retry is due
	 * @param lastError the last failure
	 * @param lastCaptureId the repository's id of the last capture
	 */
	record CaptureTargetView(long brandId, String captureUrl, boolean enabled, long pushedThrough, String status,
			int attempts, Instant nextAttemptAt, String lastError, String lastCaptureId) {

		static CaptureTargetView of(EpcisCaptureTarget target) {
			return new CaptureTargetView(target.brandId(), target.captureUrl(), target.enabled(),
					target.pushedThrough(), target.status(), target.attempts(), target.nextAttemptAt(),
					target.lastError(), target.lastCaptureId());
		}

	}

	/**
	 * A batch's EPCIS state.
	 *
	 * @param batchId the batch
	 * @param events its events (none without a GTIN, or before it is minted)
	 * @param push none, no_target, pending, captured, failed or disabled
	 * @param lastError the brand's target's last failure, or {@code null}
	 */
	record BatchEpcisView(long batchId, long events, String push, String lastError) {
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> queryRefused(EpcisQueryException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setType(java.net.URI.create("epcisException:" + ex.type()));
		problem.setTitle(ex.type());
		problem.setProperty("parameter", ex.parameter());
		return ResponseEntity.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header("GS1-EPCIS-Version", EPCIS_VERSION)
			.body(problem);
	}

	private static void epcisHeaders(HttpServletResponse response, EpcFormat format, String accept) {
		response.setStatus(HttpStatus.OK.value());
		response.setContentType((accept != null && accept.contains("application/ld+json")) ? JSON_LD.toString()
				: MediaType.APPLICATION_JSON_VALUE);
		response.setHeader("GS1-EPCIS-Version", EPCIS_VERSION);
		response.setHeader("GS1-CBV-Version", EPCIS_VERSION);
		response.setHeader("GS1-EPC-Format", format.headerValue());
	}

	private static Map<String, List<String>> parameters(HttpServletRequest request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
		return parameters;
	}

	/** This request's URL with every filter kept and the page token replaced. */
	private static String nextPage(HttpServletRequest request, long lastId) {
		StringBuilder url = new StringBuilder(request.getRequestURI()).append('?');
		request.getParameterMap().forEach((name, values) -> {
			if (!"nextPageToken".equals(name)) {
				for (String value : values) {
					url.append(encode(name)).append('=').append(encode(value)).append('&');
				}
			}
		});
		return url.append("nextPageToken=").append(EpcisQuery.nextPageToken(lastId)).toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
