package io.dppmint.resolver.resolution;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.core.gs1.Sgtin;
import io.dppmint.core.passport.AccessGrant;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.JdbcPassportLineage;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.passport.VisiblePassport;
import io.dppmint.resolver.nfc.ShownVerdict;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what the resolver answers: the passport (HTML for people, JSON for machines),
 * the GS1 linkset (RFC 9264, {@code application/linkset+json}, or a page), the revoked
 * and error answers, the preview page for link-preview fetchers and the resolver
 * description. Every value that comes from the catalogue or the request is escaped here.
 */
final class Documents {

	static final String PASSPORT_PREFIX = "/passport";

	static final String PASSPORT_TITLE = "Digital Product Passport";

	/** Relation types of successor passports, which GS1's vocabulary has none for. */
	static final String LINEAGE_VOC = "https://w3id.org/dppmint/voc/";

	/**
	 * Where the GS1 linkset JSON-LD context file is published (resolver standard 1.2).
	 */
	static final String LINKSET_CONTEXT = "https://ref.gs1.org/standards/resolver/linkset-context";

	private static final JsonMapper json = JsonMapper.builder().build();

	private Documents() {
	}

	/** The canonical URI of what was scanned, under its brand's resolver base URL. */
	static String anchor(Resolution resolution) {
		return resolution.brand().resolverBaseUrl() + resolution.target().path();
	}

	/** The public URL of the passport the resolver serves for what was scanned. */
	static String passportUrl(Resolution resolution) {
		return resolution.brand().resolverBaseUrl() + PASSPORT_PREFIX + resolution.target().path();
	}

	/**
	 * The RFC 9264 linkset of what was resolved: one context object whose anchor is its
	 * uncompressed URI, with every offered link under its link type's full URI.
	 */
	static byte[] linkset(Resolution resolution, List<OfferedLink> links) {
		return linkset(resolution, links, List.of());
	}

	/**
	 * The linkset, with the passports the product comes from and those that come from it
	 * under this platform's relation types
	 * ({@value #LINEAGE_VOC}{@code remanufacturedFrom}, ...): GS1 has no link type for
	 * them, and the GS1 linkset schema accepts a slash IRI.
	 */
	static byte[] linkset(Resolution resolution, List<OfferedLink> links, List<JdbcPassportLineage.Link> lineage) {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("anchor", anchor(resolution));
		context.put("itemDescription", description(resolution));
		for (OfferedLink offered : links) {
			@SuppressWarnings("unchecked")
			List<Object> targets = (List<Object>) context.computeIfAbsent(Negotiation.GS1_VOC + offered.linkType(),
					(key) -> new ArrayList<>());
			targets.add(linkObject(offered));
		}
		for (JdbcPassportLineage.Link link : lineage) {
			@SuppressWarnings("unchecked")
			List<Object> targets = (List<Object>) context.computeIfAbsent(LINEAGE_VOC + link.term(),
					(key) -> new ArrayList<>());
			Map<String, Object> target = new LinkedHashMap<>();
			target.put("href", link.uri());
			target.put("title", link.label() + ((link.name() != null) ? " " + link.name() : ""));
			targets.add(target);
		}
		return json.writeValueAsBytes(Map.of("linkset", List.of(context)));
	}

	private static Map<String, Object> linkObject(OfferedLink offered) {
		Map<String, Object> link = new LinkedHashMap<>();
		link.put("href", offered.href());
		link.put("title", offered.title());
		if (offered.type() != null) {
			link.put("type", offered.type());
		}
		if (offered.hreflang() != null) {
			link.put("hreflang", List.of(offered.hreflang()));
		}
		if (offered.context() != null) {
			link.put("context", List.of(offered.context()));
		}
		return link;
	}

	/** The linkset as a page, for a person who asked for it in a browser. */
	static byte[] linksetHtml(Resolution resolution, List<OfferedLink> links) {
		StringBuilder html = new StringBuilder(2048);
		head(html, "Links – " + resolution.product().name());
		html.append("<body><main><h1>").append(escape(description(resolution))).append("</h1><p>");
		html.append(escape(anchor(resolution))).append("</p><ul>");
		for (OfferedLink link : links) {
			html.append("<li><a rel=\"noopener\" href=\"").append(escape(link.href())).append("\">");
			html.append(escape(link.title())).append("</a> <code>gs1:").append(escape(link.linkType()));
			html.append("</code>");
			if (link.type() != null) {
				html.append(" ").append(escape(link.type()));
			}
			if (link.hreflang() != null) {
				html.append(" ").append(escape(link.hreflang()));
			}
			if (link.context() != null) {
				html.append(" (").append(escape(link.context())).append(")");
			}
			html.append("</li>");
		}
		html.append("</ul></main></body></html>\n");
		return html.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * {@code 300 Multiple Choices}: links the request cannot choose between (same type,
	 * same metadata), as a linkset or a page.
	 */
	static byte[] choices(Resolution resolution, List<OfferedLink> links, boolean html) {
		return html ? linksetHtml(resolution, links) : linkset(resolution, links);
	}

	/**
	 * What a link-preview fetcher gets for a page: a static page with Open Graph tags
	 * (product, brand, image if the passport names one) so that a shared link previews
	 * well, and nothing about the unit's status.
	 */
	static byte[] previewHtml(Resolution resolution) {
		Product product = resolution.product();
		Brand brand = resolution.brand();
		String title = product.name() + " – " + brand.name();
		String description = PASSPORT_TITLE + " of " + product.name() + " by " + brand.name();
		StringBuilder html = new StringBuilder(1024);
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
		html.append("<meta name=\"robots\" content=\"noindex\">");
		html.append("<title>").append(escape(title)).append("</title>");
		meta(html, "og:type", "product");
		meta(html, "og:title", title);
		meta(html, "og:description", description);
		meta(html, "og:site_name", brand.name());
		meta(html, "og:url", anchor(resolution));
		String image = image(resolution);
		if (image != null) {
			meta(html, "og:image", image);
		}
		html.append("</head><body><h1>").append(escape(product.name())).append("</h1><p>");
		html.append(escape(description)).append("</p></body></html>\n");
		return html.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void meta(StringBuilder html, String property, String content) {
		html.append("<meta property=\"").append(property).append("\" content=\"").append(escape(content)).append("\">");
	}

	/**
	 * The product's image: an {@code https} URL in a public passport field named image.
	 */
	private static String image(Resolution resolution) {
		for (String field : List.of("image", "image_url", "imageUrl", "photo")) {
			String value = publicPassport(resolution).fields()
				.stream()
				.filter((visible) -> visible.definition().key().equals(field) && visible.value().isString())
				.map((visible) -> visible.value().stringValue())
				.findFirst()
				.orElse(null);
			if (value != null && value.startsWith("https://") && value.length() <= 2000) {
				return value;
			}
		}
		return null;
	}

	private static String description(Resolution resolution) {
		String what = switch (resolution.kind()) {
			case TOKEN -> "unit " + resolution.identifier();
			case LOT -> "lot " + resolution.lot().lotNumber();
			case PRODUCT -> "product";
		};
		return resolution.product().name() + " (" + resolution.brand().name() + "), " + what;
	}

	/**
	 * What a public caller may see of the product's passport (the preview, the public
	 * page and JSON).
	 */
	static VisiblePassport publicPassport(Resolution resolution) {
		return passport(resolution, AccessLevel.PUBLIC);
	}

	/**
	 * What a caller at {@code level} may see of the product's passport: the only passport
	 * data a document is written from.
	 */
	static VisiblePassport passport(Resolution resolution, AccessLevel level) {
		return passport(resolution, resolution.product().passport(), level);
	}

	/**
	 * What a caller at {@code level} may see of {@code data}, the passport data of what
	 * was resolved (model, batch and item data together).
	 */
	static VisiblePassport passport(Resolution resolution, PassportValues data, AccessLevel level) {
		return VisiblePassport.project(resolution.brand().passportSchema(), data, level);
	}

	/**
	 * The passport as JSON, with {@code "signature": "valid"|"invalid"} when the scan
	 * presented a signed code's AI 8030 value, {@code "nfc"} with the verdict of the tap
	 * that led here, and {@code "registrationIdentifier"} when the caller may see the
	 * batch's EU DPP registration ({@code registration}, else {@code null}).
	 */
	static byte[] passportJson(Resolution resolution, List<PublishedLink> links, String signature, ShownVerdict verdict,
			AccessLevel level, List<JdbcPassportLineage.Link> lineage, PassportValues data, String registration) {
		return json.writeValueAsBytes(passportDocument(resolution, links, signature, verdict, lineage,
				passport(resolution, data, level), registration));
	}

	/**
	 * The passport as JSON-LD: the JSON document with an embedded context
	 * ({@link JsonLd}).
	 */
	static byte[] passportJsonLd(Resolution resolution, List<PublishedLink> links, String signature,
			ShownVerdict verdict, AccessLevel level, List<JdbcPassportLineage.Link> lineage, PassportValues data,
			String registration) {
		VisiblePassport passport = passport(resolution, data, level);
		return JsonLd.passport(passportDocument(resolution, links, signature, verdict, lineage, passport, registration),
				resolution.brand(), passport);
	}

	/** The passport document's members, showing {@code passport}'s fields only. */
	private static Map<String, Object> passportDocument(Resolution resolution, List<PublishedLink> links,
			String signature, ShownVerdict verdict, List<JdbcPassportLineage.Link> lineage, VisiblePassport passport,
			String registration) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("type", resolution.kind().label());
		document.put("uri", anchor(resolution));
		if (resolution.tokenId() != null) {
			document.put("identifier", resolution.identifier());
			String epc = epc(resolution);
			if (epc != null) {
				document.put("epc", epc);
			}
			document.put("status", resolution.status().label());
			if (resolution.revokedAt() != null) {
				document.put("revokedAt", resolution.revokedAt().toString());
			}
			if (verdict != null) {
				Map<String, Object> nfc = new LinkedHashMap<>();
				nfc.put("verdict", verdict.verdict().code());
				if (verdict.counter() >= 0) {
					nfc.put("counter", verdict.counter());
				}
				document.put("nfc", nfc);
			}
		}
		if (signature != null) {
			document.put("signature", signature);
		}
		Brand brand = resolution.brand();
		// Ordered maps: replicas must write the same bytes for the same passport.
		Map<String, Object> brandJson = new LinkedHashMap<>();
		brandJson.put("code", brand.code());
		brandJson.put("name", brand.name());
		document.put("brand", brandJson);
		Product product = resolution.product();
		Map<String, Object> productJson = new LinkedHashMap<>();
		productJson.put("sku", product.sku());
		productJson.put("name", product.name());
		if (product.gtin() != null) {
			productJson.put("gtin", product.gtin().value());
		}
		document.put("product", productJson);
		if (resolution.lot() != null) {
			document.put("lot", resolution.lot().lotNumber());
		}
		if (product.commodityCode() != null) {
			productJson.put("commodityCode", product.commodityCode());
		}
		if (brand.operatorGln() != null) {
			Map<String, Object> operator = new LinkedHashMap<>();
			operator.put("name", brand.name());
			operator.put("gln", brand.operatorGln());
			document.put("operator", operator);
		}
		if (registration != null) {
			document.put("registrationIdentifier", registration);
		}
		document.put("accessLevel", passport.level().code());
		document.put("passportVersion", product.passportVersion());
		document.put("schemaVersion", passport.schemaVersion());
		document.put("passport", PassportSections.json(passport));
		document.put("predecessors", lineageJson(lineage, JdbcPassportLineage.Direction.PREDECESSOR));
		document.put("successors", lineageJson(lineage, JdbcPassportLineage.Direction.SUCCESSOR));
		List<Map<String, Object>> linksJson = new ArrayList<>();
		for (PublishedLink link : links) {
			Map<String, Object> linkJson = new LinkedHashMap<>();
			linkJson.put("href", link.href());
			linkJson.put("title", link.title());
			if (link.mediaType() != null) {
				linkJson.put("type", link.mediaType());
			}
			if (link.hreflang() != null) {
				linkJson.put("hreflang", List.of(link.hreflang()));
			}
			if (link.context() != null) {
				linkJson.put("context", List.of(link.context()));
			}
			linkJson.put("linkType", "gs1:" + link.linkType());
			linksJson.add(linkJson);
		}
		document.put("links", linksJson);
		return document;
	}

	private static List<Map<String, Object>> lineageJson(List<JdbcPassportLineage.Link> lineage,
			JdbcPassportLineage.Direction direction) {
		List<Map<String, Object>> links = new ArrayList<>();
		for (JdbcPassportLineage.Link link : lineage) {
			if (link.direction() == direction) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("relation", link.relation());
				json.put("uri", link.uri());
				if (link.name() != null) {
					json.put("name", link.name());
				}
				links.add(json);
			}
		}
		return links;
	}

	/**
	 * The EPC pure-identity URI ({@code urn:epc:id:sgtin:}) of a GS1 unit, or
	 * {@code null} for anything else.
	 */
	static String epc(Resolution resolution) {
		if (resolution.kind() != Resolution.Kind.TOKEN || !(resolution.target() instanceof ScanTarget.Gs1 gs1)) {
			return null;
		}
		try {
			return Sgtin.of(gs1.link(), resolution.brand().gs1CompanyPrefix()).toUri();
		}
		catch (InvalidGs1DataException ex) {
			return null;
		}
	}

	/**
	 * The passport page, with a line saying whether a scanned signed code's signature is
	 * valid, the verdict of the NFC tap that led here, and the batch's EU DPP
	 * registration identifier when the caller may see it ({@code registration}, else
	 * {@code null}).
	 */
	static byte[] passportHtml(Resolution resolution, List<PublishedLink> links, String signature, ShownVerdict verdict,
			AccessGrant grant, List<JdbcPassportLineage.Link> lineage, PassportValues data, String registration) {
		Product product = resolution.product();
		Brand brand = resolution.brand();
		StringBuilder html = new StringBuilder(2048);
		head(html, product.name() + " – " + PASSPORT_TITLE);
		html.append("<body><main><p class=\"brand\">").append(escape(brand.name())).append("</p><h1>");
		html.append(escape(product.name())).append("</h1><p>").append(PASSPORT_TITLE).append("</p>");
		if (grant != null) {
			html.append("<p class=\"access access-").append(grant.level().code().replace('_', '-')).append("\">");
			html.append("Restricted view (").append(grant.level().code().replace('_', ' ')).append("), for ");
			html.append(escape(grant.holderName())).append(": this page is not to be shared</p>");
		}
		if (verdict != null) {
			html.append("<p class=\"nfc nfc-").append(verdict.verdict().code().replace('_', '-')).append("\">");
			html.append(escape(verdict.verdict().label())).append("</p>");
		}
		if (resolution.tokenId() != null) {
			html.append("<p class=\"status status-").append(resolution.status().label()).append("\">");
			html.append(switch (resolution.status()) {
				case MINTED -> "Status: not yet activated";
				case ACTIVE -> "Status: active";
				case REVOKED -> "Status: revoked" + revokedOn(resolution.revokedAt());
			});
			html.append("</p>");
		}
		if (signature != null) {
			html.append("<p class=\"signature signature-").append(signature).append("\">");
			html.append("valid".equals(signature)
					? "Signature (GS1 AI 8030): valid, signed by " + escape(resolution.brand().name())
					: "Signature (GS1 AI 8030): invalid, this code was not signed by its brand");
			html.append("</p>");
		}
		html.append("<h2>Identification</h2><dl>");
		row(html, "SKU", product.sku());
		if (product.gtin() != null) {
			row(html, "GTIN", product.gtin().value());
		}
		if (resolution.lot() != null) {
			row(html, "Lot", resolution.lot().lotNumber());
		}
		if (resolution.tokenId() != null) {
			row(html, (product.gtin() != null) ? "Serial number" : "Passport id", resolution.identifier());
			String epc = epc(resolution);
			if (epc != null) {
				row(html, "EPC", epc);
			}
		}
		if (product.commodityCode() != null) {
			row(html, "Commodity code", product.commodityCode());
		}
		if (brand.operatorGln() != null) {
			row(html, "Operator (GLN)", brand.operatorGln());
		}
		if (registration != null) {
			row(html, "EU DPP registration", registration);
		}
		html.append("</dl>");
		if (!lineage.isEmpty()) {
			html.append("<h2>Lineage</h2><dl class=\"lineage\">");
			for (JdbcPassportLineage.Link link : lineage) {
				html.append("<dt>").append(escape(link.label())).append("</dt><dd><a rel=\"noopener\" href=\"");
				html.append(escape(link.uri())).append("\">");
				html.append(escape((link.name() != null) ? link.name() : link.uri())).append("</a></dd>");
			}
			html.append("</dl>");
		}
		PassportSections.html(html, passport(resolution, data, (grant != null) ? grant.level() : AccessLevel.PUBLIC));
		if (!links.isEmpty()) {
			html.append("<h2>More from ").append(escape(brand.name())).append("</h2><ul>");
			for (PublishedLink link : links) {
				html.append("<li><a rel=\"noopener\" href=\"").append(escape(link.href())).append("\">");
				html.append(escape(link.title())).append("</a></li>");
			}
			html.append("</ul>");
		}
		html.append("</main></body></html>\n");
		return html.toString().getBytes(StandardCharsets.UTF_8);
	}

	static byte[] revokedHtml(Resolution resolution) {
		StringBuilder html = new StringBuilder(1024);
		head(html, "Revoked – " + PASSPORT_TITLE);
		html.append("<body><main><h1>This passport has been revoked</h1><p>");
		html.append(escape(resolution.brand().name())).append(" revoked the Digital Product Passport of this ");
		html.append(escape(resolution.product().name())).append(revokedOn(resolution.revokedAt()));
		html.append(
				". It no longer stands for a genuine product; do not rely on this label.</p></main></body></html>\n");
		return html.toString().getBytes(StandardCharsets.UTF_8);
	}

	static byte[] revokedJson(Resolution resolution) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", "Revoked");
		problem.put("status", 410);
		problem.put("detail", "This Digital Product Passport has been revoked");
		problem.put("uri", anchor(resolution));
		problem.put("identifier", resolution.identifier());
		if (resolution.revokedAt() != null) {
			problem.put("revokedAt", resolution.revokedAt().toString());
		}
		return json.writeValueAsBytes(problem);
	}

	static byte[] problemJson(int status, String title, String detail) {
		return problemJson(status, title, detail, null);
	}

	/**
	 * An RFC 9457 problem; {@code linkTypes}, when given, lists the link types available
	 * for the identifier (a requested link type that is not among them is a 404).
	 */
	static byte[] problemJson(int status, String title, String detail, Collection<String> linkTypes) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		if (linkTypes != null) {
			problem.put("linkTypes", List.copyOf(linkTypes));
		}
		return json.writeValueAsBytes(problem);
	}

	static byte[] problemHtml(String title, String detail) {
		return problemHtml(title, detail, null);
	}

	static byte[] problemHtml(String title, String detail, Collection<String> linkTypes) {
		StringBuilder html = new StringBuilder(512);
		head(html, title);
		html.append("<body><main><h1>").append(escape(title)).append("</h1><p>").append(escape(detail));
		html.append("</p>");
		if (linkTypes != null) {
			html.append("<p>Link types available:</p><ul>");
			for (String linkType : linkTypes) {
				html.append("<li><code>").append(escape(linkType)).append("</code></li>");
			}
			html.append("</ul>");
		}
		html.append("</main></body></html>\n");
		return html.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The resolver description a GS1-conformant resolver publishes at
	 * {@code /.well-known/gs1resolver}.
	 */
	static byte[] resolverDescription(String resolverRoot) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("name", "DPP Mint resolver");
		description.put("resolverRoot", resolverRoot);
		description.put("supportedPrimaryKeys", List.of("01"));
		description.put("linkTypeDefaultCanBeLinkset", false);
		Map<String, Object> linkTypes = new LinkedHashMap<>();
		linkTypes.put("namespace", Negotiation.GS1_VOC);
		linkTypes.put("prefix", "gs1:");
		description.put("supportedLinkType", List.of(linkTypes));
		description.put("supportedContextValuesEnumerated", List.of());
		// Our extension, named after RFC 8414's member: where verifiers find the brands'
		// signing keys (GS1 AI 8030, docs/signatures.md).
		description.put("jwks_uri", resolverRoot + Signatures.JWKS_PATH);
		return json.writeValueAsBytes(description);
	}

	private static void head(StringBuilder html, String title) {
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
		html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
		html.append("<meta name=\"robots\" content=\"noindex\"><title>").append(escape(title)).append("</title>");
		html.append("<style>body{font-family:system-ui,sans-serif;margin:0;padding:1.5rem;max-width:40rem}");
		html.append("dt{font-weight:600}dd{margin:0 0 .6rem}.status-revoked,.signature-invalid,.nfc-not-genuine");
		html.append("{color:#b00020}.nfc-genuine{color:#0a7d32}.nfc{font-weight:600}</style></head>");
	}

	private static void row(StringBuilder html, String name, String value) {
		html.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>");
	}

	private static String revokedOn(Instant revokedAt) {
		return (revokedAt != null) ? " on " + revokedAt.toString().substring(0, 10) : "";
	}

	static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String replacement = switch (c) {
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '&' -> "&amp;";
				case '"' -> "&quot;";
				case '\'' -> "&#39;";
				default -> null;
			};
			if (replacement != null) {
				if (out == null) {
					out = new StringBuilder(text.length() + 16).append(text, 0, i);
				}
				out.append(replacement);
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return (out != null) ? out.toString() : text;
	}

}
