package io.dppmint.console.passport;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.security.Caller;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.passport.JdbcPassportLineage;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.passport.PassportVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Typed passports through the API (docs/passports.md): a brand's passport schema
 * (published as a new version), a product's passport data (written as a new immutable
 * version, PUT for the whole data or PATCH with an RFC 7396 merge patch, optimistic
 * concurrency with {@code If-Match: "v3"}), its history, and the product's and brand's
 * identifiers (commodity code, operator GLN). Refused data is 422 with every field error
 * and writes nothing; a stale {@code If-Match} is 412 (both answered by
 * {@code ApiExceptionHandler}). Changes go through {@link ProductPassports}, as the
 * console's passport pages do.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Passports",
		description = "Passport schemas, passport data and its versions, operator and commodity identifiers")
class PassportController {

	static final String MERGE_PATCH = "application/merge-patch+json";

	private final JdbcPassports passports;

	private final ProductPassports productPassports;

	PassportController(JdbcPassports passports, ProductPassports productPassports) {
		this.passports = passports;
		this.productPassports = productPassports;
	}

	@GetMapping("/brands/{brandId}/passport-schema")
	@Operation(summary = "The brand's current passport schema")
	SchemaView schema(Caller caller, @PathVariable long brandId) {
		return SchemaView.of(brandId, brand(caller, brandId).passportSchema());
	}

	@PutMapping("/brands/{brandId}/passport-schema")
	@Operation(summary = "Publish a passport schema as the brand's next version",
			description = "422 with every error when the definition is refused. Products whose data the new "
					+ "schema refuses keep it and are not ready to mint until corrected (rule FIELD_INVALID).")
	SchemaView publishSchema(Caller caller, @PathVariable long brandId, @RequestBody JsonNode definition) {
		return SchemaView.of(brandId, this.productPassports.publishSchema(caller, brandId, definition, null));
	}

	@GetMapping("/products/{productId}/passport")
	@Operation(summary = "A product's current passport data (ETag: its version)")
	ResponseEntity<PassportView> passport(Caller caller, @PathVariable long productId) {
		Product product = product(caller, productId);
		return view(product.id(), product.passportVersion(), product.passport());
	}

	@PutMapping("/products/{productId}/passport")
	@Operation(summary = "Replace a product's passport data: a new version",
			description = "If-Match: \"vN\" makes the write conditional (412 when the passport moved on). "
					+ "Unchanged data writes no version.")
	ResponseEntity<PassportView> replace(Caller caller, @PathVariable long productId,
			@RequestHeader(name = "If-Match", required = false) @Size(max = 20) String ifMatch,
			@RequestBody JsonNode data) {
		product(caller, productId);
		return submit(caller, productId, ifMatch, JdbcPassports.Change.replace(values(data)));
	}

	@PatchMapping(path = "/products/{productId}/passport", consumes = MERGE_PATCH)
	@Operation(summary = "Change some of a product's passport fields (RFC 7396 merge patch): a new version",
			description = "A member set to null removes the field; lists are replaced whole.")
	ResponseEntity<PassportView> patch(Caller caller, @PathVariable long productId,
			@RequestHeader(name = "If-Match", required = false) @Size(max = 20) String ifMatch,
			@RequestBody JsonNode patch) {
		product(caller, productId);
		return submit(caller, productId, ifMatch, mergePatch(patch));
	}

	@GetMapping("/products/{productId}/passport/versions")
	@Operation(summary = "A product's passport versions, newest first: who, when, what changed")
	List<VersionSummary> versions(Caller caller, @PathVariable long productId,
			@RequestParam(required = false) @Min(1) Integer before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		product(caller, productId);
		return this.passports.versions(productId, (before != null) ? before : Integer.MAX_VALUE, limit)
			.stream()
			.map(VersionSummary::of)
			.toList();
	}

	@GetMapping("/products/{productId}/passport/versions/{version}")
	@Operation(summary = "One passport version with its data")
	VersionDetail version(Caller caller, @PathVariable long productId, @PathVariable int version) {
		product(caller, productId);
		return this.passports.version(productId, version)
			.map(VersionDetail::of)
			.orElseThrow(() -> ApiException.notFound("Product " + productId + " has no passport version " + version));
	}

	@PutMapping("/products/{productId}/commodity-code")
	@Operation(summary = "Set (or clear, with null) a product's CN or TARIC commodity code")
	CommodityCodeView commodityCode(Caller caller, @PathVariable long productId, @RequestBody CommodityCodeView body) {
		Product updated = this.productPassports.setCommodityCode(caller, productId, body.commodityCode());
		return new CommodityCodeView(updated.commodityCode());
	}

	@PostMapping("/products/{productId}/predecessors")
	@Operation(summary = "Declare the passport a remanufactured or repurposed product comes from (ESPR Art. 11(d))",
			description = "relation is remanufactured_from or repurposed_from; the predecessor is a product here "
					+ "(predecessorProductId, any brand, with a GTIN) or a passport elsewhere (predecessorUri, https). "
					+ "Both passports then link to each other.")
	ResponseEntity<List<JdbcPassportLineage.Link>> declarePredecessor(Caller caller, @PathVariable long productId,
			@RequestBody PredecessorView body) {
		try {
			this.productPassports.declarePredecessor(caller, productId, body.relation(), body.predecessorProductId(),
					body.predecessorUri());
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", ex.getMessage(),
					List.of(new FieldError(null, "INVALID_PREDECESSOR", ex.getMessage())));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(this.productPassports.lineage(caller, productId));
	}

	@GetMapping("/products/{productId}/lineage")
	@Operation(summary = "The passports a product comes from and those that come from it")
	List<JdbcPassportLineage.Link> lineage(Caller caller, @PathVariable long productId) {
		return this.productPassports.lineage(caller, productId);
	}

	@PutMapping("/brands/{brandId}/operator")
	@Operation(summary = "Set (or clear, with null) the brand's operator identifier, a GS1 GLN")
	OperatorView operator(Caller caller, @PathVariable long brandId, @RequestBody OperatorView body) {
		Brand updated = this.productPassports.setOperatorGln(caller, brandId, body.operatorGln());
		return new OperatorView(updated.operatorGln());
	}

	private ResponseEntity<PassportView> submit(Caller caller, long productId, String ifMatch,
			JdbcPassports.Change change) {
		PassportVersion version = this.productPassports.submit(caller, productId, change, expectedVersion(ifMatch));
		return view(productId, version.version(), version.data());
	}

	private static ResponseEntity<PassportView> view(long productId, int version, PassportValues data) {
		return ResponseEntity.ok()
			.eTag("\"v" + version + "\"")
			.body(new PassportView(productId, version, data.toNode()));
	}

	static Integer expectedVersion(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return null;
		}
		String tag = ifMatch.strip();
		if (tag.matches("\"v[0-9]{1,9}\"")) {
			return Integer.parseInt(tag.substring(2, tag.length() - 1));
		}
		throw ApiException.invalid("If-Match", "INVALID_ETAG",
				"If-Match takes the ETag of a passport read, such as \"v3\", not " + tag);
	}

	/** A request body of passport data (PUT): a JSON object, or 400. */
	static PassportValues values(JsonNode data) {
		if (data == null || !data.isObject()) {
			throw ApiException.invalid(null, "WRONG_TYPE", "Passport data is a JSON object of field values");
		}
		return PassportValues.of(data);
	}

	/** A request body of an RFC 7396 merge patch (PATCH): a JSON object, or 400. */
	static JdbcPassports.Change mergePatch(JsonNode patch) {
		if (patch == null || !patch.isObject()) {
			throw ApiException.invalid(null, "WRONG_TYPE", "A merge patch of passport data is a JSON object");
		}
		return JdbcPassports.Change.mergePatch(patch);
	}

	private Brand brand(Caller caller, long brandId) {
		return this.productPassports.brand(caller, brandId);
	}

	private Product product(Caller caller, long productId) {
		return this.productPassports.product(caller, productId);
	}

	/**
	 * A brand's passport schema.
	 *
	 * @param brandId the brand
	 * @param version the schema version
	 * @param definition the schema's JSON definition (docs/passports.md)
	 */
	record SchemaView(long brandId, int version, JsonNode definition) {

		static SchemaView of(long brandId, PassportSchema schema) {
			return new SchemaView(brandId, schema.version(), schema.toJson());
		}

	}

	/**
	 * A product's current passport data.
	 *
	 * @param productId the product
	 * @param version the version of the data (0: written before versions, or none)
	 * @param data field key to typed value
	 */
	record PassportView(long productId, int version, JsonNode data) {
	}

	/**
	 * One version, without its data.
	 *
	 * @param version its number
	 * @param schemaVersion the schema version it was validated against
	 * @param changes the fields that changed and how (added, changed, removed)
	 * @param sha256 the SHA-256 of its canonical JSON, hex
	 * @param previousSha256 the previous version's, or {@code null}
	 * @param actor who wrote it
	 * @param createdAt when
	 */
	record VersionSummary(int version, int schemaVersion, List<PassportValues.Change> changes, String sha256,
			String previousSha256, String actor, Instant createdAt) {

		static VersionSummary of(PassportVersion version) {
			return new VersionSummary(version.version(), version.schemaVersion(), version.changes(),
					hex(version.sha256()), hex(version.previousSha256()), version.actor(), version.createdAt());
		}

	}

	/**
	 * One version with its data.
	 *
	 * @param summary what {@code versions} lists
	 * @param data the data of that version
	 */
	record VersionDetail(VersionSummary summary, JsonNode data) {

		static VersionDetail of(PassportVersion version) {
			return new VersionDetail(VersionSummary.of(version), version.data().toNode());
		}

	}

	/**
	 * A product's commodity code.
	 *
	 * @param commodityCode CN (8 digits) or TARIC (10 digits); spaces and dots are
	 * dropped; {@code null} clears it
	 */
	record CommodityCodeView(@Size(max = 20) String commodityCode) {
	}

	/**
	 * A predecessor to declare.
	 *
	 * @param relation remanufactured_from or repurposed_from
	 * @param predecessorProductId the original, a product on this platform, or
	 * {@code null}
	 * @param predecessorUri the original's passport URI elsewhere (https), or
	 * {@code null}
	 */
	record PredecessorView(@Size(max = 30) String relation, Long predecessorProductId,
			@Size(max = 2000) String predecessorUri) {
	}

	/**
	 * A brand's operator identifier.
	 *
	 * @param operatorGln a GLN (13 digits, check digit verified); {@code null} clears it
	 */
	record OperatorView(@Size(max = 20) String operatorGln) {
	}

	private static String hex(byte[] bytes) {
		return (bytes != null) ? HexFormat.of().formatHex(bytes) : null;
	}

}
