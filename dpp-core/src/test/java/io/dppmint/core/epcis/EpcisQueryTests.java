package io.dppmint.core.epcis;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dppmint.core.epcis.EpcisQuery.LotMatch;
import io.dppmint.core.epcis.EpcisQuery.UnitMatch;
import io.dppmint.core.gs1.Gln;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SimpleEventQuery subset (EPCIS 2.0 §8.2.7.1 and the REST bindings' query
 * parameters): every supported parameter in each of its forms, and a refusal naming the
 * parameter for anything else.
 */
class EpcisQueryTests {

	private static final IdentifierScheme identifiers = new IdentifierScheme(
			Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));

	private static final Gtin GTIN = new Gtin("09506000134352");

	@Test
	void readsEveryFilterInItsStandardForms() {
		String serial = identifiers.encode(1234);
		UUID eventId = UUID.randomUUID();
		EpcisQuery query = parse(Map.of("eventType", List.of("ObjectEvent"), "EQ_action", List.of("ADD,DELETE"),
				"EQ_bizStep",
				List.of("https://ref.gs1.org/cbv/BizStep-commissioning", "urn:epcglobal:cbv:bizstep:shipping"),
				"EQ_disposition", List.of("active"), "EQ_readPoint", List.of("urn:epc:id:sgln:9506000.13435.0"),
				"EQ_eventID", List.of("urn:uuid:" + eventId), "GE_eventTime", List.of("2026-01-05T10:00:00+01:00"),
				"LT_recordTime", List.of("2026-01-06T00:00:00Z"), "MATCH_epc",
				List.of("urn:epc:id:sgtin:9506000.013435." + serial,
						"https://id.example.com/01/09506000134352/21/" + serial,
						"urn:epc:idpat:sgtin:9506000.013435.*"),
				"MATCH_epcClass",
				List.of("urn:epc:class:lgtin:9506000.013435.LOT%2F7", "https://id.gs1.org/01/09506000134352/10/L2")));

		assertThat(query.eventTypes()).containsExactly("ObjectEvent");
		assertThat(query.actions()).containsExactly("ADD", "DELETE");
		assertThat(query.bizSteps()).containsExactly("commissioning", "shipping");
		assertThat(query.dispositions()).containsExactly("active");
		assertThat(query.readPoints()).containsExactly(Gln.parse("9506000134352"));
		assertThat(query.eventIds()).containsExactly(eventId);
		assertThat(query.eventTimeFrom()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
		assertThat(query.recordTimeTo()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z"));
		assertThat(query.units()).containsExactly(new UnitMatch(GTIN, 1234L), new UnitMatch(GTIN, 1234L),
				new UnitMatch(GTIN, null));
		assertThat(query.lots()).containsExactly(new LotMatch(GTIN, "LOT/7"), new LotMatch(GTIN, "L2"));
		assertThat(query.perPage()).isEqualTo(EpcisQuery.DEFAULT_PER_PAGE);
		assertThat(query.afterId()).isZero();
	}

	@Test
	void aSerialThatIsNotOneOfOursMatchesNothingRatherThanFailing() {
		EpcisQuery query = parse(Map.of("MATCH_epc", List.of("urn:epc:id:sgtin:9506000.013435.ABC")));

		assertThat(query.units()).containsExactly(new UnitMatch(GTIN, -1L));
	}

	@Test
	void pageTokensRoundTripAndForeignOnesAreRefused() {
		String token = EpcisQuery.nextPageToken(987);

		assertThat(parse(Map.of("nextPageToken", List.of(token), "perPage", List.of("500"))).afterId()).isEqualTo(987);
		assertRefused(Map.of("nextPageToken", List.of("bm90LWEtdG9rZW4")), "nextPageToken");
		assertRefused(Map.of("nextPageToken", List.of("%%%")), "nextPageToken");
		assertRefused(Map.of("perPage", List.of("501")), "perPage");
		assertRefused(Map.of("perPage", List.of("0")), "perPage");
		assertRefused(Map.of("perPage", List.of("ten")), "perPage");
	}

	@Test
	void refusesUnknownUnsupportedAndMalformedParametersByName() {
		assertRefused(Map.of("colour", List.of("red")), "colour");
		assertRefused(Map.of("orderBy", List.of("eventTime")), "orderBy");
		assertRefused(Map.of("EQ_quantity", List.of("5")), "EQ_quantity");
		assertRefused(Map.of("eventType", List.of("ScanEvent")), "eventType");
		assertRefused(Map.of("EQ_action", List.of("INSERT")), "EQ_action");
		assertRefused(Map.of("GE_eventTime", List.of("yesterday")), "GE_eventTime");
		assertRefused(Map.of("GE_eventTime", List.of("2026-01-05T10:00:00")), "GE_eventTime");
		assertRefused(Map.of("EQ_eventID", List.of("42")), "EQ_eventID");
		assertRefused(Map.of("MATCH_epc", List.of("urn:epc:id:sgtin:9506000.013435")), "MATCH_epc");
		assertRefused(Map.of("MATCH_epc", List.of("https://id.gs1.org/01/09506000134352/10/L1")), "MATCH_epc");
		assertRefused(Map.of("MATCH_epc", List.of("urn:epc:idpat:sgtin:9506000.*.*")), "MATCH_epc");
		assertRefused(Map.of("MATCH_epcClass", List.of("https://id.gs1.org/01/09506000134352")), "MATCH_epcClass");
		assertRefused(Map.of("EQ_bizLocation", List.of("factory")), "EQ_bizLocation");
	}

	private static EpcisQuery parse(Map<String, List<String>> parameters) {
		return EpcisQuery.parse(parameters, identifiers);
	}

	private static void assertRefused(Map<String, List<String>> parameters, String parameter) {
		assertThatExceptionOfType(EpcisQueryException.class).as(parameters.toString())
			.isThrownBy(() -> parse(parameters))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo(parameter))
			.satisfies((ex) -> assertThat(ex.type()).isEqualTo("QueryParameterException"));
	}

}
