package io.dppmint.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed passports over HTTP: a brand publishes a schema, its product's passport is
 * written as versions with optimistic concurrency, refused data is 422 with every field
 * error and writes nothing, readiness follows the schema, and another brand sees none of
 * it.
 */
class PassportApiIntegrationTests extends ApiTestSupport {

	@Autowired
	IdentifierScheme identifiers;

	private static final String TEXTILE_DATA = """
			{"fibre_composition": [{"fibre": "organic_cotton", "percent": 95}, {"fibre": "elastane", "percent": 5}],
			 "non_textile_animal_parts": "no", "country_of_origin": "PT", "care_instructions": "Wash at 30 °C",
			 "supplier_audit": {"url": "https://acme.example/audit.pdf", "title": "Audit 2026", "mediaType": "application/pdf"}}""";

	@Test
	void publishesASchemaThenWritesThePassportAsVersions() {
		Tenant tenant = tenant();
		String schemaPath = "/api/v1/brands/" + tenant.brandId() + "/passport-schema";
		String passportPath = "/api/v1/products/" + tenant.ready().id() + "/passport";

		Response before = api(tenant).get(schemaPath);
		Response published = api(tenant).send("PUT", schemaPath, textileSchema(), Map.of());
		Response notReadyNow = api(tenant).get("/api/v1/products/" + tenant.ready().id() + "/readiness");
		// Version 1 is the data the product was created with.
		Response v2 = api(tenant).send("PUT", passportPath, TEXTILE_DATA, Map.of("If-Match", "\"v1\""));
		Response v3 = api(tenant).sendBytes("PATCH", passportPath,
				HttpRequest.BodyPublishers.ofString("{\"recycled_content\": 12.5}"),
				Map.of("Content-Type", "application/merge-patch+json", "If-Match", "\"v2\""));
		Response stale = api(tenant).sendBytes("PATCH", passportPath,
				HttpRequest.BodyPublishers.ofString("{\"recycled_content\": 20}"),
				Map.of("Content-Type", "application/merge-patch+json", "If-Match", "\"v2\""));
		Response current = api(tenant).get(passportPath);
		Response history = api(tenant).get(passportPath + "/versions");
		Response first = api(tenant).get(passportPath + "/versions/1");
		Response readyAgain = api(tenant).get("/api/v1/products/" + tenant.ready().id() + "/readiness");

		assertThat(before.json().path("version").asInt()).isEqualTo(1);
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		assertThat(published.json().path("version").asInt()).isEqualTo(2);
		// The product's old text data ("material") is no field of the new schema.
		assertThat(notReadyNow.json().path("ready").asBoolean()).isFalse();
		assertThat(notReadyNow.body()).contains("FIELD_INVALID").contains("REQUIRED_FIELD_MISSING");
		assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
		assertThat(v2.header("ETag")).isEqualTo("\"v2\"");
		assertThat(v3.status()).as(v3.toString()).isEqualTo(200);
		assertThat(v3.header("ETag")).isEqualTo("\"v3\"");
		assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
		assertThat(stale.errorCodes()).containsExactly("STALE_VERSION");
		assertThat(current.json().path("data").path("recycled_content").decimalValue()).isEqualByComparingTo("12.5");
		assertThat(current.json().path("data").path("fibre_composition").size()).isEqualTo(2);
		assertThat(history.json().valueStream().map((v) -> v.path("version").asInt()).toList()).containsExactly(3, 2,
				1);
		assertThat(history.json().get(0).path("changes").get(0).path("field").asString()).isEqualTo("recycled_content");
		assertThat(history.json().get(0).path("previousSha256").asString())
			.isEqualTo(history.json().get(1).path("sha256").asString());
		assertThat(first.json().path("data").path("material").asString()).isEqualTo("Cotton");
		assertThat(first.json().path("summary").path("actor").asString()).isEqualTo("catalogue");
		assertThat(readyAgain.json().path("ready").asBoolean()).as(readyAgain.toString()).isTrue();
		assertThat(count("select count(*) from audit_events where entity_type = 'product' and entity_id = ?"
				+ " and action = 'passport_changed'", Long.toString(tenant.ready().id())))
			.isEqualTo(2);
	}

	@Test
	void refusedDataIs422WithEveryFieldErrorAndWritesNothing() {
		Tenant tenant = tenant();
		api(tenant).send("PUT", "/api/v1/brands/" + tenant.brandId() + "/passport-schema", textileSchema(), Map.of());
		String passportPath = "/api/v1/products/" + tenant.ready().id() + "/passport";
		long versions = count("select count(*) from passport_versions where subject_id = ?", tenant.ready().id());

		Response refused = api(tenant).send("PUT", passportPath, """
				{"fibre_composition": [{"fibre": "cotton", "percent": 60}], "recycled_content": "5",
				 "country_of_origin": "XX", "colour": "red"}""", Map.of());
		Response badSchema = api(tenant).send("PUT", "/api/v1/brands/" + tenant.brandId() + "/passport-schema",
				"{\"fields\": [{\"key\": \"weight\", \"type\": \"number\"}]}", Map.of());
		Response badCode = api(tenant).send("PUT", "/api/v1/products/" + tenant.ready().id() + "/commodity-code",
				"{\"commodityCode\": \"6109.10\"}", Map.of());

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.errorFields()).containsExactly("passport.colour", "passport.country_of_origin",
				"passport.fibre_composition", "passport.recycled_content");
		assertThat(refused.errorCodes()).containsExactly("UNKNOWN_FIELD", "NOT_IN_ENUMERATION", "SUM_MISMATCH",
				"WRONG_TYPE");
		assertThat(badSchema.status()).isEqualTo(422);
		assertThat(badSchema.errorFields()).containsExactly("fields[0].unit");
		assertThat(badCode.status()).isEqualTo(422);
		assertThat(badCode.errorCodes()).containsExactly("INVALID_COMMODITY_CODE");
		assertThat(count("select count(*) from passport_versions where subject_id = ?", tenant.ready().id()))
			.isEqualTo(versions);
		assertThat(api(tenant).get("/api/v1/brands/" + tenant.brandId() + "/passport-schema")
			.json()
			.path("version")
			.asInt()).isEqualTo(2);
	}

	@Test
	void setsTheCommodityCodeAndOperatorGlnShownWithTheProduct() {
		Tenant tenant = tenant();

		Response code = api(tenant).send("PUT", "/api/v1/products/" + tenant.ready().id() + "/commodity-code",
				"{\"commodityCode\": \"6109.10.00\"}", Map.of());
		Response gln = api(tenant).send("PUT", "/api/v1/brands/" + tenant.brandId() + "/operator",
				"{\"operatorGln\": \"9506000000015\"}", Map.of());
		Response badGln = api(tenant).send("PUT", "/api/v1/brands/" + tenant.brandId() + "/operator",
				"{\"operatorGln\": \"9506000000016\"}", Map.of());
		Response product = api(tenant).get("/api/v1/products/" + tenant.ready().id());

		assertThat(code.json().path("commodityCode").asString()).isEqualTo("61091000");
		assertThat(gln.json().path("operatorGln").asString()).isEqualTo("9506000000015");
		assertThat(badGln.status()).isEqualTo(422);
		assertThat(badGln.errorCodes()).containsExactly("INVALID_GLN");
		assertThat(product.json().path("commodityCode").asString()).isEqualTo("61091000");
		assertThat(this.brands.findById(tenant.brandId()).orElseThrow().operatorGln()).isEqualTo("9506000000015");
	}

	@Test
	void declaresWhereARemanufacturedProductComesFrom() {
		Tenant tenant = tenant();
		Tenant original = gs1Tenant();
		String path = "/api/v1/products/" + tenant.ready().id() + "/predecessors";

		Response declared = api(tenant).post(path,
				Map.of("relation", "remanufactured_from", "predecessorProductId", original.ready().id()));
		Response elsewhere = api(tenant).post(path,
				Map.of("relation", "repurposed_from", "predecessorUri", "https://dpp.other.example/01/04012345000010"));
		Response again = api(tenant).post(path,
				Map.of("relation", "remanufactured_from", "predecessorProductId", original.ready().id()));
		Response http = api(tenant).post(path,
				Map.of("relation", "repurposed_from", "predecessorUri", "http://x.example/1"));
		Response both = api(tenant).post(path, Map.of("relation", "repurposed_from", "predecessorProductId",
				original.ready().id(), "predecessorUri", "https://x.example/1"));
		Response noGtin = api(tenant).post(path,
				Map.of("relation", "remanufactured_from", "predecessorProductId", tenant.notReady().id()));
		Response foreign = api(original).post("/api/v1/products/" + tenant.ready().id() + "/predecessors",
				Map.of("relation", "remanufactured_from", "predecessorProductId", original.ready().id()));
		Response theOriginalsLineage = api(original).get("/api/v1/products/" + original.ready().id() + "/lineage");

		assertThat(declared.status()).as(declared.toString()).isEqualTo(201);
		assertThat(declared.json().get(0).path("uri").asString())
			.isEqualTo(original.brand().resolverBaseUrl() + "/01/" + original.ready().gtin().value());
		assertThat(elsewhere.status()).isEqualTo(201);
		assertThat(elsewhere.json().size()).isEqualTo(2);
		for (Response refused : List.of(again, http, both, noGtin)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		}
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(count("select count(*) from passport_lineage where successor_product_id = ?", tenant.ready().id()))
			.isEqualTo(2);
		// The tenant's product has no GTIN, so the original cannot link back to a product
		// passport URI.
		assertThat(theOriginalsLineage.json().size()).isZero();
	}

	@Test
	void writesABatchsAndAUnitsOwnDataThroughTheApi() {
		Tenant tenant = tenant();
		Tenant other = tenant();
		api(tenant).send("PUT", "/api/v1/brands/" + tenant.brandId() + "/passport-schema", """
				{"fields": [{"key": "production_date", "type": "date", "level": "batch"},
				            {"key": "repairs", "type": "number", "unit": "C62", "level": "item",
				             "access": "legitimate_interest", "scale": 0}], "additionalText": true}""", Map.of());
		MintBatch batch = mintedBatch(tenant, 3);
		String unit = this.identifiers.encode(batch.firstTokenId());

		Response batchData = api(tenant).send("PUT", "/api/v1/batches/" + batch.id() + "/passport",
				"{\"production_date\": \"2026-11-30\"}", Map.of("If-Match", "\"v0\""));
		Response unitData = api(tenant).sendBytes("PATCH", "/api/v1/tokens/" + unit + "/passport",
				HttpRequest.BodyPublishers.ofString("{\"repairs\": 1}"),
				Map.of("Content-Type", "application/merge-patch+json"));
		Response wrongLevel = api(tenant).send("PUT", "/api/v1/tokens/" + unit + "/passport",
				"{\"production_date\": \"2026-11-30\"}", Map.of());
		Response foreign = api(other).get("/api/v1/batches/" + batch.id() + "/passport");
		Response history = api(tenant).get("/api/v1/tokens/" + unit + "/passport/versions");

		assertThat(batchData.status()).as(batchData.toString()).isEqualTo(200);
		assertThat(batchData.header("ETag")).isEqualTo("\"v1\"");
		assertThat(api(tenant).get("/api/v1/batches/" + batch.id() + "/passport")
			.json()
			.at("/data/production_date")
			.asString()).isEqualTo("2026-11-30");
		assertThat(unitData.status()).as(unitData.toString()).isEqualTo(200);
		assertThat(wrongLevel.status()).isEqualTo(422);
		assertThat(wrongLevel.errorCodes()).containsExactly("WRONG_LEVEL");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(history.json().size()).isOne();
	}

	@Test
	void anotherBrandAndAViewerWriteNothing() {
		Tenant tenant = tenant();
		Tenant other = tenant();
		String passportPath = "/api/v1/products/" + tenant.ready().id() + "/passport";

		Response foreignRead = api(other).get(passportPath);
		Response foreignWrite = api(other).send("PUT", passportPath, "{\"material\": \"Silk\"}", Map.of());
		Response foreignSchema = api(other).send("PUT", "/api/v1/brands/" + tenant.brandId() + "/passport-schema",
				textileSchema(), Map.of());
		Response viewerRead = login(tenant.viewer(), tenant.password()).get(passportPath);
		Response viewerWrite = login(tenant.viewer(), tenant.password()).send("PUT", passportPath,
				"{\"material\": \"Silk\"}", Map.of());

		assertThat(foreignRead.status()).isEqualTo(404);
		assertThat(foreignWrite.status()).isEqualTo(404);
		assertThat(foreignSchema.status()).isEqualTo(404);
		assertThat(viewerRead.status()).isEqualTo(200);
		assertThat(viewerRead.json().path("data").path("material").asString()).isEqualTo("Cotton");
		assertThat(viewerWrite.status()).isEqualTo(403);
		assertThat(this.products.findById(tenant.ready().id()).orElseThrow().passport().text("material"))
			.isEqualTo("Cotton");
	}

	static String textileSchema() {
		try (InputStream in = PassportApiIntegrationTests.class
			.getResourceAsStream("/io/dppmint/core/demo/textile-passport-schema.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
