package io.dppmint.console.passport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.FieldType;
import tools.jackson.databind.JsonNode;

/**
 * A passport value as a console page shows it, by its field's type: a number with its
 * unit, an enumeration by label (its code beside it), a URL or document as a link (only
 * an https one: data written under an earlier schema may hold anything), a list as a
 * list, a list of records as a table. Values that no longer fit their field's type are
 * shown as text, never dropped.
 *
 * @param text what is shown, or {@code null} for no value
 * @param href the link target ({@code https} only), or {@code null}
 * @param detail a note shown after it (an enumeration's code, a document's media type and
 * language), or {@code null}
 * @param items a list's items (text or links)
 * @param columns a table's column headings (a list of records)
 * @param rows a table's rows, one cell per column
 */
record ShownValue(String text, String href, String detail, List<ShownValue> items, List<String> columns,
		List<List<ShownValue>> rows) {

	private static final ShownValue NONE = new ShownValue(null, null, null, List.of(), List.of(), List.of());

	ShownValue {
		items = List.copyOf(items);
		columns = List.copyOf(columns);
		rows = rows.stream().map(List::copyOf).toList();
	}

	/** Whether there is nothing to show. */
	public boolean isEmpty() {
		return this.text == null && this.items.isEmpty() && this.columns.isEmpty();
	}

	public boolean isList() {
		return !this.items.isEmpty();
	}

	public boolean isTable() {
		return !this.columns.isEmpty();
	}

	/**
	 * How a value of a field is shown.
	 * @param definition the field
	 * @param value its value, or {@code null}
	 * @return the shown value
	 */
	static ShownValue of(FieldDefinition definition, JsonNode value) {
		if (value == null || value.isNull()) {
			return NONE;
		}
		return switch (definition.type()) {
			case NUMBER -> value.isNumber()
					? text(value.decimalValue().toPlainString()
							+ ((definition.shownUnit() != null) ? " " + definition.shownUnit() : ""), null)
					: text(plain(value), null);
			case ENUM -> {
				String code = plain(value);
				String label = (definition.values() != null) ? definition.values().get(code) : null;
				yield (label != null) ? text(label, code) : text(code, "not one of the schema's values");
			}
			case URL -> link(plain(value), plain(value), null);
			case DOCUMENT -> document(value);
			case LIST -> list(definition, value);
			default -> text(plain(value), null);
		};
	}

	private static ShownValue document(JsonNode value) {
		if (!value.isObject()) {
			return text(plain(value), null);
		}
		String url = plain(value.get("url"));
		String title = value.hasNonNull("title") ? plain(value.get("title")) : url;
		List<String> notes = new ArrayList<>();
		if (value.hasNonNull("mediaType")) {
			notes.add(plain(value.get("mediaType")));
		}
		if (value.hasNonNull("language")) {
			notes.add(plain(value.get("language")));
		}
		if (value.hasNonNull("sha256")) {
			notes.add("SHA-256 " + abbreviated(plain(value.get("sha256"))));
		}
		return link(title, url, notes.isEmpty() ? null : String.join(", ", notes));
	}

	private static ShownValue list(FieldDefinition definition, JsonNode value) {
		if (!value.isArray()) {
			return text(plain(value), null);
		}
		if (value.isEmpty()) {
			return text("none", null);
		}
		FieldDefinition items = definition.items();
		if (items.type() == FieldType.RECORD) {
			List<String> columns = items.fields()
				.stream()
				.map((sub) -> sub.label() + ((sub.shownUnit() != null) ? " (" + sub.shownUnit() + ")" : ""))
				.toList();
			List<List<ShownValue>> rows = new ArrayList<>();
			for (JsonNode item : value.values()) {
				List<ShownValue> cells = new ArrayList<>();
				for (FieldDefinition sub : items.fields()) {
					JsonNode part = item.isObject() ? item.get(sub.key()) : null;
					cells.add((sub.type() == FieldType.NUMBER && part != null && part.isNumber())
							? text(part.decimalValue().toPlainString(), null) : of(sub, part));
				}
				rows.add(cells);
			}
			return new ShownValue(null, null, null, List.of(), columns, rows);
		}
		List<ShownValue> shown = new ArrayList<>();
		for (JsonNode item : value.values()) {
			shown.add(of(items, item));
		}
		return new ShownValue(null, null, null, shown, List.of(), List.of());
	}

	private static ShownValue text(String text, String detail) {
		return new ShownValue(text, null, detail, List.of(), List.of(), List.of());
	}

	private static ShownValue link(String text, String url, String detail) {
		return new ShownValue(text, isHttps(url) ? url : null, detail, List.of(), List.of(), List.of());
	}

	/**
	 * A value's text: a string as it is, a number in plain notation, anything else as
	 * JSON.
	 */
	static String plain(JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isNumber()) {
			return value.decimalValue().toPlainString();
		}
		return value.toString();
	}

	/** The first 12 characters of a hash, enough to tell versions apart on a page. */
	static String abbreviated(String hash) {
		return (hash != null && hash.length() > 12) ? hash.substring(0, 12) + "…" : hash;
	}

	private static boolean isHttps(String url) {
		if (url == null || url.isEmpty()) {
			return false;
		}
		try {
			URI uri = new URI(url);
			return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
