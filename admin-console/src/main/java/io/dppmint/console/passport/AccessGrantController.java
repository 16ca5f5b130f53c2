package io.dppmint.console.passport;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.security.Caller;
import io.dppmint.console.security.CallerBrands;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.passport.AccessGrant;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.JdbcAccessGrants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Access grants to restricted passport data (docs/passports.md, "Access levels"): a brand
 * issues one to a repairer, recycler or authority, whose token (shown once) opens the
 * brand's passports at the grant's level at the resolver, and revokes it; every
 * restricted answer given under a grant is listed. Another brand's grants are answered as
 * absent.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Passports",
		description = "Passport schemas, passport data and its versions, operator and commodity identifiers")
class AccessGrantController {

	private final JdbcAccessGrants grants;

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	AccessGrantController(JdbcAccessGrants grants, JdbcBrandRepository brands, JdbcProductRepository products) {
		this.grants = grants;
		this.brands = brands;
		this.products = products;
	}

	@PostMapping("/access-grants")
	@Operation(summary = "Issue an access grant: its bearer token is in this answer only",
			description = "level is legitimate_interest or authority; validDays 1 to 366 (default 90).")
	ResponseEntity<IssuedGrant> issue(Caller caller, @Valid @RequestBody NewGrant body) {
		long brandId = brand(caller, body.brandId());
		AccessLevel level;
		try {
			level = AccessLevel.of(body.level());
		}
		catch (IllegalArgumentException ex) {
			throw refused("level", "INVALID_LEVEL", ex.getMessage());
		}
		JdbcAccessGrants.Issued issued;
		try {
			issued = this.grants.issue(brandId, level, body.holderName(), body.holderKind(), body.purpose(),
					Duration.ofDays((body.validDays() != null) ? body.validDays() : 90), caller.actor());
		}
		catch (IllegalArgumentException ex) {
			throw refused(null, "INVALID_GRANT", ex.getMessage());
		}
		return ResponseEntity.created(URI.create("/api/v1/access-grants/" + issued.grant().id()))
			.body(new IssuedGrant(GrantView.of(issued.grant()), issued.token()));
	}

	@PostMapping("/access-links")
	@Operation(summary = "Issue an access link to one product's passport: its URL is in this answer only",
			description = "The URL opens the product's passport (its units' too) at the link's level at the resolver, "
					+ "until it expires (validHours 1 to 168, default 24) or is revoked like a grant.")
	ResponseEntity<IssuedLink> issueLink(Caller caller, @Valid @RequestBody NewLink body) {
		Product product = this.products.findById(caller.scope(), body.productId())
			.orElseThrow(() -> refused("productId", "UNKNOWN_PRODUCT", "There is no product " + body.productId()));
		Brand brand = CallerBrands.require(this.brands, caller, product.brandId());
		try {
			requireGtin(product);
		}
		catch (IllegalArgumentException ex) {
			throw refused("productId", "LINK_NEEDS_GTIN", ex.getMessage());
		}
		AccessLevel level;
		try {
			level = AccessLevel.of(body.level());
		}
		catch (IllegalArgumentException ex) {
			throw refused("level", "INVALID_LEVEL", ex.getMessage());
		}
		JdbcAccessGrants.Issued issued;
		try {
			issued = this.grants.issueLink(brand.id(), product.id(), level, body.holderName(),
					Duration.ofHours((body.validHours() != null) ? body.validHours() : 24), caller.actor());
		}
		catch (IllegalArgumentException ex) {
			throw refused(null, "INVALID_LINK", ex.getMessage());
		}
		return ResponseEntity.created(URI.create("/api/v1/access-grants/" + issued.grant().id()))
			.body(new IssuedLink(GrantView.of(issued.grant()), linkUrl(brand, product, issued.token())));
	}

	/**
	 * An access link opens a product's passport at its GS1 Digital Link: the product
	 * needs a GTIN.
	 * @throws IllegalArgumentException saying so, when it has none
	 */
	static void requireGtin(Product product) {
		if (product.gtin() == null) {
			throw new IllegalArgumentException("An access link opens a product's passport at its GS1 Digital Link, and "
					+ product.sku() + " has no GTIN");
		}
	}

	/** The passport URL an access link's token opens. */
	static String linkUrl(Brand brand, Product product, String token) {
		return brand.resolverBaseUrl() + "/passport/01/" + product.gtin().value() + "?dpp-access=" + token;
	}

	@GetMapping("/access-grants")
	@Operation(summary = "The brand's access grants, newest first (never their tokens)")
	List<GrantView> list(Caller caller, @RequestParam(required = false) Long brandId) {
		return this.grants.list(brand(caller, brandId)).stream().map(GrantView::of).toList();
	}

	@PostMapping("/access-grants/{id}/revoke")
	@Operation(summary = "Revoke an access grant: the resolver refuses its token within seconds")
	GrantView revoke(Caller caller, @PathVariable long id, @RequestParam(required = false) Long brandId) {
		long brand = brand(caller, brandId);
		try {
			return this.grants.revoke(brand, id, caller.actor())
				.map(GrantView::of)
				.orElseThrow(() -> ApiException.notFound("There is no access grant " + id));
		}
		catch (IllegalStateException ex) {
			throw ApiException.conflict("GRANT_ALREADY_REVOKED", ex.getMessage());
		}
	}

	@GetMapping("/passport-access-events")
	@Operation(summary = "Restricted passport answers given under the brand's grants, newest first")
	List<JdbcAccessGrants.AccessEvent> events(Caller caller, @RequestParam(required = false) Long brandId,
			@RequestParam(required = false) Long grantId,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.grants.events(brand(caller, brandId), grantId, limit);
	}

	private static ApiException refused(String field, String code, String message) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", message,
				List.of(new FieldError(field, code, message)));
	}

	/**
	 * The brand a call is about: the caller's own, or for operators the one named.
	 */
	private long brand(Caller caller, Long brandId) {
		if (brandId == null) {
			if (caller.brandId() == null) {
				throw ApiException.invalid("brandId", "REQUIRED", "Name the brand (brandId): you act for every brand");
			}
			return caller.brandId();
		}
		return CallerBrands.require(this.brands, caller, brandId).id();
	}

	/**
	 * A grant to issue.
	 *
	 * @param brandId the brand (operators only; others issue for their own)
	 * @param level legitimate_interest or authority
	 * @param holderName who holds it: an organisation
	 * @param holderKind repairer, refurbisher, remanufacturer, recycler,
	 * market_surveillance, customs, notified_body or other
	 * @param purpose why, or {@code null}
	 * @param validDays how many days it runs, 1 to 366 (default 90)
	 */
	record NewGrant(Long brandId, @NotBlank @Size(max = 30) String level, @NotBlank @Size(max = 200) String holderName,
			@NotBlank @Size(max = 30) String holderKind, @Size(max = 500) String purpose,
			@Min(1) @Max(366) Integer validDays) {
	}

	/**
	 * An access link to issue.
	 *
	 * @param productId the product whose passport it opens (with a GTIN)
	 * @param level legitimate_interest or authority
	 * @param holderName who it is for: an organisation or a role
	 * @param validHours how many hours it runs, 1 to 168 (default 24)
	 */
	record NewLink(@NotNull Long productId, @NotBlank @Size(max = 30) String level,
			@NotBlank @Size(max = 200) String holderName, @Min(1) @Max(168) Integer validHours) {
	}

	/**
	 * An access link just issued.
	 *
	 * @param grant its grant (with {@code productId})
	 * @param url the passport URL carrying its token: shown here only, never again
	 */
	record IssuedLink(GrantView grant, String url) {
	}

	/**
	 * A grant, without its token.
	 *
	 * @param id its id
	 * @param level legitimate_interest or authority
	 * @param holderName who holds it
	 * @param holderKind what kind of actor
	 * @param purpose why, or {@code null}
	 * @param tokenPrefix the public part of its token
	 * @param createdBy who issued it
	 * @param createdAt when
	 * @param expiresAt when it stops working
	 * @param revokedAt when it was revoked, or {@code null}
	 * @param status active, expired or revoked
	 * @param productId for an access link, the product whose passport it opens;
	 * {@code null} for a grant to all the brand's passports
	 */
	record GrantView(long id, String level, String holderName, String holderKind, String purpose, String tokenPrefix,
			String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt, String status, Long productId) {

		static GrantView of(AccessGrant grant) {
			String status = (grant.revokedAt() != null) ? "revoked"
					: grant.usableAt(Instant.now()) ? "active" : "expired";
			return new GrantView(grant.id(), grant.level().code(), grant.holderName(), grant.holderKind(),
					grant.purpose(), grant.tokenPrefix(), grant.createdBy(), grant.createdAt(), grant.expiresAt(),
					grant.revokedAt(), status, grant.productId());
		}

	}

	/**
	 * A grant just issued.
	 *
	 * @param grant the grant
	 * @param token its bearer token, {@code dppg_...}: shown here only, never again
	 */
	record IssuedGrant(GrantView grant, String token) {
	}

}
