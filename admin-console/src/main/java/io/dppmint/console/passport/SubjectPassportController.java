package io.dppmint.console.passport;

import java.util.List;

import io.dppmint.console.security.Caller;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.JdbcPassports.Subject;
import io.dppmint.core.passport.PassportVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Batch-level and item-level passport data through the API (docs/passports.md, "Batch and
 * item data"): a minted batch's data (production date, ...) and a unit's (a battery's
 * state of health, ...), written after minting as versions exactly like a product's:
 * validated against the brand's schema at the subject's level, {@code If-Match} for
 * optimistic concurrency, 422 with every field error, 412 when stale. Batches and units
 * are reached and changed through {@link SubjectPassports}, as the console's pages do.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Passports",
		description = "Passport schemas, passport data and its versions, operator and commodity identifiers")
class SubjectPassportController {

	private final JdbcPassports passports;

	private final SubjectPassports subjects;

	SubjectPassportController(JdbcPassports passports, SubjectPassports subjects) {
		this.passports = passports;
		this.subjects = subjects;
	}

	@GetMapping("/batches/{batchId}/passport")
	@Operation(summary = "A minted batch's batch-level passport data (ETag: its version)")
	ResponseEntity<SubjectPassport> batch(Caller caller, @PathVariable long batchId) {
		return current(Subject.BATCH, batchId(caller, batchId));
	}

	@PutMapping("/batches/{batchId}/passport")
	@Operation(summary = "Replace a minted batch's batch-level passport data: a new version")
	ResponseEntity<SubjectPassport> replaceBatch(Caller caller, @PathVariable long batchId,
			@RequestHeader(name = "If-Match", required = false) @Size(max = 20) String ifMatch,
			@RequestBody JsonNode data) {
		return submit(caller, Subject.BATCH, batchId(caller, batchId), ifMatch,
				JdbcPassports.Change.replace(PassportController.values(data)));
	}

	@PatchMapping(path = "/batches/{batchId}/passport", consumes = PassportController.MERGE_PATCH)
	@Operation(summary = "Change some of a minted batch's passport fields (RFC 7396 merge patch)")
	ResponseEntity<SubjectPassport> patchBatch(Caller caller, @PathVariable long batchId,
			@RequestHeader(name = "If-Match", required = false) @Size(max = 20) String ifMatch,
			@RequestBody JsonNode patch) {
		return submit(caller, Subject.BATCH, batchId(caller, batchId), ifMatch, PassportController.mergePatch(patch));
	}

	@GetMapping("/batches/{batchId}/passport/versions")
	@Operation(summary = "A batch's passport versions, newest first")
	List<PassportController.VersionSummary> batchVersions(Caller caller, @PathVariable long batchId,
			@RequestParam(required = false) @Min(1) Integer before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		return versions(Subject.BATCH, batchId(caller, batchId), before, limit);
	}

	@GetMapping("/tokens/{identifier}/passport")
	@Operation(summary = "A unit's item-level passport data (ETag: its version)")
	ResponseEntity<SubjectPassport> token(Caller caller, @PathVariable String identifier) {
		return current(Subject.TOKEN, tokenId(caller, identifier));
	}

	@PutMapping("/tokens/{identifier}/passport")
	@Operation(summary = "Replace a unit's item-level passport data: a new version")
	ResponseEntity<SubjectPassport> replaceToken(Caller caller, @PathVariable String identifier,
			@RequestHeader(name = "If-Match", required = false) @Size(max = 20) String ifMatch,
			@RequestBody JsonNode data) {
		return submit(caller, Subject.TOKEN, tokenId(caller, identifier), ifMatch,
				JdbcPassports.Change.replace(PassportController.values(data)));
	}

	@PatchMapping(path = "/tokens/{identifier}/passport", consumes = PassportController.MERGE_PATCH)
	@Operation(summary = "Change some of a unit's passport fields (RFC 7396 merge patch)")
	ResponseEntity<SubjectPassport> patchToken(Caller caller, @PathVariable String identifier,
			@RequestHeader(name = "If-Match", required = false) @Size(max = 20) String ifMatch,
			@RequestBody JsonNode patch) {
		return submit(caller, Subject.TOKEN, tokenId(caller, identifier), ifMatch,
				PassportController.mergePatch(patch));
	}

	@GetMapping("/tokens/{identifier}/passport/versions")
	@Operation(summary = "A unit's passport versions, newest first")
	List<PassportController.VersionSummary> tokenVersions(Caller caller, @PathVariable String identifier,
			@RequestParam(required = false) @Min(1) Integer before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		return versions(Subject.TOKEN, tokenId(caller, identifier), before, limit);
	}

	private ResponseEntity<SubjectPassport> current(Subject subject, long id) {
		JdbcPassports.Current current = this.passports.current(subject, id);
		return ResponseEntity.ok()
			.eTag("\"v" + current.version() + "\"")
			.body(new SubjectPassport(subject.code(), id, current.version(), current.data().toNode()));
	}

	private ResponseEntity<SubjectPassport> submit(Caller caller, Subject subject, long id, String ifMatch,
			JdbcPassports.Change change) {
		PassportVersion version = this.subjects.submit(caller, subject, id, change,
				PassportController.expectedVersion(ifMatch));
		return ResponseEntity.ok()
			.eTag("\"v" + version.version() + "\"")
			.body(new SubjectPassport(subject.code(), id, version.version(), version.data().toNode()));
	}

	private List<PassportController.VersionSummary> versions(Subject subject, long id, Integer before, int limit) {
		return this.passports.versions(subject, id, (before != null) ? before : Integer.MAX_VALUE, limit)
			.stream()
			.map(PassportController.VersionSummary::of)
			.toList();
	}

	private long batchId(Caller caller, long batchId) {
		return this.subjects.batch(caller, batchId).id();
	}

	private long tokenId(Caller caller, String identifier) {
		return this.subjects.unit(caller, identifier).id();
	}

	/**
	 * A batch's or unit's current passport data.
	 *
	 * @param subject batch or token
	 * @param id the batch or token id
	 * @param version the version of the data (0: none written)
	 * @param data field key to typed value
	 */
	record SubjectPassport(String subject, long id, int version, JsonNode data) {
	}

}
