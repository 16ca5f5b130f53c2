package io.dppmint.console.keys;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.security.Caller;
import io.dppmint.console.security.CallerBrands;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.digsig.BrandKeys.BrandKey;
import io.dppmint.core.secrets.PlatformSecrets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A brand's code-signing keys (GS1 AI 8030, docs/signatures.md): their public facts
 * (never key material), rotation and revocation, all through {@link BrandKeys}. Each
 * change is audited in its own transaction; a refused one writes nothing. Rotation
 * creates a key, which needs the signing KEK ({@code DPP_SECRETS_SIGNING_KEK}): a console
 * without it answers 503 before anything is written. Revocation needs no key material and
 * works without it. Another brand's keys are answered like a brand that does not exist.
 */
@RestController
@RequestMapping("/api/v1/brands/{brandId}/signing-keys")
@Tag(name = "Signing keys", description = "The brand's GS1 AI 8030 code-signing keys: list, rotation, revocation")
class SigningKeyController {

	/** The longest pre-publication a rotation may ask for. */
	static final Duration MAX_PREPUBLICATION = Duration.ofDays(30);

	private final BrandKeys keys;

	private final PlatformSecrets secrets;

	private final JdbcBrandRepository brands;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	SigningKeyController(BrandKeys keys, PlatformSecrets secrets, JdbcBrandRepository brands, AuditLog auditLog,
			TransactionTemplate transactions) {
		this.keys = keys;
		this.secrets = secrets;
		this.brands = brands;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	@GetMapping
	@Operation(operationId = "listSigningKeys",
			summary = "The brand's signing keys, newest first: kid, number, algorithm, state and times")
	List<SigningKeyView> keys(Caller caller, @PathVariable long brandId) {
		CallerBrands.require(this.brands, caller, brandId);
		return this.keys.keys(brandId).stream().map(SigningKeyView::of).toList();
	}

	@GetMapping("/{keyNumber}")
	@Operation(operationId = "getSigningKey", summary = "One of the brand's signing keys, by its number")
	SigningKeyView key(Caller caller, @PathVariable long brandId, @PathVariable int keyNumber) {
		CallerBrands.require(this.brands, caller, brandId);
		return find(brandId, keyNumber).map(SigningKeyView::of).orElseThrow(() -> unknownKey(brandId, keyNumber));
	}

	@PostMapping("/rotate")
	@Operation(operationId = "rotateSigningKey",
			summary = "Rotate: a new pending key, published at once, that signs after the pre-publication period",
			description = "The body is optional. 409 while another key is pending or for a brand that is not GS1-ready;"
					+ " 503 when the console has no signing KEK. Nothing is written then.")
	ResponseEntity<SigningKeyView> rotate(Caller caller, @PathVariable long brandId,
			@RequestBody(required = false) Rotation body) {
		Brand brand = CallerBrands.require(this.brands, caller, brandId);
		if (!brand.gtinRequired()) {
			throw ApiException.conflict("NOT_GS1_READY", "Brand " + brand.code()
					+ " is not GS1-ready: signed codes (GS1 AI 8030) need GTINs under a GS1 company prefix");
		}
		Duration prepublication = (body != null) ? body.prepublication() : null;
		if (prepublication != null
				&& (prepublication.isNegative() || prepublication.compareTo(MAX_PREPUBLICATION) > 0)) {
			throw ApiException.invalid("prepublication", "OUT_OF_RANGE", "The pre-publication period is 0 to "
					+ MAX_PREPUBLICATION.toDays() + " days (ISO 8601, e.g. PT24H)");
		}
		requireSigningKek();
		BrandKey rotated;
		try {
			rotated = this.transactions.execute((status) -> {
				BrandKey key = this.keys.rotate(brandId, prepublication);
				this.auditLog.record(new AuditEvent(brandId, "signing_key", key.kid(), "rotated", caller.actor(),
						Map.of("keyNumber", key.keyNumber(), "activatesAt", key.activatesAt().toString(),
								"prepublication", Duration.between(key.createdAt(), key.activatesAt()).toString())));
				return key;
			});
		}
		catch (IllegalStateException ex) {
			throw rotationRefused(brandId, ex);
		}
		return ResponseEntity.created(URI.create("/api/v1/brands/" + brandId + "/signing-keys/" + rotated.keyNumber()))
			.body(SigningKeyView.of(rotated));
	}

	@PostMapping("/{keyNumber}/revoke")
	@Operation(operationId = "revokeSigningKey",
			summary = "Revoke a key: it is withdrawn from the JWK set and never signs again",
			description = "Codes it signed then verify as signed by an unknown key. Revoking the active key leaves the"
					+ " brand without one until its next signed batch: that batch is signed with the pending key, if"
					+ " there is one, or else with a new key, active at once. 409 if it is already revoked.")
	SigningKeyView revoke(Caller caller, @PathVariable long brandId, @PathVariable int keyNumber) {
		CallerBrands.require(this.brands, caller, brandId);
		return this.transactions.execute((status) -> {
			BrandKey key = find(brandId, keyNumber).orElseThrow(() -> unknownKey(brandId, keyNumber));
			if (key.state().equals("revoked") || !this.keys.revoke(brandId, keyNumber)) {
				throw ApiException.conflict("KEY_ALREADY_REVOKED", "Key " + key.kid() + " is already revoked");
			}
			this.auditLog.record(new AuditEvent(brandId, "signing_key", key.kid(), "revoked", caller.actor(),
					Map.of("keyNumber", keyNumber, "previousState", key.state())));
			return SigningKeyView.of(find(brandId, keyNumber).orElseThrow());
		});
	}

	private Optional<BrandKey> find(long brandId, int keyNumber) {
		return this.keys.keys(brandId).stream().filter((key) -> key.keyNumber() == keyNumber).findFirst();
	}

	private void requireSigningKek() {
		byte[] kek;
		try {
			kek = this.secrets.signingKek();
		}
		catch (IllegalStateException ex) {
			String message = "This console cannot create signing keys: " + ex.getMessage();
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "signing-kek-missing", message,
					List.of(new FieldError(null, "SIGNING_KEK_MISSING", message)));
		}
		Arrays.fill(kek, (byte) 0);
	}

	/**
	 * Why {@link BrandKeys#rotate} refused, as a 409: a key already pending (the usual
	 * case, also what a concurrent rotation finds), or its own reason (all 255 key
	 * numbers used).
	 */
	private ApiException rotationRefused(long brandId, IllegalStateException ex) {
		return this.keys.keys(brandId)
			.stream()
			.filter((key) -> key.state().equals("pending"))
			.findFirst()
			.map((pending) -> ApiException.conflict("ROTATION_PENDING",
					"Key " + pending.kid() + " is already pending (it signs from " + pending.activatesAt()
							+ "): a brand rotates one key at a time. Wait for it, or revoke it to rotate again."))
			.orElseGet(() -> ApiException.conflict("ROTATION_REFUSED", ex.getMessage()));
	}

	private static ApiException unknownKey(long brandId, int keyNumber) {
		return ApiException.notFound("Brand " + brandId + " has no signing key " + keyNumber);
	}

	/**
	 * A rotation.
	 *
	 * @param prepublication how long the new key is published before it signs (0 to 30
	 * days); when absent, the configured {@code dpp.digsig.prepublication} (24 hours by
	 * default)
	 */
	record Rotation(@Schema(type = "string", format = "duration", example = "PT24H",
			description = "ISO 8601 duration, 0 to 30 days; default: the configured pre-publication period") Duration prepublication) {
	}

	/**
	 * A signing key's public facts.
	 *
	 * @param kid its JWK {@code kid}, {@code "{gs1CompanyPrefix}:{keyNumber}"}
	 * @param keyNumber its number, the first byte of every AI 8030 value it signs
	 * @param algorithm its JOSE algorithm ({@code ES256})
	 * @param state {@code pending}, {@code active}, {@code retired} or {@code revoked}
	 * @param createdAt when it was created (and, unless revoked, published)
	 * @param activatesAt when it signs from
	 * @param activatedAt when it became active, or {@code null}
	 * @param retiredAt when it was retired, or {@code null}
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	record SigningKeyView(String kid, int keyNumber, String algorithm, String state, Instant createdAt,
			Instant activatesAt, Instant activatedAt, Instant retiredAt, Instant revokedAt) {

		static SigningKeyView of(BrandKey key) {
			return new SigningKeyView(key.kid(), key.keyNumber(), key.algorithm(), key.state(), key.createdAt(),
					key.activatesAt(), key.activatedAt(), key.retiredAt(), key.revokedAt());
		}

	}

}
