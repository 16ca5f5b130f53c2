package io.dppmint.console.apikey;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.api.NoControlCharacters;
import io.dppmint.console.security.Caller;
import io.dppmint.console.security.JdbcApiKeys;
import io.dppmint.console.security.JdbcApiKeys.ApiKey;
import io.dppmint.console.security.JdbcApiKeys.CreatedApiKey;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

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
 * Brand-portal API keys, for operators (any brand) and brand owners (their brand): the
 * secret is in the creation response only; revocation takes effect at once. Both are
 * audited.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Brand-portal API keys")
class ApiKeyController {

	private final JdbcApiKeys apiKeys;

	private final JdbcBrandRepository brands;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	ApiKeyController(JdbcApiKeys apiKeys, JdbcBrandRepository brands, AuditLog auditLog,
			TransactionTemplate transactions) {
		this.apiKeys = apiKeys;
		this.brands = brands;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	@PostMapping
	@Operation(summary = "Create an API key; its secret is shown in this response only")
	ResponseEntity<CreatedApiKey> create(Caller caller, @Valid @RequestBody NewApiKey body) {
		long brandId = (caller.brandId() != null) ? caller.brandId() : requireBrand(body.brandId());
		if (body.brandId() != null && body.brandId() != brandId) {
			throw unknownBrand(body.brandId());
		}
		CreatedApiKey created = this.transactions.execute((status) -> {
			CreatedApiKey key = this.apiKeys.create(brandId, body.name().strip());
			this.auditLog.record(new AuditEvent(brandId, "api_key", Long.toString(key.apiKey().id()), "created",
					caller.actor(), Map.of("name", key.apiKey().name(), "prefix", key.apiKey().prefix())));
			return key;
		});
		return ResponseEntity.created(URI.create("/api/v1/api-keys/" + created.apiKey().id())).body(created);
	}

	@GetMapping
	@Operation(summary = "The API keys of the caller's brands, without secrets")
	List<ApiKey> list(Caller caller) {
		return this.apiKeys.list(caller.scope());
	}

	@PostMapping("/{id}/revoke")
	@Operation(summary = "Revoke an API key; requests with it fail from now on")
	ApiKey revoke(Caller caller, @PathVariable long id) {
		return this.transactions.execute((status) -> {
			ApiKey key = this.apiKeys.revoke(caller.scope(), id)
				.orElseThrow(() -> ApiException.notFound("There is no API key " + id));
			this.auditLog.record(new AuditEvent(key.brandId(), "api_key", Long.toString(id), "revoked", caller.actor(),
					Map.of("prefix", key.prefix())));
			return key;
		});
	}

	private long requireBrand(Long brandId) {
		if (brandId == null) {
			throw ApiException.invalid("brandId", "REQUIRED", "An operator names the brand the key is for");
		}
		if (this.brands.findById(brandId).isEmpty()) {
			throw unknownBrand(brandId);
		}
		return brandId;
	}

	private static ApiException unknownBrand(long brandId) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", "There is no brand " + brandId,
				List.of(new FieldError("brandId", "UNKNOWN_BRAND", "There is no brand " + brandId)));
	}

	/**
	 * A key to create.
	 *
	 * @param name what the key is for (e.g. the client system)
	 * @param brandId the brand (operators only; others create keys for their own brand)
	 */
	record NewApiKey(@NotBlank @Size(max = 100) @NoControlCharacters String name, @Positive Long brandId) {
	}

}
