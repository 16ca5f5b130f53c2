package io.dppmint.resolver.resolution;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.VisiblePassport;
import tools.jackson.databind.JsonNode;

/**
 * Writes the passport data a caller may see ({@link VisiblePassport}: the only form the
 * resolver is given) as the page's sections and as the JSON document's {@code passport}
 * member. Values are shown by type: numbers with their unit, enumerations by label,
 * documents and URLs as links, lists as lists.
 */
final class PassportSections {

	private PassportSections() {
	}

	/** The JSON {@code passport} member: field key to typed value, in schema order. */
	static Map<String, JsonNode> json(VisiblePassport passport) {
		Map<String, JsonNode> values = new LinkedHashMap<>();
		passport.fields().forEach((field) -> values.put(field.definition().key(), field.value()));
		return values;
	}

	/** The page's passport sections, each field a term and its value. */
	static void html(StringBuilder html, VisiblePassport passport) {
		if (passport.isEmpty()) {
			return;
		}
		html.append("<h2>Passport</h2>");
		String section = null;
		boolean open = false;
		for (VisiblePassport.Field field : passport.fields()) {
			FieldDefinition definition = field.definition();
			if (!open || !Objects.equals(section, definition.section())) {
				if (open) {
					html.append("</dl>");
				}
				section = definition.section();
				if (section != null) {
					html.append("<h3>").append(Documents.escape(section)).append("</h3>");
				}
				html.append("<dl>");
				open = true;
			}
			html.append("<dt data-field=\"").append(Documents.escape(definition.key())).append("\">");
			html.append(Documents.escape(definition.label())).append("</dt><dd>");
			value(html, definition, field.value());
			html.append("</dd>");
		}
		html.append("</dl>");
	}

	private static void value(StringBuilder html, FieldDefinition definition, JsonNode value) {
		switch (definition.type()) {
			case NUMBER -> {
				html.append(Documents.escape(value.decimalValue().toPlainString()));
				if (definition.shownUnit() != null) {
					html.append("&nbsp;").append(Documents.escape(definition.shownUnit()));
				}
			}
			case ENUM ->
				html.append(Documents.escape(definition.values().getOrDefault(value.asString(), value.asString())));
			case URL -> link(html, value.asString(), value.asString());
			case DOCUMENT -> {
				link(html, value.path("url").asString(), value.path("title").asString());
				if (value.has("mediaType")) {
					html.append(" <small>(")
						.append(Documents.escape(value.get("mediaType").asString()))
						.append(")</small>");
				}
			}
			case LIST -> {
				html.append("<ul>");
				for (JsonNode item : value.values()) {
					html.append("<li>");
					value(html, definition.items(), item);
					html.append("</li>");
				}
				html.append("</ul>");
			}
			case RECORD -> {
				String separator = "";
				for (FieldDefinition sub : definition.fields()) {
					JsonNode part = item(value, sub.key());
					if (part != null) {
						html.append(separator);
						value(html, sub, part);
						separator = ", ";
					}
				}
			}
			default -> html.append(Documents.escape(value.asString()));
		}
	}

	private static JsonNode item(JsonNode record, String key) {
		JsonNode part = record.get(key);
		return (part == null || part.isNull()) ? null : part;
	}

	private static void link(StringBuilder html, String href, String text) {
		html.append("<a rel=\"noopener\" href=\"").append(Documents.escape(href)).append("\">");
		html.append(Documents.escape(text)).append("</a>");
	}

}
