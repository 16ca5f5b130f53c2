package io.dppmint.console.token;

import java.time.Instant;
import java.util.List;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.Cursors;
import io.dppmint.console.api.NoControlCharacters;
import io.dppmint.console.api.Page;
import io.dppmint.console.security.Caller;
import io.dppmint.console.token.JdbcTokenQueries.TokenRow;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.identifier.InvalidIdentifierException;
import io.dppmint.core.identifier.UnknownIdentifierException;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.core.token.TokenRevocation;
import io.dppmint.core.token.TokenRevocationRejectedException;
import io.dppmint.core.token.TokenStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tokens: keyset-paginated lists (by batch and status), one token, and revocation with a
 * reason through {@link TokenRevocation} (audited, counted in the brand's KPIs in the
 * same transaction). A token is addressed by its public identifier (the GS1 serial or
 * non-GS1 public id), never by its internal number.
 */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Tokens", description = "Minted tokens and their revocation")
class TokenController {

	private final JdbcTokenQueries tokens;

	private final IdentifierScheme identifiers;

	private final TokenRevocation revocation;

	TokenController(JdbcClient jdbc, IdentifierScheme identifiers, TokenRevocation revocation) {
		this.tokens = new JdbcTokenQueries(jdbc);
		this.identifiers = identifiers;
		this.revocation = revocation;
	}

	@GetMapping
	@Operation(summary = "Tokens by token number (keyset pagination), optionally of one batch and in one status")
	Page<TokenView> tokens(Caller caller, @RequestParam(required = false) @Positive Long batchId,
			@RequestParam(required = false) @Pattern(regexp = "minted|active|revoked") String status,
			@RequestParam(required = false) @Size(max = 20) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
		Long after = Cursors.key(cursor);
		List<TokenRow> rows = this.tokens.page(caller.scope(), batchId,
				(status != null) ? TokenStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT)) : null,
				(after != null) ? after : 0, limit + 1);
		List<TokenView> items = rows.stream().limit(limit).map(this::view).toList();
		return new Page<>(items, (rows.size() > limit) ? Cursors.of(rows.get(limit - 1).id()) : null);
	}

	@GetMapping("/{identifier}")
	@Operation(summary = "One token by its public identifier")
	TokenView token(Caller caller, @PathVariable String identifier) {
		long number = number(identifier);
		return this.tokens.find(caller.scope(), number)
			.map(this::view)
			.orElseThrow(() -> ApiException.notFound("There is no token " + identifier));
	}

	@PostMapping("/{identifier}/revoke")
	@Operation(summary = "Revoke a token, with a reason (audited); 409 if it is already revoked")
	TokenView revoke(Caller caller, @PathVariable String identifier, @Valid @RequestBody RevokeBody body) {
		long number = number(identifier);
		try {
			this.revocation.revoke(caller.scope(), number, body.reason(), caller.actor());
		}
		catch (TokenRevocationRejectedException ex) {
			throw switch (ex.reason()) {
				case UNKNOWN_TOKEN -> ApiException.notFound("There is no token " + identifier);
				case ALREADY_REVOKED -> ApiException.conflict("TOKEN_ALREADY_REVOKED", ex.getMessage());
				case REASON_REQUIRED, REASON_TOO_LONG ->
					ApiException.invalid("reason", ex.reason().name(), ex.getMessage());
				case REASON_INVALID_CHARACTERS -> ApiException.invalid("reason", "INVALID_CHARACTERS", ex.getMessage());
			};
		}
		return token(caller, identifier);
	}

	private long number(String identifier) {
		try {
			return this.identifiers.decode(identifier);
		}
		catch (UnknownIdentifierException ex) {
			throw ApiException.notFound("There is no token " + identifier);
		}
		catch (InvalidIdentifierException ex) {
			throw ApiException.invalid("identifier", "INVALID_IDENTIFIER", ex.getMessage());
		}
	}

	private TokenView view(TokenRow row) {
		String identifier = this.identifiers.encode(row.id());
		String resolverUrl = ResolverUrls
			.forTokens(row.resolverBaseUrl(), row.gtinRequired(), (row.gtin() != null) ? new Gtin(row.gtin()) : null,
					row.lotNumber())
			.url(identifier, row.signature());
		return new TokenView(identifier, row.batchId(), row.brandId(), row.status().label(), row.lotNumber(),
				resolverUrl, row.createdAt(), row.activatedAt(), row.revocationReason(), row.revokedAt());
	}

	/**
	 * A revocation.
	 *
	 * @param reason why the token is revoked, 1 to 500 characters
	 */
	record RevokeBody(@NotBlank @Size(max = TokenRevocation.MAX_REASON_LENGTH) @NoControlCharacters(
			multiline = true) String reason) {
	}

	/**
	 * A token.
	 *
	 * @param identifier its public identifier: the GS1 serial (AI 21) or non-GS1 public
	 * id
	 * @param batchId its batch
	 * @param brandId its brand
	 * @param status minted, active or revoked
	 * @param lotNumber its lot (lot mode), or {@code null}
	 * @param resolverUrl what its QR code or NFC tag carries, exactly as its print pack
	 * has it: a signed batch's with its GS1 AI 8030 signature ({@code ?8030=})
	 * @param createdAt when it was minted
	 * @param activatedAt when it became active by a first scan, or {@code null}
	 * @param revocationReason why it was revoked, or {@code null}
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	record TokenView(String identifier, long batchId, long brandId, String status, String lotNumber, String resolverUrl,
			Instant createdAt, Instant activatedAt, String revocationReason, Instant revokedAt) {
	}

}
