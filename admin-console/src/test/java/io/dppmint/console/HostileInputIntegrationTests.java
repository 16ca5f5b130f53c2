package io.dppmint.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.minting.MintRequest.LotRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs that once answered 500 or leaked another brand's data, each answered with a
 * specific 4xx that changes nothing, over real HTTP against the real database.
 */
class HostileInputIntegrationTests extends ApiTestSupport {

	private static final String NUL = "\u0000";

	@Autowired
	IdentifierScheme identifiers;

	@Test
	void refusesANulCharacterInTheProductSearch() {
		Tenant tenant = tenant();

		Response api = api(tenant).get("/api/v1/products?q=Ready%00");
		Response page = login(tenant.owner(), tenant.password()).page("/products?q=Ready%00");
		Response wizard = login(tenant.owner(), tenant.password()).fragment("/mint/new/products?q=%00");

		assertThat(api.status()).as(api.toString()).isEqualTo(400);
		assertThat(api.errorFields()).containsExactly("q");
		assertThat(api.errorCodes()).containsExactly("INVALID_CHARACTERS");
		assertThat(page.status()).isEqualTo(400);
		assertThat(wizard.status()).isEqualTo(400);
	}

	@Test
	void refusesACursorThatDecodesToANulCharacter() {
		Tenant tenant = tenant();
		String forged = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("1:Ready" + NUL).getBytes(StandardCharsets.UTF_8));

		Response api = api(tenant).get("/api/v1/products?cursor=" + forged);
		Response raw = api(tenant).get("/api/v1/tokens?cursor=k1%00");
		Response page = login(tenant.owner(), tenant.password()).page("/products?cursor=" + forged);

		assertThat(api.status()).as(api.toString()).isEqualTo(400);
		assertThat(api.errorCodes()).containsExactly("INVALID_CURSOR");
		assertThat(raw.status()).as(raw.toString()).isEqualTo(400);
		assertThat(page.status()).isEqualTo(400);
	}

	@Test
	void refusesARevocationReasonWithANulCharacterAndLeavesTheTokenAlone() {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 2);
		String identifier = this.identifiers.encode(batch.firstTokenId());

		Response api = api(tenant).post("/api/v1/tokens/" + identifier + "/revoke",
				Map.of("reason", "counterfeit" + NUL));
		Response page = login(tenant.owner(), tenant.password()).form("/mint/tokens/" + identifier + "/revoke",
				Map.of("reason", "counterfeit" + NUL));

		assertThat(api.status()).as(api.toString()).isEqualTo(400);
		assertThat(api.errorFields()).containsExactly("reason");
		assertThat(api.errorCodes()).containsExactly("INVALID_CHARACTERS");
		assertThat(page.status()).isEqualTo(400);
		assertThat(count("select count(*) from tokens where batch_id = ? and status <> 1", batch.id())).isZero();
		assertThat(count("select count(*) from token_revocations where token_id = ?", batch.firstTokenId())).isZero();
	}

	@Test
	void refusesARegistrationIdentifierOrRejectionReasonWithANulCharacterAndRecordsNothing() {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 2);
		String registry = "/api/v1/batches/" + batch.id() + "/registry";
		assertThat(api(tenant).post(registry + "/submission", Map.of()).status()).isEqualTo(200);

		Response api = api(tenant).send("PUT", registry + "/registration",
				"{\"registrationIdentifier\": \"EU-1\\u0000\"}", Map.of());
		Response reason = api(tenant).post(registry + "/rejection", Map.of("reason", "no" + NUL));
		Response huge = api(tenant).send("PUT", registry + "/registration",
				"{\"registrationIdentifier\": \"" + "R".repeat(100_000) + "\"}", Map.of());
		Response page = login(tenant.owner(), tenant.password())
			.form("/mint/batch/" + batch.id() + "/registry/registration", Map.of("registrationIdentifier", "EU" + NUL));

		assertThat(api.status()).as(api.toString()).isEqualTo(400);
		assertThat(api.errorFields()).containsExactly("registrationIdentifier");
		assertThat(reason.status()).as(reason.toString()).isEqualTo(400);
		assertThat(reason.errorFields()).containsExactly("reason");
		assertThat(huge.status()).as(huge.toString()).isBetween(400, 413);
		assertThat(page.status()).isEqualTo(400);
		assertThat(count("select count(*) from registry_registrations where batch_id = ? and state = 'submitted'",
				batch.id()))
			.isEqualTo(1);
		assertThat(count("select count(*) from audit_events where entity_type = 'batch' and entity_id = ? "
				+ "and action in ('registry_registered', 'registry_rejected')", Long.toString(batch.id())))
			.isZero();
	}

	@Test
	void refusesAnErpReferenceWithANulCharacter() {
		Tenant tenant = tenant();

		Response response = api(tenant).post("/api/v1/production-runs",
				Map.of("productId", tenant.ready().id(), "erpReference", "SAP" + NUL, "plannedQuantity", 10));

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.errorFields()).containsExactly("erpReference");
		assertThat(response.errorCodes()).containsExactly("INVALID_CHARACTERS");
		assertThat(count("select count(*) from production_runs where brand_id = ?", tenant.brandId())).isEqualTo(1);
	}

	@Test
	void refusesAnApiKeyNameWithANulCharacter() {
		Tenant tenant = tenant();

		Response response = login(tenant.owner(), tenant.password()).post("/api/v1/api-keys",
				Map.of("name", "erp" + NUL));

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.errorFields()).containsExactly("name");
		assertThat(response.errorCodes()).containsExactly("INVALID_CHARACTERS");
		assertThat(count("select count(*) from api_keys where brand_id = ?", tenant.brandId())).isEqualTo(1);
	}

	@Test
	void refusesANulCharacterInAnyOtherParameterOrFormField() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());

		Response query = api(tenant).get("/api/v1/batches?status=minted%00");
		Response wizardKey = owner.form("/mint/new/submit",
				Map.of("key", "k" + NUL, "productId", Long.toString(tenant.ready().id()), "identityMode", "serial",
						"activationMode", "active", "quantity", "5"));

		assertThat(query.status()).as(query.toString()).isEqualTo(400);
		assertThat(wizardKey.status()).as(wizardKey.toString()).isEqualTo(400);
		assertThat(count("select count(*) from mint_batches where brand_id = ?", tenant.brandId())).isZero();
	}

	@Test
	void refusesToLowerAPlannedQuantityBelowTheReservedUnitsWithoutAServerError() {
		Tenant tenant = tenant();
		api(tenant).post("/api/v1/mint-requests", Map.of("productId", tenant.ready().id(), "productionRunId",
				tenant.run().id(), "identityMode", "serial", "activationMode", "active", "quantity", 600));

		Response response = api(tenant).post("/api/v1/production-runs", Map.of("productId", tenant.ready().id(),
				"erpReference", tenant.run().erpReference(), "plannedQuantity", 599));

		assertThat(response.status()).as(response.toString()).isEqualTo(422);
		assertThat(response.errorFields()).containsExactly("plannedQuantity");
		assertThat(response.errorCodes()).containsExactly("PLANNED_BELOW_RESERVED");
		assertThat(count("select planned_quantity from production_runs where id = ?", tenant.run().id()))
			.isEqualTo(1000);
		assertThat(count("select reserved_quantity from production_runs where id = ?", tenant.run().id()))
			.isEqualTo(600);
	}

	@Test
	void capsTheBodyOfAPercentEncodedApiPathToo() {
		Tenant tenant = tenant();
		String body = "{" + " ".repeat(2 * 1024 * 1024) + "\"productId\": " + tenant.ready().id() + "}";

		for (String path : List.of("/%61pi/v1/mint-requests", "/api/v1/%6Dint-requests", "/api//v1/mint-requests",
				"/API/v1/mint-requests")) {
			Response response = api(tenant).post(path, body);

			assertThat(response.status()).as(path + ": " + response).isIn(404, 413);
		}
		Response encoded = api(tenant).post("/%61pi/v1/mint-requests", body);
		assertThat(encoded.status()).as(encoded.toString()).isEqualTo(413);
		assertThat(count("select count(*) from mint_batches where brand_id = ?", tenant.brandId())).isZero();
	}

	@Test
	void neverTellsABrandWhichLotNumbersAnotherBrandHasMinted() {
		Tenant mine = tenant();
		Brand other = this.brands.create(new NewBrand("o-" + mine.brand().code(), "Other", List.of(), true, "4012345",
				"https://id.example.com"));
		Product theirs = this.products.create(new NewProduct(other.id(), "SKU-O", "Theirs",
				"04012345" + gtinBody(mine.brandId()), Map.of(), CommercialStatus.ACTIVE));
		this.intake.submit(new MintRequest(other.id(), theirs.id(), null, IdentityMode.LOT, ActivationMode.ACTIVE, 5,
				List.of(new LotRequest("SECRET-LOT", 5)), null), "tests");

		Map<String, Object> probe = Map.of("productId", theirs.id(), "identityMode", "lot", "activationMode", "active",
				"quantity", 5, "lots", List.of(Map.of("lotNumber", "SECRET-LOT", "quantity", 5)));
		Map<String, Object> control = Map.of("productId", theirs.id(), "identityMode", "lot", "activationMode",
				"active", "quantity", 5, "lots", List.of(Map.of("lotNumber", "NO-SUCH-LOT", "quantity", 5)));
		Response probed = api(mine).post("/api/v1/mint-requests", probe);
		Response controlled = api(mine).post("/api/v1/mint-requests", control);

		assertThat(probed.status()).isEqualTo(422);
		assertThat(probed.errorCodes()).containsExactly("UNKNOWN_PRODUCT");
		assertThat(probed.body().replace("SECRET-LOT", "NO-SUCH-LOT")).isEqualTo(controlled.body());
		assertThat(count("select count(*) from mint_batches where brand_id = ?", mine.brandId())).isZero();
	}

	/** Digits that keep GTINs of different tests apart, with a valid check digit. */
	private static String gtinBody(long seed) {
		String body = String.format("%05d", seed % 100_000);
		int sum = 0;
		String digits = "04012345" + body;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			sum += (i % 2 == 0) ? digit * 3 : digit;
		}
		return body + ((10 - sum % 10) % 10);
	}

}
