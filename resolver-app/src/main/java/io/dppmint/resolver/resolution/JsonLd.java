package io.dppmint.resolver.resolution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.FieldType;
import io.dppmint.core.passport.VisiblePassport;
import tools.jackson.databind.json.JsonMapper;

/**
 * The passport as JSON-LD 1.1 ({@code Accept: application/ld+json}): the same document as
 * the JSON answer, made linked data by an embedded {@code @context}, so one projection
 * ({@link VisiblePassport}) feeds both and nothing a caller may not see can reach either.
 * <p>
 * The context maps the document's members onto the GS1 Web Vocabulary ({@value #GS1}:
 * {@code gs1:gtin}, {@code gs1:productName}, {@code gs1:brand}, {@code gs1:manufacturer}
 * with its {@code gs1:globalLocationNumber}, {@code gs1:hasBatchLotNumber}) where it has
 * a term, and onto this platform's vocabulary ({@value #DPPM}) where it has none
 * (docs/passports.md lists every term). A brand's passport fields are terms of that
 * brand's vocabulary, {@code {resolver}/voc/brands/{code}#{field}}, typed from its schema
 * (numbers {@code xsd:decimal}, dates {@code xsd:date} or {@code xsd:gYearMonth}, URLs
 * and document links IRIs, lists ordered); the resolver serves that vocabulary at its IRI
 * ({@link #vocabulary}). The context is embedded rather than referenced, so a passport
 * stays readable as linked data without fetching anything else, for as long as it is
 * kept.
 */
final class JsonLd {

	static final String MEDIA_TYPE = "application/ld+json";

	/** Where the resolver serves each brand's vocabulary: {@code /voc/brands/{code}}. */
	static final String VOCABULARY_PREFIX = "/voc/brands/";

	static final String GS1 = "https://ref.gs1.org/voc/";

	static final String DPPM = Documents.LINEAGE_VOC;

	private static final String XSD = "http://www.w3.org/2001/XMLSchema#";

	private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

	private static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";

	private static final JsonMapper json = JsonMapper.builder().build();

	/** The members every passport document has, and their terms. */
	private static final Map<String, Object> DOCUMENT_TERMS = documentTerms();

	private JsonLd() {
	}

	/** The IRI of a brand's vocabulary; its terms are this plus {@code #field}. */
	static String vocabulary(Brand brand) {
		return brand.resolverBaseUrl() + VOCABULARY_PREFIX + brand.code();
	}

	/**
	 * The passport document ({@link Documents#passportDocument}) as JSON-LD: its members
	 * after an {@code @context} and an {@code @type}.
	 * @param document the JSON document's members
	 * @param brand whose passport it is
	 * @param passport what the caller may see: only these fields get terms
	 */
	static byte[] passport(Map<String, Object> document, Brand brand, VisiblePassport passport) {
		Map<String, Object> context = new LinkedHashMap<>(DOCUMENT_TERMS);
		context.put("passport", ordered("@id", "dppm:passport", "@context", passportContext(brand, passport)));
		Map<String, Object> linked = new LinkedHashMap<>();
		linked.put("@context", context);
		linked.put("@type", "gs1:Product");
		linked.putAll(document);
		return json.writeValueAsBytes(linked);
	}

	/**
	 * A brand's vocabulary: one {@code rdf:Property} per public field of its current
	 * schema, with its label, section, type, unit, data level and, for an enumeration,
	 * its codes. Restricted fields are described only by what the views that show them
	 * carry: their labels are the brand's to give, not the public's.
	 */
	static byte[] vocabulary(Brand brand, String label) {
		String vocabulary = vocabulary(brand);
		List<Map<String, Object>> terms = new ArrayList<>();
		for (FieldDefinition field : brand.passportSchema().fields()) {
			if (field.access() != AccessLevel.PUBLIC) {
				continue;
			}
			Map<String, Object> term = new LinkedHashMap<>();
			term.put("@id", vocabulary + "#" + field.key());
			term.put("@type", "rdf:Property");
			term.put("label", field.label());
			if (field.section() != null) {
				term.put("section", field.section());
			}
			FieldType type = field.type();
			term.put("fieldType", type.code());
			if (type == FieldType.LIST) {
				term.put("itemType", field.items().type().code());
			}
			FieldDefinition scalar = (type == FieldType.LIST) ? field.items() : field;
			if (scalar.unit() != null) {
				term.put("unitCode", scalar.unit());
				if (scalar.unitLabel() != null) {
					term.put("unitLabel", scalar.unitLabel());
				}
			}
			if (scalar.values() != null && !scalar.values().isEmpty()) {
				List<Map<String, Object>> codes = new ArrayList<>();
				scalar.values().forEach((code, name) -> codes.add(ordered("code", code, "label", name)));
				term.put("codes", codes);
			}
			term.put("dataLevel", field.level().code());
			term.put("required", field.required());
			terms.add(term);
		}
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("@version", 1.1);
		context.put("rdf", RDF);
		context.put("rdfs", RDFS);
		context.put("dppm", DPPM);
		context.put("xsd", XSD);
		context.put("label", "rdfs:label");
		context.put("section", "dppm:section");
		context.put("fieldType", "dppm:fieldType");
		context.put("itemType", "dppm:itemType");
		context.put("unitCode", "dppm:unitCode");
		context.put("unitLabel", "dppm:unitLabel");
		context.put("dataLevel", "dppm:dataLevel");
		context.put("required", ordered("@id", "dppm:requiredToMint", "@type", "xsd:boolean"));
		context.put("codes", ordered("@id", "dppm:code", "@context", ordered("code", "dppm:codeValue")));
		context.put("schemaVersion", ordered("@id", "dppm:schemaVersion", "@type", "xsd:integer"));
		context.put("terms", ordered("@reverse", "rdfs:isDefinedBy"));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("@context", context);
		document.put("@id", vocabulary);
		document.put("@type", "dppm:BrandVocabulary");
		document.put("label", label);
		document.put("schemaVersion", brand.passportSchema().version());
		document.put("terms", terms);
		return json.writeValueAsBytes(document);
	}

	/**
	 * The passport member's context: the brand's vocabulary, and a typed term for every
	 * visible field, so that no key falls back on a document-level term.
	 */
	private static Map<String, Object> passportContext(Brand brand, VisiblePassport passport) {
		String vocabulary = vocabulary(brand) + "#";
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("@vocab", vocabulary);
		for (VisiblePassport.Field field : passport.fields()) {
			context.put(field.definition().key(), term(field.definition(), vocabulary));
		}
		return context;
	}

	private static Map<String, Object> term(FieldDefinition field, String vocabulary) {
		Map<String, Object> term = new LinkedHashMap<>();
		term.put("@id", vocabulary + field.key());
		FieldDefinition value = field;
		if (field.type() == FieldType.LIST) {
			term.put("@container", "@list");
			value = field.items();
		}
		switch (value.type()) {
			case NUMBER -> term.put("@type", "xsd:decimal");
			case DATE -> term.put("@type", value.monthPrecision() ? "xsd:gYearMonth" : "xsd:date");
			case URL -> term.put("@type", "@id");
			case DOCUMENT -> term.put("@context", documentContext());
			case RECORD -> {
				Map<String, Object> fields = new LinkedHashMap<>();
				for (FieldDefinition sub : value.fields()) {
					fields.put(sub.key(), term(sub, vocabulary));
				}
				term.put("@context", fields);
			}
			default -> {
			}
		}
		return term;
	}

	/** A document reference's members ({@code {url, title, mediaType, ...}}). */
	private static Map<String, Object> documentContext() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("url", ordered("@id", "dppm:documentUrl", "@type", "@id"));
		context.put("title", "dppm:title");
		context.put("mediaType", "dppm:mediaType");
		context.put("language", "dppm:language");
		context.put("sha256", "dppm:sha256");
		return context;
	}

	/**
	 * A map of {@code key, value, key, value, ...} in that order: unlike {@code Map.of},
	 * replicas write the same bytes.
	 */
	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static Map<String, Object> documentTerms() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("@version", 1.1);
		context.put("gs1", GS1);
		context.put("dppm", DPPM);
		context.put("xsd", XSD);
		context.put("uri", "@id");
		context.put("type", "dppm:resolvedAs");
		context.put("identifier", "dppm:identifier");
		context.put("epc", ordered("@id", "dppm:epc", "@type", "@id"));
		context.put("status", "dppm:status");
		context.put("revokedAt", ordered("@id", "dppm:revokedAt", "@type", "xsd:dateTime"));
		context.put("nfc", ordered("@id", "dppm:nfcTap", "@context",
				ordered("verdict", "dppm:verdict", "counter", ordered("@id", "dppm:counter", "@type", "xsd:integer"))));
		context.put("signature", "dppm:signature");
		context.put("brand",
				ordered("@id", "gs1:brand", "@context", ordered("code", "dppm:brandCode", "name", "gs1:brandName")));
		// The product's members describe the passport's node itself.
		context.put("product", "@nest");
		context.put("sku", "dppm:modelIdentifier");
		context.put("name", "gs1:productName");
		context.put("gtin", "gs1:gtin");
		context.put("commodityCode", "dppm:commodityCode");
		context.put("lot", "gs1:hasBatchLotNumber");
		context.put("registrationIdentifier", "dppm:registrationIdentifier");
		context.put("operator", ordered("@id", "gs1:manufacturer", "@context",
				ordered("name", "gs1:organizationName", "gln", "gs1:globalLocationNumber")));
		context.put("accessLevel", "dppm:accessLevel");
		context.put("passportVersion", ordered("@id", "dppm:passportVersion", "@type", "xsd:integer"));
		context.put("schemaVersion", ordered("@id", "dppm:schemaVersion", "@type", "xsd:integer"));
		Map<String, Object> lineage = ordered("relation", "dppm:relation", "name", "gs1:productName");
		context.put("predecessors", ordered("@id", "dppm:predecessor", "@context", lineage));
		context.put("successors", ordered("@id", "dppm:successor", "@context", lineage));
		Map<String, Object> link = new LinkedHashMap<>();
		link.put("href", ordered("@id", "dppm:href", "@type", "@id"));
		link.put("title", "dppm:title");
		link.put("type", "dppm:mediaType");
		link.put("hreflang", "dppm:hreflang");
		link.put("context", "dppm:linkContext");
		link.put("linkType", ordered("@id", "dppm:linkType", "@type", "@vocab"));
		context.put("links", ordered("@id", "dppm:link", "@context", link));
		return Collections.unmodifiableMap(context);
	}

}
