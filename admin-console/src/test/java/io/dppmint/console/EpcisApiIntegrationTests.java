package io.dppmint.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.testsupport.EpcisJsonSchema;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EPCIS 2.0 query interface over real HTTP: documents valid against the EPCIS 2.0
 * JSON schema, pagination as the REST bindings define it ({@code perPage},
 * {@code Link: rel="next"} with {@code nextPageToken}, none on the last page), the
 * filters, the {@code GS1-EPC-Format} header, and refusals as
 * {@code epcisException:QueryParameterException}.
 */
class EpcisApiIntegrationTests extends ApiTestSupport {

	@Autowired
	IdentifierScheme identifiers;

	private final Fixtures fixtures = Fixtures.on(TestPostgres.get().dataSource());

	@Test
	void pagesWalkEveryEventOnceAndEveryPageIsAValidEpcisDocument() {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch serial = this.fixtures.aMintedBatch(product).quantity(4500).create();
		this.fixtures.aMintedBatch(product)
			.lots(new LotRequest("A-" + product.id(), 7), new LotRequest("B-" + product.id(), 3))
			.create();
		Http api = Http.withApiKey(this.port, this.apiKeys.create(product.brandId(), "epcis").secret());

		List<String> eventIds = new ArrayList<>();
		List<String> epcs = new ArrayList<>();
		int quantity = 0;
		int pages = 0;
		String next = "/api/v1/epcis/events?perPage=2&EQ_bizStep=commissioning";
		while (next != null) {
			Response page = api.get(next);
			pages++;
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			assertThat(page.header("GS1-EPCIS-Version")).isEqualTo("2.0.0");
			assertThat(page.header("GS1-CBV-Version")).isEqualTo("2.0.0");
			assertThat(EpcisJsonSchema.validate(page.body())).as(page.body()).isEmpty();
			JsonNode list = page.json().path("epcisBody").path("queryResults").path("resultsBody").path("eventList");
			assertThat(list.size()).isBetween(1, 2);
			for (JsonNode event : list) {
				eventIds.add(event.path("eventID").asString());
				event.path("epcList").forEach((epc) -> epcs.add(epc.asString()));
				event.path("quantityList").forEach((lot) -> lotQuantity(lot, product));
				quantity += event.path("quantityList")
					.valueStream()
					.mapToInt((lot) -> lot.path("quantity").asInt())
					.sum();
			}
			next = nextLink(page);
		}

		assertThat(pages).isEqualTo(4);
		assertThat(eventIds).hasSize(7).doesNotHaveDuplicates();
		assertThat(quantity).isEqualTo(10);
		String prefix = "urn:epc:id:sgtin:" + Fixtures.COMPANY_PREFIX + "." + product.gtin().value().charAt(0)
				+ product.gtin().value().substring(1 + Fixtures.COMPANY_PREFIX.length(), 13) + ".";
		assertThat(epcs).containsExactly(List.of(this.identifiers.encodeRange(serial.firstTokenId(), 4500))
			.stream()
			.map((s) -> prefix + s)
			.toArray(String[]::new));
	}

	@Test
	void findsAUnitsEventsByItsEpcInEitherIdentifierForm() {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(20).create();
		Http api = Http.withApiKey(this.port, this.apiKeys.create(product.brandId(), "epcis").secret());
		String serial = this.identifiers.encode(batch.firstTokenId() + 4);
		assertThat(api.post("/api/v1/tokens/" + serial + "/revoke", Map.of("reason", "Stolen")).status())
			.isEqualTo(200);
		String link = "https://id.gs1.org/01/" + product.gtin().value() + "/21/" + serial;

		Response ofUnit = api.send("GET", "/api/v1/epcis/events?MATCH_epc=" + link, null,
				Map.of("GS1-EPC-Format", "Always_GS1_Digital_Link", "Accept", "application/ld+json"));

		assertThat(ofUnit.status()).as(ofUnit.toString()).isEqualTo(200);
		assertThat(ofUnit.header("Content-Type")).startsWith("application/ld+json");
		assertThat(ofUnit.header("GS1-EPC-Format")).isEqualTo("Always_GS1_Digital_Link");
		assertThat(EpcisJsonSchema.validate(ofUnit.body())).isEmpty();
		JsonNode events = ofUnit.json().path("epcisBody").path("queryResults").path("resultsBody").path("eventList");
		assertThat(events.valueStream().map((event) -> event.path("action").asString())).containsExactly("ADD",
				"DELETE");
		assertThat(events.get(0).path("epcList")).hasSize(20);
		assertThat(events.get(1).path("epcList").get(0).asString()).isEqualTo(link);
		assertThat(events.get(1).path("bizStep").asString()).isEqualTo("decommissioning");
		assertThat(nextLink(ofUnit)).isNull();

		String eventId = events.get(1).path("eventID").asString();
		Response one = api.get("/api/v1/epcis/events/" + eventId);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().path("eventID").asString()).isEqualTo(eventId);
		assertThat(one.json().path("epcList").get(0).asString()).startsWith("urn:epc:id:sgtin:");
		Response foreign = Http.withApiKey(this.port, tenant().apiKey()).get("/api/v1/epcis/events/" + eventId);
		assertThat(foreign.status()).as("another brand's event").isEqualTo(404);
	}

	@Test
	void refusesAQueryItCannotAnswerAsTheStandardSays() {
		Tenant tenant = tenant();

		Response unknown = api(tenant).get("/api/v1/epcis/events?EQ_colour=red");
		Response unsupported = api(tenant).get("/api/v1/epcis/events?orderBy=eventTime");
		Response badTime = api(tenant).get("/api/v1/epcis/events?GE_eventTime=today");
		Response badToken = api(tenant).get("/api/v1/epcis/events?nextPageToken=forged");
		Response anonymous = anonymous().get("/api/v1/epcis/events");

		for (Response refused : List.of(unknown, unsupported, badTime, badToken)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.json().path("type").asString()).isEqualTo("epcisException:QueryParameterException");
		}
		assertThat(unknown.json().path("parameter").asString()).isEqualTo("EQ_colour");
		assertThat(unsupported.json().path("detail").asString()).contains("not supported");
		assertThat(badTime.json().path("parameter").asString()).isEqualTo("GE_eventTime");
		assertThat(anonymous.status()).isEqualTo(401);
	}

	@Test
	void aProductionRunsFacilityLocatesItsBatchesCommissioning() {
		Product product = this.fixtures.aGs1Product().create();
		Http api = Http.withApiKey(this.port, this.apiKeys.create(product.brandId(), "epcis").secret());
		Map<String, Object> run = Map.of("productId", product.id(), "erpReference", "RUN-" + product.id(),
				"plannedQuantity", 100, "facilityGln", "4087654000018");

		Response wrongCheckDigit = api.post("/api/v1/production-runs", run);
		Map<String, Object> valid = new HashMap<>(run);
		valid.put("facilityGln", "4087654000019");
		Response synced = api.post("/api/v1/production-runs", valid);

		assertThat(wrongCheckDigit.status()).isEqualTo(400);
		assertThat(wrongCheckDigit.errorCodes()).containsExactly("INVALID_GLN");
		assertThat(count("select count(*) from production_runs where erp_reference = ?", "RUN-" + product.id()))
			.isEqualTo(1);
		assertThat(synced.status()).as(synced.toString()).isEqualTo(201);
		assertThat(synced.json().path("facilityGln").asString()).isEqualTo("4087654000019");
		this.fixtures.aMintedBatch(product).quantity(5).productionRunId(synced.json().path("id").asLong()).create();
		Response events = api.get("/api/v1/epcis/events?EQ_bizLocation=urn:epc:id:sgln:4087654.00001.0");
		JsonNode event = events.json()
			.path("epcisBody")
			.path("queryResults")
			.path("resultsBody")
			.path("eventList")
			.get(0);
		assertThat(event.path("readPoint").path("id").asString()).isEqualTo("urn:epc:id:sgln:4087654.00001.0");
		assertThat(event.path("bizLocation").path("id").asString()).isEqualTo("urn:epc:id:sgln:4087654.00001.0");
		assertThat(api.get("/api/v1/epcis/events?EQ_readPoint=https://id.gs1.org/414/9506000134352")
			.json()
			.path("epcisBody")
			.path("queryResults")
			.path("resultsBody")
			.path("eventList")).isEmpty();
	}

	@Test
	void aBrandSetsItsRepositoryAndSeesEachBatchsPushState() {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(1500).create();
		Http api = Http.withApiKey(this.port, this.apiKeys.create(product.brandId(), "epcis").secret());
		assertThat(api.get("/api/v1/epcis/batches/" + batch.id()).json().path("push").asString())
			.isEqualTo("no_target");

		for (String refused : List.of("http://epcis.example.com/capture", "ftp://epcis.example.com/capture",
				"https://user:secret@epcis.example.com/capture", "https://epcis.example.com/capture?token=x",
				"not a url")) {
			Response response = api.send("PUT", "/api/v1/epcis/capture-target",
					Http.json.writeValueAsString(Map.of("captureUrl", refused)), Map.of());
			assertThat(response.status()).as(refused).isEqualTo(400);
			assertThat(response.errorCodes()).as(refused).containsExactly("INVALID_CAPTURE_URL");
		}
		assertThat(count("select count(*) from epcis_capture_targets where brand_id = ?", product.brandId())).isZero();

		Response saved = api.send("PUT", "/api/v1/epcis/capture-target",
				Http.json.writeValueAsString(Map.of("captureUrl", "https://epcis.example.com/capture")), Map.of());
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		assertThat(saved.json().path("status").asString()).isEqualTo("idle");
		assertThat(saved.json().path("pushedThrough").asLong()).isZero();
		JsonNode state = api.get("/api/v1/epcis/batches/" + batch.id()).json();
		assertThat(state.path("events").asLong()).isEqualTo(2);
		assertThat(state.path("push").asString()).isEqualTo("pending");

		this.jdbc
			.sql("update epcis_capture_targets set status = 'failed', last_error = '400 ValidationException' "
					+ "where brand_id = ?")
			.param(product.brandId())
			.update();
		assertThat(api.get("/api/v1/epcis/batches/" + batch.id()).json().path("push").asString()).isEqualTo("failed");
		Response retried = api.post("/api/v1/epcis/capture-target/retry", Map.of());
		assertThat(retried.json().path("status").asString()).isEqualTo("idle");
		this.jdbc
			.sql("update epcis_capture_targets set pushed_through = (select max(id) from epcis_events "
					+ "where batch_id = ?) where brand_id = ?")
			.param(batch.id())
			.param(product.brandId())
			.update();
		assertThat(api.get("/api/v1/epcis/batches/" + batch.id()).json().path("push").asString()).isEqualTo("captured");
		assertThat(count("select count(*) from audit_events where entity_type = 'epcis_capture' and brand_id = ?",
				product.brandId()))
			.isEqualTo(2);
		assertThat(Http.withApiKey(this.port, tenant().apiKey()).get("/api/v1/epcis/batches/" + batch.id()).status())
			.as("another brand's batch")
			.isEqualTo(404);
	}

	private static void lotQuantity(JsonNode lot, Product product) {
		assertThat(lot.path("epcClass").asString()).startsWith("urn:epc:class:lgtin:" + Fixtures.COMPANY_PREFIX + ".")
			.endsWith("-" + product.id());
	}

	/** The URL of the Link header's rel="next", or {@code null}. */
	private static String nextLink(Response page) {
		String link = page.header("Link");
		if (link == null) {
			return null;
		}
		assertThat(link).endsWith(">; rel=\"next\"");
		return link.substring(1, link.indexOf('>'));
	}

}
