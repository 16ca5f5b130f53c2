package io.dppmint.core.epcis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.gs1.Gln;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.core.gs1.Sgtin;
import io.dppmint.core.identifier.IdentifierScheme;

/**
 * The subset of the EPCIS 2.0 {@code SimpleEventQuery} (EPCIS 2.0 §8.2.7.1) that DPP
 * Mint's events can answer, parsed from the query parameters of {@code GET /events}
 * (EPCIS 2.0 REST bindings, {@code openapi.yaml}):
 * <ul>
 * <li>{@code eventType}, {@code EQ_action}, {@code EQ_bizStep}, {@code EQ_disposition},
 * {@code EQ_readPoint}, {@code EQ_bizLocation}, {@code EQ_eventID}: lists (repeated or
 * comma-separated), any value matching;</li>
 * <li>{@code GE_eventTime}, {@code LT_eventTime}, {@code GE_recordTime},
 * {@code LT_recordTime}: ISO 8601 date-times;</li>
 * <li>{@code MATCH_epc}: SGTIN URIs, {@code urn:epc:idpat:sgtin:...*} patterns or GS1
 * Digital Link URIs of units; {@code MATCH_epcClass}: LGTIN URIs, patterns or Digital
 * Link URIs of lots;</li>
 * <li>{@code perPage} (default {@value #DEFAULT_PER_PAGE}, at most
 * {@value #MAX_PER_PAGE}) and {@code nextPageToken}.</li>
 * </ul>
 * Any other parameter is refused with a {@link EpcisQueryException}, never ignored: a
 * filter silently dropped would answer a different question.
 *
 * @param eventTypes event types asked for (empty: all)
 * @param actions actions (empty: all)
 * @param bizSteps bare CBV business steps (empty: all)
 * @param dispositions bare CBV dispositions (empty: all)
 * @param readPoints facility GLNs of the read point (empty: all)
 * @param bizLocations facility GLNs of the business location (empty: all)
 * @param eventIds event ids (empty: all)
 * @param eventTimeFrom inclusive, or {@code null}
 * @param eventTimeTo exclusive, or {@code null}
 * @param recordTimeFrom inclusive, or {@code null}
 * @param recordTimeTo exclusive, or {@code null}
 * @param units units asked for by {@code MATCH_epc} (empty: all)
 * @param lots lots asked for by {@code MATCH_epcClass} (empty: all)
 * @param perPage events per page
 * @param afterId the last event id of the previous page (0 for the first)
 */
public record EpcisQuery(List<String> eventTypes, List<String> actions, List<String> bizSteps,
		List<String> dispositions, List<Gln> readPoints, List<Gln> bizLocations, List<UUID> eventIds,
		Instant eventTimeFrom, Instant eventTimeTo, Instant recordTimeFrom, Instant recordTimeTo, List<UnitMatch> units,
		List<LotMatch> lots, int perPage, long afterId) {

	/** Events per page when the client does not say (the REST bindings' default). */
	public static final int DEFAULT_PER_PAGE = 30;

	/** Most events one page may hold. */
	public static final int MAX_PER_PAGE = 500;

	private static final Set<String> EVENT_TYPES = Set.of("ObjectEvent", "AggregationEvent", "TransactionEvent",
			"TransformationEvent", "AssociationEvent");

	private static final Set<String> ACTIONS = Set.of("ADD", "OBSERVE", "DELETE");

	private static final String IDPAT_SGTIN = "urn:epc:idpat:sgtin:";

	private static final String LGTIN = "urn:epc:class:lgtin:";

	private static final List<String> SUPPORTED = List.of("eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime",
			"LT_recordTime", "EQ_action", "EQ_bizStep", "EQ_disposition", "EQ_readPoint", "EQ_bizLocation",
			"EQ_eventID", "MATCH_epc", "MATCH_epcClass", "perPage", "nextPageToken");

	private static final List<String> SUPPORTED_PREFIXES = List.of("EQ_", "GE_", "GT_", "LE_", "LT_", "MATCH_",
			"EXISTS_", "HASATTR_", "EQATTR_", "WD_", "orderBy", "orderDirection", "eventCountLimit", "maxEventCount");

	/**
	 * A unit, or every unit of a GTIN.
	 *
	 * @param gtin the GTIN
	 * @param tokenId the unit's token number, or {@code null} for every unit of the GTIN;
	 * {@code -1} for a serial that is not one of DPP Mint's (it matches nothing)
	 */
	public record UnitMatch(Gtin gtin, Long tokenId) {
	}

	/**
	 * A lot, or every lot of a GTIN.
	 *
	 * @param gtin the GTIN
	 * @param lotNumber the lot number, or {@code null} for every lot of the GTIN
	 */
	public record LotMatch(Gtin gtin, String lotNumber) {
	}

	/**
	 * Parse a request's query parameters.
	 * @param parameters each parameter's values, as the request carried them
	 * @param identifiers the scheme that turns serials back into token numbers
	 * @return the query
	 * @throws EpcisQueryException naming the first parameter that is unknown, malformed
	 * or not supported
	 */
	public static EpcisQuery parse(Map<String, List<String>> parameters, IdentifierScheme identifiers) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		parameters.forEach((name, given) -> {
			List<String> split = new ArrayList<>();
			for (String value : given) {
				for (String part : value.split(",")) {
					if (!part.isBlank()) {
						split.add(part.strip());
					}
				}
			}
			values.put(name, split);
		});
		for (String name : values.keySet()) {
			if (!SUPPORTED.contains(name)) {
				throw new EpcisQueryException(name,
						SUPPORTED_PREFIXES.stream().anyMatch(name::startsWith)
								? "Query parameter " + name + " is not supported by this EPCIS interface; it supports "
										+ String.join(", ", SUPPORTED)
								: "Unknown query parameter " + name);
			}
		}
		List<String> eventTypes = values.getOrDefault("eventType", List.of());
		for (String type : eventTypes) {
			if (!EVENT_TYPES.contains(type)) {
				throw new EpcisQueryException("eventType", "Unknown event type " + type + "; one of " + EVENT_TYPES);
			}
		}
		List<String> actions = values.getOrDefault("EQ_action", List.of());
		for (String action : actions) {
			if (!ACTIONS.contains(action)) {
				throw new EpcisQueryException("EQ_action", "Unknown action " + action + "; one of " + ACTIONS);
			}
		}
		List<String> bizSteps = values.getOrDefault("EQ_bizStep", List.of())
			.stream()
			.map((value) -> cbvTerm(value, "BizStep-", "urn:epcglobal:cbv:bizstep:"))
			.toList();
		List<String> dispositions = values.getOrDefault("EQ_disposition", List.of())
			.stream()
			.map((value) -> cbvTerm(value, "Disp-", "urn:epcglobal:cbv:disp:"))
			.toList();
		List<Gln> readPoints = locations(values, "EQ_readPoint");
		List<Gln> bizLocations = locations(values, "EQ_bizLocation");
		List<UUID> eventIds = new ArrayList<>();
		for (String value : values.getOrDefault("EQ_eventID", List.of())) {
			eventIds.add(eventId(value));
		}
		List<UnitMatch> units = new ArrayList<>();
		for (String value : values.getOrDefault("MATCH_epc", List.of())) {
			units.add(unit(value, identifiers));
		}
		List<LotMatch> lots = new ArrayList<>();
		for (String value : values.getOrDefault("MATCH_epcClass", List.of())) {
			lots.add(lot(value));
		}
		return new EpcisQuery(eventTypes, actions, bizSteps, dispositions, readPoints, bizLocations, eventIds,
				time(values, "GE_eventTime"), time(values, "LT_eventTime"), time(values, "GE_recordTime"),
				time(values, "LT_recordTime"), units, lots, perPage(values), afterId(values));
	}

	/** Whether the query can match nothing but DPP Mint's object events. */
	public boolean asksForObjectEvents() {
		return this.eventTypes.isEmpty() || this.eventTypes.contains("ObjectEvent");
	}

	/**
	 * The token to carry to the page after one that ended with this event.
	 * @param lastId the id of the page's last event
	 * @return an opaque token
	 */
	public static String nextPageToken(long lastId) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("after:" + lastId).getBytes(StandardCharsets.US_ASCII));
	}

	private static long afterId(Map<String, List<String>> values) {
		List<String> tokens = values.getOrDefault("nextPageToken", List.of());
		if (tokens.isEmpty()) {
			return 0;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(tokens.getFirst()), StandardCharsets.US_ASCII);
			if (tokens.size() == 1 && decoded.startsWith("after:")) {
				long id = Long.parseLong(decoded.substring(6));
				if (id > 0) {
					return id;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the refusal
		}
		throw new EpcisQueryException("nextPageToken",
				"'" + tokens.getFirst() + "' is not a page token this interface issued");
	}

	private static int perPage(Map<String, List<String>> values) {
		List<String> given = values.getOrDefault("perPage", List.of());
		if (given.isEmpty()) {
			return DEFAULT_PER_PAGE;
		}
		try {
			int perPage = Integer.parseInt(given.getFirst());
			if (given.size() == 1 && perPage >= 1 && perPage <= MAX_PER_PAGE) {
				return perPage;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the refusal
		}
		throw new EpcisQueryException("perPage", "perPage is a whole number from 1 to " + MAX_PER_PAGE);
	}

	private static Instant time(Map<String, List<String>> values, String name) {
		List<String> given = values.getOrDefault(name, List.of());
		if (given.isEmpty()) {
			return null;
		}
		try {
			if (given.size() == 1) {
				return OffsetDateTime.parse(given.getFirst()).toInstant();
			}
		}
		catch (DateTimeParseException ex) {
			// falls through to the refusal
		}
		throw new EpcisQueryException(name, name + " is one ISO 8601 date-time with offset, e.g. 2026-01-05T10:00:00Z");
	}

	/** A CBV term in bare form, from its bare, web URI or URN form. */
	private static String cbvTerm(String value, String webPrefix, String urnPrefix) {
		String lower = value.toLowerCase(Locale.ROOT);
		int web = value.indexOf(webPrefix);
		if (lower.startsWith("https://ref.gs1.org/cbv/") && web > 0) {
			return value.substring(web + webPrefix.length());
		}
		if (lower.startsWith(urnPrefix)) {
			return value.substring(urnPrefix.length());
		}
		return value;
	}

	private static List<Gln> locations(Map<String, List<String>> values, String name) {
		return values.getOrDefault(name, List.of())
			.stream()
			.map((value) -> gs1(name, () -> Gln.ofLocation(value)))
			.toList();
	}

	private static UUID eventId(String value) {
		String uuid = value.regionMatches(true, 0, "urn:uuid:", 0, 9) ? value.substring(9) : value;
		try {
			return UUID.fromString(uuid);
		}
		catch (IllegalArgumentException ex) {
			throw new EpcisQueryException("EQ_eventID", "An event id here is urn:uuid:<uuid>, not '" + value + "'");
		}
	}

	private static UnitMatch unit(String value, IdentifierScheme identifiers) {
		if (value.regionMatches(true, 0, IDPAT_SGTIN, 0, IDPAT_SGTIN.length())) {
			return new UnitMatch(patternGtin("MATCH_epc", value), null);
		}
		DigitalLink link;
		if (value.regionMatches(true, 0, Sgtin.PREFIX, 0, Sgtin.PREFIX.length())) {
			link = gs1("MATCH_epc", () -> Sgtin.parse(value)).toDigitalLink();
		}
		else {
			link = gs1("MATCH_epc", () -> DigitalLink.parse(value));
		}
		if (link.serial() == null) {
			throw new EpcisQueryException("MATCH_epc",
					"MATCH_epc names units (with a serial); a lot is MATCH_epcClass");
		}
		long tokenId;
		try {
			tokenId = identifiers.decode(link.serial());
		}
		catch (IllegalArgumentException ex) {
			tokenId = -1;
		}
		return new UnitMatch(link.gtin(), tokenId);
	}

	private static LotMatch lot(String value) {
		if (value.regionMatches(true, 0, IDPAT_SGTIN, 0, IDPAT_SGTIN.length())) {
			return new LotMatch(patternGtin("MATCH_epcClass", value), null);
		}
		if (value.regionMatches(true, 0, LGTIN, 0, LGTIN.length())) {
			// An LGTIN is an SGTIN's form with the lot in the serial's place.
			Sgtin asSgtin = gs1("MATCH_epcClass", () -> Sgtin.parse(Sgtin.PREFIX + value.substring(LGTIN.length())));
			return new LotMatch(asSgtin.gtin(), asSgtin.serial());
		}
		DigitalLink link = gs1("MATCH_epcClass", () -> DigitalLink.parse(value));
		if (link.lot() == null || link.serial() != null) {
			throw new EpcisQueryException("MATCH_epcClass",
					"MATCH_epcClass names lots: urn:epc:class:lgtin:..., or a Digital Link with a lot and no serial");
		}
		return new LotMatch(link.gtin(), link.lot());
	}

	/** The GTIN of {@code urn:epc:idpat:sgtin:CompanyPrefix.ItemReference.*}. */
	private static Gtin patternGtin(String parameter, String value) {
		String rest = value.substring(IDPAT_SGTIN.length());
		if (!rest.endsWith(".*")) {
			throw new EpcisQueryException(parameter,
					"Only whole-GTIN patterns are supported: urn:epc:idpat:sgtin:CompanyPrefix.ItemReference.*");
		}
		return gs1(parameter, () -> Sgtin.parse(Sgtin.PREFIX + rest.substring(0, rest.length() - 1) + "0")).gtin();
	}

	private static <T> T gs1(String parameter, java.util.function.Supplier<T> parse) {
		try {
			return parse.get();
		}
		catch (InvalidGs1DataException ex) {
			throw new EpcisQueryException(parameter, parameter + ": " + ex.getMessage());
		}
	}

}
