package io.dppmint.console.registry;

import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;

import io.dppmint.console.security.Caller;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.registry.RegistryRegistration;
import io.dppmint.core.registry.RegistrySubmission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minted batch's registration in the EU DPP registry through the API
 * (docs/registry.md): its state and submission, its registry file (streamed), and the
 * operator's records of what happened: submitted, registered with the registration
 * identifier the registry returned, or rejected. Values are refused with 400, changes the
 * batch's state does not allow with 409; neither writes anything.
 */
@RestController
@RequestMapping("/api/v1/batches/{batchId}/registry")
@Tag(name = "Registry", description = "Registry file and registration state of minted batches (ESPR Art. 13)")
class RegistryController {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final BatchRegistry registry;

	RegistryController(BatchRegistry registry) {
		this.registry = registry;
	}

	@GetMapping
	@Operation(summary = "A minted batch's registration state and its submission.json",
			description = "submissionSha256 is the SHA-256 of the submission.json the file holds now; "
					+ "registration.submissionSha256 the one recorded when the batch was marked submitted.")
	RegistryView registry(Caller caller, @PathVariable long batchId) {
		MintBatch batch = this.registry.batch(caller, batchId);
		RegistrySubmission.Payload payload = this.registry.payload(batch);
		return new RegistryView(RegistrationView.of(this.registry.registration(batch)), payload.sha256Hex(),
				json.readTree(payload.json()));
	}

	// No "produces": a client asking for JSON still gets its 404 or 409 as a problem.
	@GetMapping("/file")
	@Operation(summary = "A minted batch's registry file: a ZIP of identifiers.ndjson.gz and submission.json",
			description = "Streamed: identifiers.ndjson.gz (one JSON line per unit, or per lot in lot mode) "
					+ "first, then submission.json with their count and SHA-256.")
	@ApiResponse(responseCode = "200", description = "The registry file (Content-Disposition: attachment)",
			content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
	void file(Caller caller, @PathVariable long batchId, HttpServletResponse response) throws IOException {
		MintBatch batch = this.registry.batch(caller, batchId);
		this.registry.requireFile(batch);
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(fileName(batch)).build().toString());
		this.registry.writeFile(batch, response.getOutputStream());
	}

	@PostMapping("/submission")
	@Operation(summary = "Record that the batch's registry file was uploaded to the registry",
			description = "Records the SHA-256 of the batch's submission.json; 409 if the batch is registered.")
	RegistrationView submit(Caller caller, @PathVariable long batchId) {
		return RegistrationView.of(this.registry.submit(caller, this.registry.batch(caller, batchId)));
	}

	@PutMapping("/registration")
	@Operation(summary = "Record the registration identifier the registry returned",
			description = "1 to 200 characters without control characters. The same identifier again changes "
					+ "nothing; another one is a 409 until a rejection is recorded.")
	RegistrationView register(Caller caller, @PathVariable long batchId, @RequestBody RegistrationBody body) {
		return RegistrationView
			.of(this.registry.register(caller, this.registry.batch(caller, batchId), body.registrationIdentifier()));
	}

	@PostMapping("/rejection")
	@Operation(summary = "Record that the registry refused the submission or withdrew the registration",
			description = "A reason of 1 to 1000 characters; clears the registration identifier.")
	RegistrationView reject(Caller caller, @PathVariable long batchId, @RequestBody RejectionBody body) {
		return RegistrationView.of(this.registry.reject(caller, this.registry.batch(caller, batchId), body.reason()));
	}

	/** The registry file's name: {@code registry-batch-<id>.zip}. */
	static String fileName(MintBatch batch) {
		return "registry-batch-" + batch.id() + ".zip";
	}

	/**
	 * A batch's registration and its submission now.
	 *
	 * @param registration the recorded state
	 * @param submissionSha256 the SHA-256 of the submission.json the file holds now
	 * @param submission that submission.json
	 */
	record RegistryView(RegistrationView registration, String submissionSha256, JsonNode submission) {
	}

	/**
	 * A batch's registration state.
	 *
	 * @param batchId the batch
	 * @param state not_submitted, submitted, registered or rejected
	 * @param registrationIdentifier the registry's identifier, when registered
	 * @param rejectionReason why the registry refused it, when rejected
	 * @param submissionSha256 the SHA-256 of the submission.json recorded as submitted
	 * @param recordedBy who recorded the state
	 * @param updatedAt when
	 */
	record RegistrationView(long batchId, String state, String registrationIdentifier, String rejectionReason,
			String submissionSha256, String recordedBy, Instant updatedAt) {

		static RegistrationView of(RegistryRegistration registration) {
			return new RegistrationView(registration.batchId(), registration.state().value(),
					registration.registrationIdentifier(), registration.rejectionReason(),
					(registration.submissionSha256() != null)
							? HexFormat.of().formatHex(registration.submissionSha256()) : null,
					registration.recordedBy(), registration.updatedAt());
		}

	}

	/**
	 * @param registrationIdentifier what the registry returned
	 */
	record RegistrationBody(String registrationIdentifier) {
	}

	/**
	 * @param reason why the registry refused the submission
	 */
	record RejectionBody(String reason) {
	}

}
