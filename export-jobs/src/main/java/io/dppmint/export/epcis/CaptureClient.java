package io.dppmint.export.epcis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of an EPCIS 2.0 repository's capture interface (EPCIS 2.0 REST bindings,
 * {@code openapi.yaml}): {@code OPTIONS /capture} for its limits
 * ({@code GS1-EPCIS-Capture-Limit}, {@code GS1-EPCIS-Capture-File-Size-Limit}),
 * {@code POST /capture} of an {@code EPCISDocument} with
 * {@code GS1-Capture-Error-Behaviour: rollback} (all or nothing), answered {@code 202}
 * with the capture job's {@code Location}, and {@code GET} of that job until it is no
 * longer {@code running}, when {@code success} tells the outcome. A repository that
 * captures synchronously ({@code 200}, {@code 201}, {@code 204}) is taken at its word.
 */
class CaptureClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	private final EpcisCaptureProperties properties;

	CaptureClient(HttpClient http, EpcisCaptureProperties properties) {
		this.http = http;
		this.properties = properties;
	}

	/** What a capture attempt came to. */
	sealed interface Outcome {

		/** Captured, all of it. */
		record Captured(String captureId) implements Outcome {
		}

		/** Refused for what the document holds: sending it again changes nothing. */
		record Refused(String reason) implements Outcome {
		}

		/** Too large for the repository ({@code 413}): send less. */
		record TooLarge() implements Outcome {
		}

		/**
		 * Failed for now (unreachable, busy, failing, still running): send it again
		 * later.
		 */
		record Transient(String reason) implements Outcome {
		}

	}

	/**
	 * The repository's capture limits.
	 *
	 * @param events most events per document
	 * @param bytes largest document
	 * @param answered whether the repository answered {@code OPTIONS} (otherwise these
	 * are this process's own limits)
	 */
	record Limits(int events, long bytes, boolean answered) {
	}

	/** The limits the repository advertises, within this process's own. */
	Limits limits(String captureUrl, String authorization) {
		int events = this.properties.eventLimit();
		long bytes = this.properties.byteLimit();
		boolean answered = false;
		try {
			HttpResponse<Void> response = this.http.send(
					request(captureUrl, authorization).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 == 2) {
				answered = true;
				events = header(response, "GS1-EPCIS-Capture-Limit").map(Long::parseLong)
					.map((limit) -> (int) Math.min(limit, this.properties.eventLimit()))
					.orElse(events);
				bytes = header(response, "GS1-EPCIS-Capture-File-Size-Limit").map(Long::parseLong)
					.map((limit) -> Math.min(limit, this.properties.byteLimit()))
					.orElse(bytes);
			}
		}
		catch (IOException | NumberFormatException ex) {
			// No usable limits: this process's own apply, and POST says the rest.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new Limits(Math.max(1, events), Math.max(1024, bytes), answered);
	}

	/** Capture one document. */
	Outcome capture(String captureUrl, String authorization, byte[] document) {
		try {
			HttpResponse<String> response = this.http
				.send(request(captureUrl, authorization).header("Content-Type", "application/ld+json")
					.header("GS1-Capture-Error-Behaviour", "rollback")
					.POST(HttpRequest.BodyPublishers.ofByteArray(document))
					.build(), HttpResponse.BodyHandlers.ofString());
			int status = response.statusCode();
			if (status == 202) {
				Optional<String> location = header(response, "Location");
				if (location.isEmpty()) {
					return new Outcome.Transient("202 without a Location to follow the capture job");
				}
				return follow(URI.create(captureUrl).resolve(location.get()), authorization);
			}
			if (status == 200 || status == 201 || status == 204) {
				return new Outcome.Captured(header(response, "Location").orElse(null));
			}
			if (status == 413) {
				return new Outcome.TooLarge();
			}
			if (status == 408 || status == 429 || status >= 500) {
				return new Outcome.Transient(status + " " + brief(response.body()));
			}
			return new Outcome.Refused(status + " " + brief(response.body()));
		}
		catch (IOException ex) {
			// The JDK client's ConnectException has no message: its type says it all.
			return new Outcome.Transient(ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : " (" + captureUrl + ")"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome.Transient("interrupted");
		}
	}

	/** Ask for a capture job until it has finished. */
	private Outcome follow(URI job, String authorization) throws IOException, InterruptedException {
		Instant giveUp = Instant.now().plus(this.properties.statusTimeout());
		while (true) {
			HttpResponse<String> response = this.http.send(request(job.toString(), authorization).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200) {
				JsonNode status;
				try {
					status = json.readTree(response.body());
				}
				catch (JacksonException ex) {
					return new Outcome.Transient("capture job " + job + " answered no JSON");
				}
				if (!status.path("running").asBoolean(true)) {
					String captureId = status.path("captureID").asString(job.toString());
					return status.path("success").asBoolean(false) ? new Outcome.Captured(captureId)
							: new Outcome.Refused(
									"capture job " + captureId + " failed: " + brief(status.path("errors").toString()));
				}
			}
			else if (response.statusCode() != 404 && response.statusCode() < 500) {
				return new Outcome.Transient("capture job " + job + " answered " + response.statusCode());
			}
			if (Instant.now().isAfter(giveUp)) {
				return new Outcome.Transient("capture job " + job + " still running after "
						+ this.properties.statusTimeout().toSeconds() + " s");
			}
			Thread.sleep(this.properties.statusPollEvery());
		}
	}

	private HttpRequest.Builder request(String url, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.properties.requestTimeout())
			.header("GS1-EPCIS-Version", "2.0.0")
			.header("GS1-CBV-Version", "2.0.0")
			.header("Accept", "application/json, application/problem+json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request;
	}

	private static Optional<String> header(HttpResponse<?> response, String name) {
		return response.headers().firstValue(name).map(String::strip);
	}

	private static String brief(String body) {
		String text = (body != null) ? body.strip() : "";
		return (text.length() > 500) ? text.substring(0, 500) + "..." : text;
	}

}
