package io.dppmint.console;

import java.util.Map;

import io.dppmint.console.Http.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogApiIntegrationTests extends ApiTestSupport {

	@Test
	void searchesProductsByPrefixWithKeysetPages() {
		Tenant tenant = tenant();
		Response all = api(tenant).get("/api/v1/products?limit=1");
		Response next = api(tenant).get("/api/v1/products?limit=1&cursor=" + all.json().path("next").asString());
		Response byName = api(tenant).get("/api/v1/products?q=ready");

		assertThat(all.status()).isEqualTo(200);
		assertThat(all.json().path("items").get(0).path("sku").asString()).isEqualTo(tenant.notReady().sku());
		assertThat(next.json().path("items").get(0).path("sku").asString()).isEqualTo(tenant.ready().sku());
		assertThat(next.json().path("next").isNull()).isTrue();
		assertThat(byName.json().path("items").size()).isEqualTo(1);
		assertThat(api(tenant).get("/api/v1/products?cursor=nonsense").status()).isEqualTo(400);
		assertThat(api(tenant).get("/api/v1/products?limit=201").status()).isEqualTo(400);
	}

	@Test
	void showsAProductWithReadinessNamingEveryFailedRule() {
		Tenant tenant = tenant();
		Response ready = api(tenant).get("/api/v1/products/" + tenant.ready().id());
		Response readiness = api(tenant).get("/api/v1/products/" + tenant.notReady().id() + "/readiness");

		assertThat(ready.status()).isEqualTo(200);
		assertThat(ready.json().path("readiness").path("ready").asBoolean()).isTrue();
		assertThat(ready.json().path("passport").path("material").asString()).isEqualTo("Cotton");
		assertThat(readiness.status()).isEqualTo(200);
		JsonNode failures = readiness.json().path("failures");
		assertThat(readiness.json().path("ready").asBoolean()).isFalse();
		assertThat(failures.valueStream()
			.map((failure) -> failure.path("rule").asString() + ":" + failure.path("subject").asString(null)))
			.containsExactly("REQUIRED_FIELD_MISSING:material", "REQUIRED_FIELD_MISSING:country_of_origin",
					"COMMERCIAL_STATUS_NOT_ACTIVE:draft");
		assertThat(api(tenant).get("/api/v1/products/999999999").status()).isEqualTo(404);
	}

	@Test
	void syncsAProductionRunIdempotentlyByErpReference() {
		Tenant tenant = tenant();
		Map<String, Object> run = Map.of("productId", tenant.ready().id(), "erpReference", "SAP-77", "plannedQuantity",
				500);
		Response created = api(tenant).post("/api/v1/production-runs", run);
		Response again = api(tenant).post("/api/v1/production-runs", run);
		Response changed = api(tenant).post("/api/v1/production-runs",
				Map.of("productId", tenant.ready().id(), "erpReference", "SAP-77", "plannedQuantity", 800));

		assertThat(created.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("id").asLong()).isEqualTo(created.json().path("id").asLong());
		assertThat(changed.json().path("plannedQuantity").asLong()).isEqualTo(800);
		assertThat(changed.json().path("remainingQuantity").asLong()).isEqualTo(800);
		assertThat(count("select count(*) from production_runs where brand_id = ? and erp_reference = 'SAP-77'",
				tenant.brandId()))
			.isEqualTo(1);
		assertThat(count("""
				select count(*) from audit_events where brand_id = ? and entity_type = 'production_run'""",
				tenant.brandId()))
			.isEqualTo(2);
		Response runs = api(tenant).get("/api/v1/products/" + tenant.ready().id() + "/production-runs");
		assertThat(runs.json().size()).isEqualTo(2);
		assertThat(api(tenant).get("/api/v1/production-runs/" + created.json().path("id").asLong()).status())
			.isEqualTo(200);
	}

	@Test
	void refusesInvalidProductionRunsAndChangesNothing() {
		Tenant tenant = tenant();
		Response zero = api(tenant).post("/api/v1/production-runs",
				Map.of("productId", tenant.ready().id(), "erpReference", "R-1", "plannedQuantity", 0));
		Response blank = api(tenant).post("/api/v1/production-runs",
				Map.of("productId", tenant.ready().id(), "erpReference", " ", "plannedQuantity", 5));
		Response otherProduct = api(tenant).post("/api/v1/production-runs", Map.of("productId", tenant.notReady().id(),
				"erpReference", tenant.run().erpReference(), "plannedQuantity", 5));
		Response unknownProduct = api(tenant).post("/api/v1/production-runs",
				Map.of("productId", 999999999, "erpReference", "R-2", "plannedQuantity", 5));

		assertThat(zero.status()).isEqualTo(400);
		assertThat(zero.errorFields()).containsExactly("plannedQuantity");
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.errorFields()).containsExactly("erpReference");
		assertThat(otherProduct.status()).isEqualTo(409);
		assertThat(otherProduct.errorFields()).containsExactly("productId");
		assertThat(unknownProduct.status()).isEqualTo(422);
		assertThat(count("select count(*) from production_runs where brand_id = ?", tenant.brandId())).isEqualTo(1);
	}

}
