package io.dppmint.resolver.resolution;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what the resolver answers: the passport (HTML for people, JSON for machines),
 * the GS1 linkset (RFC 9264, {@code application/linkset+json}), the revoked and error
 * answers, the static page for robots and the resolver description. Every value that
 * comes from the catalogue or the request is escaped here.
 */
final class Documents {

	static final String GS1_VOC = "https://gs1.org/voc/";

	static final String PASSPORT_PREFIX = "/passport";

	static final String PASSPORT_TITLE = "Digital Product Passport";

	/** What robots and link-preview fetchers get, whatever they ask for. */
	static final byte[] ROBOT_PAGE = """
			<!DOCTYPE html>
			<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>Digital Product Passport</title></head>
			<body><h1>Digital Product Passport</h1>
			<p>This link identifies a product and opens its Digital Product Passport. Scan it with a phone camera.</p>
			</body></html>
			""".getBytes(StandardCharsets.UTF_8);

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

	static byte[] linkset(Resolution resolution, List<PublishedLink> links) {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("anchor", anchor(resolution));
		context.put("itemDescription", description(resolution));
		String passport = passportUrl(resolution);
		Map<String, Object> html = link(passport, PASSPORT_TITLE, "text/html", "en");
		Map<String, Object> machine = link(passport, PASSPORT_TITLE + " (JSON)", "application/json", "en");
		context.put(GS1_VOC + "defaultLink", List.of(html));
		context.put(GS1_VOC + "dpp", List.of(html, machine));
		for (PublishedLink published : links) {
			@SuppressWarnings("unchecked")
			List<Object> targets = (List<Object>) context.computeIfAbsent(GS1_VOC + published.linkType(),
					(key) -> new ArrayList<>());
			targets.add(link(published.href(), published.title(), published.mediaType(), published.hreflang()));
		}
		return json.writeValueAsBytes(Map.of("linkset", List.of(context)));
	}

	private static Map<String, Object> link(String href, String title, String type, String hreflang) {
		Map<String, Object> link = new LinkedHashMap<>();
		link.put("href", href);
		link.put("title", title);
		if (type != null) {
			link.put("type", type);
		}
		if (hreflang != null) {
			link.put("hreflang", List.of(hreflang));
		}
		return link;
	}

	private static String description(Resolution resolution) {
		String what = switch (resolution.kind()) {
			case TOKEN -> "unit " + resolution.identifier();
			case LOT -> "lot " + resolution.lot().lotNumber();
			case PRODUCT -> "product";
		};
		return resolution.product().name() + " (" + resolution.brand().name() + "), " + what;
	}

	static byte[] passportJson(Resolution resolution, List<PublishedLink> links) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("type", resolution.kind().label());
		document.put("uri", anchor(resolution));
		if (resolution.tokenId() != null) {
			document.put("identifier", resolution.identifier());
			document.put("status", resolution.status().label());
			if (resolution.revokedAt() != null) {
				document.put("revokedAt", resolution.revokedAt().toString());
			}
		}
		Brand brand = resolution.brand();
		document.put("brand", Map.of("code", brand.code(), "name", brand.name()));
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
		document.put("passport", product.passport());
		List<Map<String, Object>> linksJson = new ArrayList<>();
		for (PublishedLink link : links) {
			Map<String, Object> linkJson = link(link.href(), link.title(), link.mediaType(), link.hreflang());
			linkJson.put("linkType", "gs1:" + link.linkType());
			linksJson.add(linkJson);
		}
		document.put("links", linksJson);
		return json.writeValueAsBytes(document);
	}

	static byte[] passportHtml(Resolution resolution, List<PublishedLink> links) {
		Product product = resolution.product();
		Brand brand = resolution.brand();
		StringBuilder html = new StringBuilder(2048);
		head(html, product.name() + " – " + PASSPORT_TITLE);
		html.append("<body><main><p class=\"brand\">").append(escape(brand.name())).append("</p><h1>");
		html.append(escape(product.name())).append("</h1><p>").append(PASSPORT_TITLE).append("</p>");
		if (resolution.tokenId() != null) {
			html.append("<p class=\"status status-").append(resolution.status().label()).append("\">");
			html.append(switch (resolution.status()) {
				case MINTED -> "Status: not yet activated";
				case ACTIVE -> "Status: active";
				case REVOKED -> "Status: revoked" + revokedOn(resolution.revokedAt());
			});
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
		}
		html.append("</dl>");
		if (!product.passport().isEmpty()) {
			html.append("<h2>Passport</h2><dl>");
			product.passport().forEach((name, value) -> row(html, name, value));
			html.append("</dl>");
		}
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
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		return json.writeValueAsBytes(problem);
	}

	static byte[] problemHtml(String title, String detail) {
		StringBuilder html = new StringBuilder(512);
		head(html, title);
		html.append("<body><main><h1>").append(escape(title)).append("</h1><p>").append(escape(detail));
		html.append("</p></main></body></html>\n");
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
		description.put("supportedLinkType",
				List.of(Map.of("namespace", GS1_VOC, "prefix", "gs1:", "profile", GS1_VOC + "?show=linktypes")));
		description.put("supportedContextValuesEnumerated", List.of());
		return json.writeValueAsBytes(description);
	}

	private static void head(StringBuilder html, String title) {
		html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
		html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
		html.append("<meta name=\"robots\" content=\"noindex\"><title>").append(escape(title)).append("</title>");
		html.append("<style>body{font-family:system-ui,sans-serif;margin:0;padding:1.5rem;max-width:40rem}");
		html.append("dt{font-weight:600}dd{margin:0 0 .6rem}.status-revoked{color:#b00020}</style></head>");
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
