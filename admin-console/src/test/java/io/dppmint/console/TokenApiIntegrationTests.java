package io.dppmint.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.token.TokenStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class TokenApiIntegrationTests extends ApiTestSupport {

	@Autowired
	IdentifierScheme identifiers;

	@Test
	void pagesEveryTokenOnceWithAKeysetCursor() {
		Tenant tenant = tenant();
		MintBatch first = mintedBatch(tenant, 7);
		MintBatch second = mintedBatch(tenant, 5);

		List<String> seen = new ArrayList<>();
		String cursor = "";
		do {
			Response page = api(tenant).get("/api/v1/tokens?limit=4&cursor=" + cursor);
			assertThat(page.status()).isEqualTo(200);
			page.json().path("items").forEach((token) -> seen.add(token.path("identifier").asString()));
			cursor = page.json().path("next").asString(null);
		}
		while (cursor != null);

		assertThat(seen).hasSize(12).doesNotHaveDuplicates();
		assertThat(seen.get(0)).isEqualTo(this.identifiers.encode(first.firstTokenId()));
		assertThat(seen.get(11)).isEqualTo(this.identifiers.encode(second.firstTokenId() + 4));
		Response ofBatch = api(tenant).get("/api/v1/tokens?batchId=" + second.id());
		assertThat(ofBatch.json().path("items").size()).isEqualTo(5);
		JsonNode token = ofBatch.json().path("items").get(0);
		assertThat(token.path("status").asString()).isEqualTo("active");
		assertThat(token.path("resolverUrl").asString())
			.isEqualTo("https://id.example.com/t/" + token.path("identifier").asString());
	}

	@Test
	void revokesATokenWithAReasonOnceAndAuditsIt() {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 3);
		String identifier = this.identifiers.encode(batch.firstTokenId() + 1);

		Response revoked = api(tenant).post("/api/v1/tokens/" + identifier + "/revoke",
				Map.of("reason", "Counterfeit report"));
		Response again = api(tenant).post("/api/v1/tokens/" + identifier + "/revoke", Map.of("reason", "twice"));

		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
		assertThat(revoked.json().path("status").asString()).isEqualTo("revoked");
		assertThat(revoked.json().path("revocationReason").asString()).isEqualTo("Counterfeit report");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.errorCodes()).containsExactly("TOKEN_ALREADY_REVOKED");
		assertThat(count("select status from tokens where id = ?", batch.firstTokenId() + 1))
			.isEqualTo(TokenStatus.REVOKED.code());
		assertThat(count("select active_tokens from brand_counters where brand_id = ?", tenant.brandId())).isEqualTo(2);
		assertThat(count("select count(*) from audit_events where entity_type = 'token' and entity_id = ?", identifier))
			.isEqualTo(1);
		Response revokedOnly = api(tenant).get("/api/v1/tokens?status=revoked");
		assertThat(revokedOnly.json().path("items").size()).isEqualTo(1);
		assertThat(api(tenant).get("/api/v1/tokens/" + identifier).json().path("status").asString())
			.isEqualTo("revoked");
	}

	@Test
	void refusesRevocationsWithoutReasonAndMalformedIdentifiers() {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 1);
		String identifier = this.identifiers.encode(batch.firstTokenId());

		Response noReason = api(tenant).post("/api/v1/tokens/" + identifier + "/revoke", Map.of("reason", " "));
		Response longReason = api(tenant).post("/api/v1/tokens/" + identifier + "/revoke",
				Map.of("reason", "x".repeat(501)));
		Response malformed = api(tenant).get("/api/v1/tokens/not-an-id");
		Response unknownStatus = api(tenant).get("/api/v1/tokens?status=lost");

		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.errorFields()).containsExactly("reason");
		assertThat(longReason.status()).isEqualTo(400);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(unknownStatus.status()).isEqualTo(400);
		assertThat(count("select status from tokens where id = ?", batch.firstTokenId()))
			.isEqualTo(TokenStatus.ACTIVE.code());
	}

	@Test
	void showsKpisFromTheMaintainedCountersAndTheAuditLogByEntityType() {
		Tenant tenant = tenant();
		mintedBatch(tenant, 4);
		mintedBatch(tenant, 6);

		Response kpis = api(tenant).get("/api/v1/kpis");
		assertThat(kpis.status()).isEqualTo(200);
		assertThat(kpis.json().path("tokensMinted").asLong()).isEqualTo(10);
		assertThat(kpis.json().path("activeTokens").asLong()).isEqualTo(10);
		assertThat(kpis.json().path("batchesCreated").asLong()).isEqualTo(2);
		assertThat(kpis.json().path("exportsCompleted").asLong()).isZero();

		Response batches = api(tenant).get("/api/v1/audit-events?entityType=batch&limit=1");
		assertThat(batches.status()).isEqualTo(200);
		assertThat(batches.json().path("items").get(0).path("entityType").asString()).isEqualTo("batch");
		Response next = api(tenant)
			.get("/api/v1/audit-events?entityType=batch&limit=1&cursor=" + batches.json().path("next").asString());
		assertThat(next.json().path("items").get(0).path("id").asLong())
			.isLessThan(batches.json().path("items").get(0).path("id").asLong());
		assertThat(next.json().path("next").isNull()).isTrue();
		assertThat(api(tenant).get("/api/v1/audit-events?entityType=token").json().path("items").size()).isZero();
		assertThat(api(tenant).get("/api/v1/audit-events?entityType=Batch!").status()).isEqualTo(400);
	}

}
