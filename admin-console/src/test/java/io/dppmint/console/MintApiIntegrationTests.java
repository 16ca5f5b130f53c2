package io.dppmint.console;

import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class MintApiIntegrationTests extends ApiTestSupport {

	private static Map<String, Object> serialRequest(long productId, int quantity) {
		return Map.of("productId", productId, "identityMode", "serial", "activationMode", "active", "quantity",
				quantity);
	}

	private long batches(Tenant tenant) {
		return count("select count(*) from mint_batches where brand_id = ?", tenant.brandId());
	}

	@Test
	void acceptsAMintRequestWith202AndTheQueuedBatch() {
		Tenant tenant = tenant();
		Response response = api(tenant).post("/api/v1/mint-requests", serialRequest(tenant.ready().id(), 500),
				Map.of("Idempotency-Key", "order-1"));

		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		JsonNode batch = response.json();
		assertThat(batch.path("status").asString()).isEqualTo("queued");
		assertThat(batch.path("quantity").asInt()).isEqualTo(500);
		assertThat(batch.path("mintedCount").asInt()).isZero();
		assertThat(batch.path("brandId").asLong()).isEqualTo(tenant.brandId());
		assertThat(response.header("Location")).isEqualTo("/api/v1/batches/" + batch.path("id").asLong());
		assertThat(response.header("Idempotent-Replayed")).isEqualTo("false");
		assertThat(batches(tenant)).isEqualTo(1);

		Response status = api(tenant).get("/api/v1/mint-requests/" + batch.path("id").asLong());
		assertThat(status.status()).isEqualTo(200);
		assertThat(status.json().path("status").asString()).isEqualTo("queued");
		assertThat(
				api(tenant).get("/api/v1/batches/" + batch.path("id").asLong()).json().path("requestedBy").asString())
			.startsWith("api-key:");
	}

	@Test
	void replaysTheSameBatchForARetryWithTheSameIdempotencyKey() {
		Tenant tenant = tenant();
		Response first = api(tenant).post("/api/v1/mint-requests", serialRequest(tenant.ready().id(), 10),
				Map.of("Idempotency-Key", "retry-me"));
		Response retry = api(tenant).post("/api/v1/mint-requests", serialRequest(tenant.ready().id(), 10),
				Map.of("Idempotency-Key", "retry-me"));

		assertThat(retry.status()).isEqualTo(202);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
		assertThat(batches(tenant)).isEqualTo(1);
	}

	@Test
	void rejectsAReusedIdempotencyKeyWithADifferentRequestWith409() {
		Tenant tenant = tenant();
		api(tenant).post("/api/v1/mint-requests", serialRequest(tenant.ready().id(), 10),
				Map.of("Idempotency-Key", "k1"));
		Response conflict = api(tenant).post("/api/v1/mint-requests", serialRequest(tenant.ready().id(), 11),
				Map.of("Idempotency-Key", "k1"));

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.isProblem()).isTrue();
		assertThat(conflict.errorCodes()).containsExactly("IDEMPOTENCY_KEY_REUSED");
		assertThat(batches(tenant)).isEqualTo(1);
	}

	@Test
	void takesTheBatchsPassportDataWithTheRequestAndRefusesABatchWithoutARequiredField() {
		Tenant tenant = tenant();
		Fixtures.on(TestPostgres.get().dataSource())
			.passports()
			.publishSchema(tenant.brandId(), PassportValues.parse("""
					{"additionalText": true, "fields": [
					  {"key": "production_date", "label": "Production date", "type": "date", "level": "batch",
					   "required": true}
					]}""").toNode(), "tests");
		Map<String, Object> request = new HashMap<>(serialRequest(tenant.ready().id(), 10));

		Response missing = api(tenant).post("/api/v1/mint-requests", request);
		request.put("passport", "2026-12-01");
		Response notAnObject = api(tenant).post("/api/v1/mint-requests", request);
		request.put("passport", Map.of("production_date", "1 December"));
		Response invalid = api(tenant).post("/api/v1/mint-requests", request);
		long before = batches(tenant);
		request.put("passport", Map.of("production_date", "2026-12-01"));
		Response accepted = api(tenant).post("/api/v1/mint-requests", request);

		assertThat(missing.status()).isEqualTo(422);
		assertThat(missing.errorFields()).containsExactly("passport.production_date");
		assertThat(missing.errorCodes()).containsExactly("REQUIRED_FIELD_MISSING");
		assertThat(notAnObject.status()).isEqualTo(400);
		assertThat(notAnObject.errorFields()).containsExactly("passport");
		assertThat(invalid.status()).isEqualTo(422);
		assertThat(invalid.errorCodes()).containsExactly("INVALID_DATE");
		assertThat(before).isZero();
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(count("""
				select count(*) from passport_heads
				where subject_kind = 'batch' and subject_id = ? and version = 1
				  and data ->> 'production_date' = '2026-12-01'""", accepted.json().path("id").asLong())).isOne();
	}

	@Test
	void reportsEveryBrokenRuleOfAMintRequestWith422() {
		Tenant tenant = tenant();
		Response response = api(tenant).post("/api/v1/mint-requests", serialRequest(tenant.notReady().id(), 0));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().path("type").asString()).isEqualTo("urn:dpp:problem:mint-request-rejected");
		assertThat(response.errorCodes()).contains("QUANTITY_OUT_OF_RANGE", "REQUIRED_FIELD_MISSING",
				"COMMERCIAL_STATUS_NOT_ACTIVE");
		assertThat(response.errorFields()).contains("quantity", "productId");
		assertThat(batches(tenant)).isZero();
	}

	@Test
	void rejectsQuantityAboveProductionRunCapacityAndKeepsTheRunUntouched() {
		Tenant tenant = tenant();
		Response response = api(tenant).post("/api/v1/mint-requests",
				Map.of("productId", tenant.ready().id(), "productionRunId", tenant.run().id(), "identityMode", "serial",
						"activationMode", "active", "quantity", 1001));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.errorCodes()).containsExactly("PRODUCTION_RUN_CAPACITY_EXCEEDED");
		assertThat(count("select reserved_quantity from production_runs where id = ?", tenant.run().id())).isZero();
	}

	@Test
	void signsAGs1ProductsUnitsOnRequestAndRejectsSigningWithoutGtin() {
		Tenant tenant = tenant();
		Map<String, Object> signedRequest = new HashMap<>(serialRequest(tenant.ready().id(), 10));
		signedRequest.put("signed", true);

		Response rejected = api(tenant).post("/api/v1/mint-requests", signedRequest);

		assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);
		assertThat(rejected.errorCodes()).containsExactly("SIGNATURE_REQUIRES_GTIN");
		assertThat(rejected.errorFields()).containsExactly("signed");
		assertThat(batches(tenant)).isZero();

		Product gs1Product = Fixtures.on(TestPostgres.get().dataSource()).aGs1Product().create();
		Tenant gs1 = new Tenant(this.brands.findById(gs1Product.brandId()).orElseThrow(), gs1Product, null, null,
				this.apiKeys.create(gs1Product.brandId(), "tests").secret(), null, null, null);
		Map<String, Object> gs1Request = new HashMap<>(serialRequest(gs1Product.id(), 10));
		gs1Request.put("signed", true);
		Response accepted = api(gs1).post("/api/v1/mint-requests", gs1Request);

		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(accepted.json().path("signed").asBoolean()).isTrue();
		assertThat(count("select count(*) from mint_batches where brand_id = ? and signing_key_id is not null",
				gs1Product.brandId()))
			.isOne();
		assertThat(api(gs1).post("/api/v1/mint-requests", serialRequest(gs1Product.id(), 10))
			.json()
			.path("signed")
			.asBoolean()).isFalse();
	}

	@Test
	void acceptsALotModeRequest() {
		Tenant tenant = tenant();
		Response response = api(tenant).post("/api/v1/mint-requests",
				Map.of("productId", tenant.ready().id(), "identityMode", "lot", "activationMode", "first_scan",
						"quantity", 30, "lots",
						List.of(Map.of("lotNumber", "L1", "quantity", 10), Map.of("lotNumber", "L2", "quantity", 20))));

		assertThat(response.status()).as(response.toString()).isEqualTo(202);
		assertThat(response.json().path("lots").size()).isEqualTo(2);
		Response invalidLot = api(tenant).post("/api/v1/mint-requests",
				Map.of("productId", tenant.ready().id(), "identityMode", "lot", "activationMode", "first_scan",
						"quantity", 5, "lots", List.of(Map.of("lotNumber", "BAD LOT#", "quantity", 5))));
		assertThat(invalidLot.status()).isEqualTo(422);
		assertThat(invalidLot.errorFields()).containsExactly("lots[0].lotNumber");
		assertThat(batches(tenant)).isEqualTo(1);
	}

	@Test
	void answersMalformedJsonWith400AndChangesNothing() {
		Tenant tenant = tenant();
		Response response = api(tenant).post("/api/v1/mint-requests", "{\"productId\": 1, ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.errorCodes()).containsExactly("MALFORMED_JSON");
		assertThat(batches(tenant)).isZero();
	}

	@Test
	void answersAnUnknownFieldWith400NamingIt() {
		Tenant tenant = tenant();
		Map<String, Object> body = new HashMap<>(serialRequest(tenant.ready().id(), 5));
		body.put("quantty", 5);
		Response response = api(tenant).post("/api/v1/mint-requests", body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errorCodes()).containsExactly("UNKNOWN_FIELD");
		assertThat(response.errorFields()).containsExactly("quantty");
		assertThat(batches(tenant)).isZero();
	}

	@Test
	void answersWrongTypesWith400NamingTheField() {
		Tenant tenant = tenant();
		Map<String, Object> body = new HashMap<>(serialRequest(tenant.ready().id(), 5));
		body.put("quantity", "five");
		Response text = api(tenant).post("/api/v1/mint-requests", body);
		body.put("quantity", 2.5);
		Response fraction = api(tenant).post("/api/v1/mint-requests", body);
		body.put("quantity", "5");
		Response numericString = api(tenant).post("/api/v1/mint-requests", body);
		Response array = api(tenant).post("/api/v1/mint-requests", "[1, 2]");

		assertThat(List.of(text, fraction, numericString, array)).allSatisfy((response) -> {
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.isProblem()).isTrue();
		});
		assertThat(text.errorFields()).containsExactly("quantity");
		assertThat(text.errorCodes()).containsExactly("WRONG_TYPE");
		assertThat(fraction.errorFields()).containsExactly("quantity");
		assertThat(numericString.errorFields()).containsExactly("quantity");
		assertThat(batches(tenant)).isZero();
	}

	@Test
	void answersNumbersOutOfRangeWith4xx() {
		Tenant tenant = tenant();
		Map<String, Object> body = new HashMap<>(serialRequest(tenant.ready().id(), 5));
		body.put("quantity", 99999999999L);
		Response overflow = api(tenant).post("/api/v1/mint-requests", body);
		body.put("quantity", 1_000_001);
		Response tooMany = api(tenant).post("/api/v1/mint-requests", body);
		body.put("quantity", -1);
		Response negative = api(tenant).post("/api/v1/mint-requests", body);

		assertThat(overflow.status()).isEqualTo(400);
		assertThat(overflow.errorCodes()).containsExactly("OUT_OF_RANGE");
		assertThat(tooMany.status()).isEqualTo(422);
		assertThat(tooMany.errorCodes()).containsExactly("QUANTITY_OUT_OF_RANGE");
		assertThat(negative.status()).isEqualTo(422);
		assertThat(batches(tenant)).isZero();
	}

	@Test
	void acceptsAnNfcCarrierAndKeepsItInTheIdempotencyFingerprint() {
		Tenant tenant = tenant();
		Map<String, Object> nfc = Map.of("productId", tenant.ready().id(), "identityMode", "serial", "activationMode",
				"first_scan", "quantity", 10, "carrier", "nfc");
		Response accepted = api(tenant).post("/api/v1/mint-requests", nfc, Map.of("Idempotency-Key", "tags-1"));
		Response qrRetry = api(tenant).post("/api/v1/mint-requests", Map.of("productId", tenant.ready().id(),
				"identityMode", "serial", "activationMode", "first_scan", "quantity", 10),
				Map.of("Idempotency-Key", "tags-1"));
		Response plain = api(tenant).post("/api/v1/mint-requests", serialRequest(tenant.ready().id(), 5));

		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(accepted.json().path("carrier").asString()).isEqualTo("nfc");
		assertThat(api(tenant).get("/api/v1/batches/" + accepted.json().path("id").asLong())
			.json()
			.path("carrier")
			.asString()).isEqualTo("nfc");
		assertThat(qrRetry.status()).isEqualTo(409);
		long batchId = accepted.json().path("id").asLong();
		long first = this.jdbc.sql("select first_token_id from mint_batches where id = ?")
			.param(batchId)
			.query(Long.class)
			.single();
		for (long[] row : new long[][] { { first, 3, 1 }, { first + 9, 1, 0 }, { first + 10, 7, 7 } }) {
			this.jdbc.sql("""
					insert into nfc_tag_counters (token_id, uid, last_counter, first_tap_at, last_tap_at, genuine_taps,
						rejected_taps)
					values (?, '\\x04000000000001', 5, now(), now(), ?, ?)""").params(row[0], row[1], row[2]).update();
		}
		assertThat(api(tenant).get("/api/v1/batches/" + batchId).json().path("nfcTaps").toString())
			.isEqualTo("{\"tags\":2,\"genuineTaps\":4,\"rejectedTaps\":1}");
		assertThat(
				api(tenant).get("/api/v1/batches/" + plain.json().path("id").asLong()).json().path("nfcTaps").isNull())
			.isTrue();
		assertThat(plain.json().path("carrier").asString()).isEqualTo("qr");
		assertThat(count("select count(*) from mint_batches where brand_id = ? and carrier = 'nfc'", tenant.brandId()))
			.isEqualTo(1);
	}

	@Test
	void rejectsAnUnknownCarrierWith400AndChangesNothing() {
		Tenant tenant = tenant();
		Response response = api(tenant).post("/api/v1/mint-requests", Map.of("productId", tenant.ready().id(),
				"identityMode", "serial", "activationMode", "active", "quantity", 5, "carrier", "rfid"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errorFields()).containsExactly("carrier");
		assertThat(batches(tenant)).isZero();
	}

	@Test
	void answersMissingAndInvalidFieldsWith400() {
		Tenant tenant = tenant();
		Response response = api(tenant).post("/api/v1/mint-requests",
				Map.of("productId", tenant.ready().id(), "identityMode", "single", "quantity", 5));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errorFields()).containsExactlyInAnyOrder("identityMode", "activationMode");
		assertThat(batches(tenant)).isZero();
	}

	@Test
	void answersAnOversizedBodyWith413WhetherDeclaredOrChunked() {
		Tenant tenant = tenant();
		// White space, so that the parser has to read on until the limit stops it.
		String body = "{" + " ".repeat(2 * 1024 * 1024) + "\"productId\": " + tenant.ready().id() + "}";
		Response declared = api(tenant).post("/api/v1/mint-requests", body);
		Response chunked = api(tenant).sendBytes("POST", "/api/v1/mint-requests",
				HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes())),
				Map.of());

		assertThat(declared.status()).isEqualTo(413);
		assertThat(declared.isProblem()).isTrue();
		assertThat(chunked.status()).isEqualTo(413);
		assertThat(chunked.isProblem()).isTrue();
		assertThat(batches(tenant)).isZero();
	}

	@Test
	void rejectsABlankIdempotencyKeyAndAnUnsupportedMediaType() {
		Tenant tenant = tenant();
		Response blank = api(tenant).post("/api/v1/mint-requests", serialRequest(tenant.ready().id(), 5),
				Map.of("Idempotency-Key", " "));
		Response text = api(tenant).sendBytes("POST", "/api/v1/mint-requests",
				HttpRequest.BodyPublishers.ofString("quantity=5"), Map.of("Content-Type", "text/plain"));

		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.errorFields()).containsExactly("Idempotency-Key");
		assertThat(text.status()).isEqualTo(415);
		assertThat(text.isProblem()).isTrue();
		assertThat(batches(tenant)).isZero();
	}

	@Test
	void pagesBatchesNewestFirstWithAKeysetCursorAndFiltersByStatus() {
		Tenant tenant = tenant();
		for (int i = 0; i < 3; i++) {
			api(tenant).post("/api/v1/mint-requests", serialRequest(tenant.ready().id(), 5 + i));
		}
		mintedBatch(tenant, 3);

		Response first = api(tenant).get("/api/v1/batches?limit=2");
		Response second = api(tenant).get("/api/v1/batches?limit=2&cursor=" + first.json().path("next").asString());
		Response minted = api(tenant).get("/api/v1/batches?status=minted");

		assertThat(first.json().path("items").size()).isEqualTo(2);
		assertThat(second.json().path("items").size()).isEqualTo(2);
		assertThat(second.json().path("next").isNull()).isTrue();
		assertThat(first.json().path("items").get(0).path("id").asLong())
			.isGreaterThan(first.json().path("items").get(1).path("id").asLong());
		assertThat(minted.json().path("items").size()).isEqualTo(1);
		assertThat(api(tenant).get("/api/v1/batches?status=done").status()).isEqualTo(400);
		assertThat(api(tenant).get("/api/v1/batches?limit=0").status()).isEqualTo(400);
		assertThat(api(tenant).get("/api/v1/batches?limit=abc").status()).isEqualTo(400);
		assertThat(api(tenant).get("/api/v1/batches?cursor=zzz!").status()).isEqualTo(400);
		assertThat(api(tenant).get("/api/v1/batches/abc").status()).isEqualTo(400);
	}

}
