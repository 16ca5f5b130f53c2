package io.dppmint.core.epcis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.dppmint.core.gs1.Gln;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.testsupport.EpcisJsonSchema;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EPCIS 2.0 documents as the writer streams them, checked against the standard's JSON
 * schema (EPCIS 2.0 §10, {@code EPCIS-JSON-Schema.json}) and the CBV 2.0 terms of
 * commissioning ({@code ADD}, {@code commissioning}, {@code active}) and decommissioning
 * ({@code DELETE}, {@code decommissioning}, {@code inactive}).
 */
class EpcisDocumentWriterTests {

	private static final IdentifierScheme identifiers = new IdentifierScheme(
			Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));

	private static final Gtin GTIN = new Gtin("09506000134352");

	private static final Instant TIME = Instant.parse("2026-01-05T09:59:58.123456Z");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void writesASchemaValidQueryDocumentWhoseEpcsAreTheUnitsSerials() {
		EpcisEvent commissioning = event(1, null, "ADD", "commissioning", "active", 7, Gln.parse("9506000134352"),
				1_000_001, 2500);
		EpcisEvent lot = event(2, "LOT(7)/A", "ADD", "commissioning", "active", 7, null, 3_000_001, 500);
		EpcisEvent decommissioning = event(3, null, "DELETE", "decommissioning", "inactive", 7, null, 1_000_005, 1);

		String document = write(EpcFormat.URN, commissioning, lot, decommissioning);

		assertThat(EpcisJsonSchema.validate(document)).as(document).isEmpty();
		JsonNode root = this.json.readTree(document);
		assertThat(root.path("type").asString()).isEqualTo("EPCISQueryDocument");
		assertThat(root.path("@context").get(0).asString()).isEqualTo(EpcisDocumentWriter.CONTEXT);
		JsonNode events = root.path("epcisBody").path("queryResults").path("resultsBody").path("eventList");
		assertThat(events).hasSize(3);
		JsonNode first = events.get(0);
		assertThat(first.path("eventID").asString()).isEqualTo("urn:uuid:" + commissioning.eventId());
		assertThat(first.path("eventTime").asString()).isEqualTo("2026-01-05T09:59:58.123Z");
		assertThat(first.path("action").asString()).isEqualTo("ADD");
		assertThat(first.path("bizStep").asString()).isEqualTo("commissioning");
		assertThat(first.path("disposition").asString()).isEqualTo("active");
		List<String> epcs = new ArrayList<>();
		first.path("epcList").forEach((epc) -> epcs.add(epc.asString()));
		assertThat(epcs).hasSize(2500).doesNotHaveDuplicates();
		String[] serials = identifiers.encodeRange(1_000_001, 2500);
		for (int i = 0; i < serials.length; i++) {
			assertThat(epcs.get(i)).isEqualTo("urn:epc:id:sgtin:9506000.013435." + serials[i]);
		}
		assertThat(first.path("readPoint").path("id").asString()).isEqualTo("urn:epc:id:sgln:9506000.13435.0");
		assertThat(first.path("bizLocation").path("id").asString()).isEqualTo("urn:epc:id:sgln:9506000.13435.0");
		JsonNode quantity = events.get(1).path("quantityList").get(0);
		assertThat(quantity.path("epcClass").asString()).isEqualTo("urn:epc:class:lgtin:9506000.013435.LOT(7)%2FA");
		assertThat(quantity.path("quantity").asInt()).isEqualTo(500);
		assertThat(events.get(1).has("epcList")).isFalse();
		assertThat(events.get(1).has("readPoint")).isFalse();
		JsonNode deleted = events.get(2);
		assertThat(deleted.path("action").asString()).isEqualTo("DELETE");
		assertThat(deleted.path("disposition").asString()).isEqualTo("inactive");
		assertThat(deleted.path("epcList").get(0).asString())
			.isEqualTo("urn:epc:id:sgtin:9506000.013435." + identifiers.encode(1_000_005));
	}

	@Test
	void writesDigitalLinkUrisWhenAskedOrWhenTheCompanyPrefixIsUnknown() {
		EpcisEvent unknownPrefix = event(1, null, "ADD", "commissioning", "active", null, Gln.parse("9506000134352"),
				42, 2);
		EpcisEvent lot = event(2, "L1", "ADD", "commissioning", "active", 7, Gln.parse("4087654000019"), 100, 3);

		String document = write(EpcFormat.DIGITAL_LINK, unknownPrefix, lot);

		assertThat(EpcisJsonSchema.validate(document)).as(document).isEmpty();
		JsonNode events = this.json.readTree(document)
			.path("epcisBody")
			.path("queryResults")
			.path("resultsBody")
			.path("eventList");
		assertThat(events.get(0).path("epcList").get(1).asString())
			.isEqualTo("https://id.gs1.org/01/09506000134352/21/" + identifiers.encode(43));
		assertThat(events.get(0).path("readPoint").path("id").asString())
			.isEqualTo("https://id.gs1.org/414/9506000134352");
		assertThat(events.get(1).path("quantityList").get(0).path("epcClass").asString())
			.isEqualTo("https://id.gs1.org/01/09506000134352/10/L1");
	}

	@Test
	void locatesAFacilityOutsideTheBrandsPrefixByDigitalLink() {
		// 4087654000019 is not under the GTIN's company prefix 9506000: its own prefix
		// length is unknown, so no SGLN can be formed.
		EpcisEvent event = event(1, null, "ADD", "commissioning", "active", 7, Gln.parse("4087654000019"), 1, 1);

		String document = write(EpcFormat.URN, event);

		assertThat(EpcisJsonSchema.validate(document)).isEmpty();
		assertThat(document).contains("\"readPoint\":{\"id\":\"https://id.gs1.org/414/4087654000019\"}");
	}

	@Test
	void writesACaptureDocument() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (EpcisDocumentWriter writer = new EpcisDocumentWriter(out, identifiers, EpcFormat.URN)) {
			writer.startCaptureDocument(TIME);
			writer.write(event(1, null, "ADD", "commissioning", "active", 7, null, 1, 3));
			writer.end();
		}
		String document = out.toString(StandardCharsets.UTF_8);

		assertThat(EpcisJsonSchema.validate(document)).as(document).isEmpty();
		JsonNode root = this.json.readTree(document);
		assertThat(root.path("type").asString()).isEqualTo("EPCISDocument");
		assertThat(root.path("schemaVersion").asString()).isEqualTo("2.0");
		assertThat(root.path("epcisBody").path("eventList").get(0).path("epcList")).hasSize(3);
	}

	@Test
	void theSchemaRefusesWhatTheStandardDoesNotAllow() {
		// A negative control: the validator in use does reject documents.
		String document = write(EpcFormat.URN, event(1, null, "ADD", "commissioning", "active", 7, null, 1, 1));

		assertThat(EpcisJsonSchema.validate(document.replace("\"ADD\"", "\"INSERT\""))).isNotEmpty();
		assertThat(EpcisJsonSchema.validate(document.replace("\"eventTimeZoneOffset\":\"+00:00\"", "\"x\":1")))
			.isNotEmpty();
	}

	@Test
	void streamsAMillionUnitEventWithoutHoldingIt() {
		// The writer derives serials in slices and hands the stream small writes as it
		// goes:
		// nothing of the size of the event is ever held, whatever the batch.
		CountingStream out = new CountingStream();
		try (EpcisDocumentWriter writer = new EpcisDocumentWriter(out, identifiers, EpcFormat.URN)) {
			writer.startCaptureDocument(TIME);
			writer.write(event(1, null, "ADD", "commissioning", "active", 7, null, 1, 1_000_000));
			writer.end();
		}

		assertThat(out.epcs).isEqualTo(1_000_000);
		assertThat(out.bytes).isGreaterThan(45_000_000L);
		assertThat(out.largestWrite).isLessThanOrEqualTo(64 * 1024);
	}

	/** Counts what is written, and the SGTINs in it, without keeping it. */
	private static final class CountingStream extends java.io.OutputStream {

		private static final byte[] SGTIN = "urn:epc:id:sgtin:".getBytes(StandardCharsets.US_ASCII);

		long bytes;

		long epcs;

		int largestWrite;

		private int matched;

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) {
			this.bytes += length;
			this.largestWrite = Math.max(this.largestWrite, length);
			for (int i = offset; i < offset + length; i++) {
				this.matched = (buffer[i] == SGTIN[this.matched]) ? this.matched + 1 : (buffer[i] == SGTIN[0]) ? 1 : 0;
				if (this.matched == SGTIN.length) {
					this.epcs++;
					this.matched = 0;
				}
			}
		}

	}

	private String write(EpcFormat format, EpcisEvent... events) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (EpcisDocumentWriter writer = new EpcisDocumentWriter(out, identifiers, format)) {
			writer.startQueryDocument(TIME);
			for (EpcisEvent event : events) {
				writer.write(event);
			}
			writer.end();
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static EpcisEvent event(long id, String lot, String action, String bizStep, String disposition,
			Integer prefixLength, Gln facility, long firstToken, int count) {
		return new EpcisEvent(id, UUID.randomUUID(), 1, 1, lot, action, bizStep, disposition, TIME, TIME, GTIN,
				prefixLength, facility, firstToken, count);
	}

}
