package io.dppmint.console.passport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.FieldError;
import io.dppmint.core.passport.FieldType;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.VisiblePassport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's passport editor: a form generated from a brand's schema for the fields of
 * one data level (a product's model-level fields, a batch's batch-level fields, a unit's
 * item-level fields), as text until it is submitted. Each input is named by the path the
 * validator reports its errors at ({@code passport.fibre_composition[1].percent}), so
 * every error the one intake finds lands next to its input. Lists are rows that are added
 * and removed by submitting the form (no script needed); blank rows are dropped before
 * saving. The data it makes replaces the subject's whole passport data: keys the schema
 * does not accept (any more) at the form's level are not in the form, and saving removes
 * them.
 */
public final class PassportForm {

	/** The first segment of every input's name: the validator's path prefix. */
	static final String PREFIX = "passport";

	/** A document reference's members, in the order they are shown. */
	static final List<String> DOCUMENT_PARTS = List.of("url", "title", "mediaType", "language", "sha256");

	private static final Map<String, String> DOCUMENT_LABELS = Map.of("url", "URL", "title", "Title", "mediaType",
			"Media type", "language", "Language", "sha256", "SHA-256");

	/** A number as a form sends it; anything else goes to the validator as text. */
	private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]{1,30}(\\.[0-9]{1,20})?");

	private static final Pattern KEY = Pattern.compile("passport\\.([a-z][a-z0-9_]{0,63})");

	private static final Pattern ROW = Pattern.compile("passport\\.([a-z][a-z0-9_]{0,63})\\[([0-9]{1,4})\\](.*)");

	/** Longer texts get a text area. */
	private static final int LONG_TEXT = 200;

	private final List<FieldDefinition> fields;

	private final Map<String, String> values;

	private final Map<String, Integer> rows;

	private PassportForm(List<FieldDefinition> fields, Map<String, String> values, Map<String, Integer> rows) {
		this.fields = fields;
		this.values = values;
		this.rows = rows;
	}

	/**
	 * The form's fields: the schema's fields of the level, then an open schema's
	 * undefined text fields that the data holds (at that level).
	 */
	private static List<FieldDefinition> fields(PassportSchema schema, DataLevel level, VisiblePassport current) {
		List<FieldDefinition> fields = new ArrayList<>(
				schema.fields().stream().filter((field) -> field.level() == level).toList());
		current.fields()
			.stream()
			.map(VisiblePassport.Field::definition)
			.filter((definition) -> !schema.defines(definition.key()) && definition.level() == level)
			.forEach(fields::add);
		return fields;
	}

	/**
	 * The form filled with the current data.
	 * @param schema the brand's schema
	 * @param level the level of the data edited
	 * @param current the subject's data as the console may see it
	 * @return the form
	 */
	static PassportForm of(PassportSchema schema, DataLevel level, VisiblePassport current) {
		List<FieldDefinition> fields = fields(schema, level, current);
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, Integer> rows = new LinkedHashMap<>();
		Map<String, JsonNode> data = new LinkedHashMap<>();
		current.fields().forEach((field) -> data.put(field.definition().key(), field.value()));
		for (FieldDefinition field : fields) {
			JsonNode value = data.get(field.key());
			String path = PREFIX + "." + field.key();
			if (value == null) {
				continue;
			}
			if (field.type() == FieldType.LIST) {
				if (value.isArray()) {
					rows.put(path, value.size());
					for (int i = 0; i < value.size(); i++) {
						fill(values, field.items(), path + "[" + i + "]", value.get(i));
					}
				}
			}
			else {
				fill(values, field, path, value);
			}
		}
		return new PassportForm(fields, values, rows);
	}

	private static void fill(Map<String, String> values, FieldDefinition field, String path, JsonNode value) {
		if (field.type() == FieldType.DOCUMENT || field.type() == FieldType.RECORD) {
			if (!value.isObject()) {
				return;
			}
			List<FieldDefinition> parts = (field.type() == FieldType.RECORD) ? field.fields() : null;
			if (parts == null) {
				for (String part : DOCUMENT_PARTS) {
					if (value.hasNonNull(part)) {
						values.put(path + "." + part, ShownValue.plain(value.get(part)));
					}
				}
				return;
			}
			for (FieldDefinition sub : parts) {
				if (value.hasNonNull(sub.key())) {
					fill(values, sub, path + "." + sub.key(), value.get(sub.key()));
				}
			}
			return;
		}
		values.put(path, ShownValue.plain(value));
	}

	/**
	 * The form as it was submitted.
	 * @param schema the brand's schema
	 * @param level the level of the data edited
	 * @param current the subject's data as the console may see it (for an open schema's
	 * undefined fields)
	 * @param parameters the request's parameters
	 * @return the form
	 */
	static PassportForm of(PassportSchema schema, DataLevel level, VisiblePassport current,
			Map<String, String[]> parameters) {
		List<FieldDefinition> fields = fields(schema, level, current);
		Map<String, FieldDefinition> lists = new LinkedHashMap<>();
		fields.stream()
			.filter((field) -> field.type() == FieldType.LIST)
			.forEach((field) -> lists.put(field.key(), field));
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, Integer> rows = new LinkedHashMap<>();
		parameters.forEach((name, given) -> {
			if (!name.startsWith(PREFIX + ".") || name.length() > 300 || given.length == 0) {
				return;
			}
			values.put(name, given[0]);
			Matcher row = ROW.matcher(name);
			if (row.matches() && lists.containsKey(row.group(1))) {
				int index = Integer.parseInt(row.group(2));
				if (index < lists.get(row.group(1)).maxItems()) {
					rows.merge(PREFIX + "." + row.group(1), index + 1, Math::max);
				}
			}
		});
		return new PassportForm(fields, values, rows);
	}

	/**
	 * The form with one more (empty) row in a list, unless it is full.
	 * @param listPath the list's path ({@code passport.key})
	 */
	PassportForm addRow(String listPath) {
		FieldDefinition list = list(listPath);
		if (list != null && rowsOf(listPath) < list.maxItems()) {
			this.rows.put(listPath, rowsOf(listPath) + 1);
		}
		return this;
	}

	/**
	 * The form without one row of a list; the rows after it move up.
	 * @param rowPath the row's path ({@code passport.key[2]})
	 */
	PassportForm removeRow(String rowPath) {
		Matcher row = ROW.matcher(rowPath);
		if (row.matches() && row.group(3).isEmpty() && list(PREFIX + "." + row.group(1)) != null) {
			remove(PREFIX + "." + row.group(1), Integer.parseInt(row.group(2)));
		}
		return this;
	}

	/** The form without the rows of its lists in which nothing was entered. */
	PassportForm withoutBlankRows() {
		for (FieldDefinition field : this.fields) {
			if (field.type() != FieldType.LIST) {
				continue;
			}
			String path = PREFIX + "." + field.key();
			for (int i = rowsOf(path) - 1; i >= 0; i--) {
				String rowPath = path + "[" + i + "]";
				boolean blank = this.values.entrySet()
					.stream()
					.filter((entry) -> entry.getKey().equals(rowPath) || entry.getKey().startsWith(rowPath + "."))
					.allMatch((entry) -> entry.getValue().isBlank());
				if (blank) {
					remove(path, i);
				}
			}
		}
		return this;
	}

	private void remove(String listPath, int index) {
		int count = rowsOf(listPath);
		if (index >= count) {
			return;
		}
		Map<String, String> moved = new LinkedHashMap<>();
		this.values.forEach((name, value) -> {
			Matcher row = ROW.matcher(name);
			if (!row.matches() || !name.startsWith(listPath + "[")) {
				moved.put(name, value);
				return;
			}
			int i = Integer.parseInt(row.group(2));
			if (i < index) {
				moved.put(name, value);
			}
			else if (i > index) {
				moved.put(listPath + "[" + (i - 1) + "]" + row.group(3), value);
			}
		});
		this.values.clear();
		this.values.putAll(moved);
		this.rows.put(listPath, count - 1);
	}

	private FieldDefinition list(String listPath) {
		return this.fields.stream()
			.filter((field) -> field.type() == FieldType.LIST && listPath.equals(PREFIX + "." + field.key()))
			.findFirst()
			.orElse(null);
	}

	private int rowsOf(String listPath) {
		return this.rows.getOrDefault(listPath, 0);
	}

	/**
	 * The passport data the form holds: a field left blank has no value, a list without
	 * rows neither. Numbers that are not numbers stay text, for the validator to refuse
	 * with its own message.
	 * @return the data, a JSON object
	 */
	ObjectNode toJson() {
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		for (FieldDefinition field : this.fields) {
			String path = PREFIX + "." + field.key();
			JsonNode value;
			if (field.type() == FieldType.LIST) {
				ArrayNode items = JsonNodeFactory.instance.arrayNode();
				for (int i = 0; i < rowsOf(path); i++) {
					JsonNode item = value(field.items(), path + "[" + i + "]");
					if (item != null) {
						items.add(item);
					}
				}
				value = items.isEmpty() ? null : items;
			}
			else {
				value = value(field, path);
			}
			if (value != null) {
				data.set(field.key(), value);
			}
		}
		return data;
	}

	private JsonNode value(FieldDefinition field, String path) {
		if (field.type() == FieldType.DOCUMENT || field.type() == FieldType.RECORD) {
			ObjectNode object = JsonNodeFactory.instance.objectNode();
			if (field.type() == FieldType.DOCUMENT) {
				for (String part : DOCUMENT_PARTS) {
					String text = this.values.get(path + "." + part);
					if (text != null && !text.isBlank()) {
						object.put(part, text.strip());
					}
				}
			}
			else {
				for (FieldDefinition sub : field.fields()) {
					JsonNode value = value(sub, path + "." + sub.key());
					if (value != null) {
						object.set(sub.key(), value);
					}
				}
			}
			return object.isEmpty() ? null : object;
		}
		return scalar(field, this.values.get(path));
	}

	/**
	 * A single value as typed into a form: {@code null} when blank; a number field's
	 * decimal as a JSON number (anything else stays text, for the validator to refuse
	 * with its path); other types as text, a text field's CRLF line breaks as LF.
	 * @param field the value's field
	 * @param text what was typed, or {@code null}
	 * @return the value, or {@code null}
	 */
	public static JsonNode scalar(FieldDefinition field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (field.type() == FieldType.TEXT) {
			// Browsers send a text area's line breaks as CRLF.
			return JsonNodeFactory.instance.stringNode(text.replace("\r\n", "\n"));
		}
		String stripped = text.strip();
		if (field.type() == FieldType.NUMBER && NUMBER.matcher(stripped).matches()) {
			return JsonNodeFactory.instance.numberNode(new BigDecimal(stripped));
		}
		return JsonNodeFactory.instance.stringNode(stripped);
	}

	/**
	 * The form's fields by section, for the page, each input with the errors at its path.
	 * @param errors the errors to show, or none
	 * @return the sections
	 */
	List<Section> sections(List<FieldError> errors) {
		Map<String, List<String>> byPath = new TreeMap<>();
		errors
			.forEach((error) -> byPath.computeIfAbsent(error.path(), (path) -> new ArrayList<>()).add(error.message()));
		List<Section> sections = new ArrayList<>();
		for (FieldDefinition field : this.fields) {
			String path = PREFIX + "." + field.key();
			Field shown;
			if (field.type() == FieldType.LIST) {
				List<Row> rows = new ArrayList<>();
				for (int i = 0; i < rowsOf(path); i++) {
					String rowPath = path + "[" + i + "]";
					rows.add(new Row(i, rowPath, id(rowPath), inputs(field.items(), rowPath, null, byPath),
							(field.items().type() == FieldType.RECORD || field.items().type() == FieldType.DOCUMENT)
									? byPath.getOrDefault(rowPath, List.of()) : List.of()));
				}
				shown = new Field(field, path, id(path), List.of(), rows, byPath.getOrDefault(path, List.of()),
						rowsOf(path) < field.maxItems());
			}
			else {
				List<Input> inputs = inputs(field, path, field.label(), byPath);
				shown = new Field(field, path, id(path), inputs, List.of(),
						(field.type() == FieldType.DOCUMENT) ? byPath.getOrDefault(path, List.of()) : List.of(), false);
			}
			String title = field.section();
			if (sections.isEmpty() || !Objects.equals(sections.getLast().title(), title)) {
				sections.add(new Section(title, new ArrayList<>()));
			}
			sections.getLast().fields().add(shown);
		}
		return sections;
	}

	/**
	 * The inputs of one value: one for a scalar, one per part of a document or record.
	 */
	private List<Input> inputs(FieldDefinition field, String path, String label, Map<String, List<String>> errors) {
		List<Input> inputs = new ArrayList<>();
		if (field.type() == FieldType.DOCUMENT) {
			for (String part : DOCUMENT_PARTS) {
				String name = path + "." + part;
				inputs.add(new Input(name, id(name), DOCUMENT_LABELS.get(part), part.equals("url") ? "url" : "text",
						this.values.getOrDefault(name, ""), null, List.of(), errors.getOrDefault(name, List.of()),
						part.equals("url") ? 2000 : 200, null, null));
			}
			return inputs;
		}
		if (field.type() == FieldType.RECORD) {
			for (FieldDefinition sub : field.fields()) {
				if (sub.type() == FieldType.DOCUMENT) {
					for (Input part : inputs(sub, path + "." + sub.key(), null, errors)) {
						inputs.add(new Input(part.name(), part.id(), sub.label() + " · " + part.label(), part.type(),
								part.value(), null, List.of(), part.errors(), part.maxLength(), null, null));
					}
				}
				else {
					inputs.add(scalar(sub, path + "." + sub.key(), sub.label(), errors));
				}
			}
			return inputs;
		}
		inputs.add(scalar(field, path, label, errors));
		return inputs;
	}

	private Input scalar(FieldDefinition field, String path, String label, Map<String, List<String>> errors) {
		String value = this.values.getOrDefault(path, "");
		String type = switch (field.type()) {
			case NUMBER -> "number";
			case DATE -> field.monthPrecision() ? "month" : "date";
			case ENUM -> "select";
			case URL -> "url";
			default ->
				(field.maxLength() != null && field.maxLength() > LONG_TEXT && label != null) ? "textarea" : "text";
		};
		List<Option> options = new ArrayList<>();
		if (field.type() == FieldType.ENUM) {
			field.values().forEach((code, text) -> options.add(new Option(code, text, code.equals(value))));
			if (!value.isEmpty() && !field.values().containsKey(value)) {
				options.add(new Option(value, value + " (not one of the schema's values)", true));
			}
		}
		return new Input(path, id(path), (label != null) ? label : "Value", type, value, field.shownUnit(), options,
				errors.getOrDefault(path, List.of()), (field.type() == FieldType.TEXT) ? field.maxLength() : null,
				(field.min() != null) ? field.min().toPlainString() : null,
				(field.max() != null) ? field.max().toPlainString() : null);
	}

	/**
	 * The errors as the form's summary lists them: each with its field's label and the id
	 * of the field it is shown at.
	 * @param errors the errors
	 * @return one line per error, in order
	 */
	List<Problem> summary(List<FieldError> errors) {
		List<Problem> lines = new ArrayList<>();
		for (FieldError error : errors) {
			Matcher key = KEY.matcher(error.path());
			String label = null;
			String anchor = null;
			if (key.lookingAt()) {
				for (FieldDefinition field : this.fields) {
					if (field.key().equals(key.group(1))) {
						label = field.label();
						anchor = "field-" + id(PREFIX + "." + field.key());
					}
				}
			}
			lines.add(new Problem(error.path(), label, anchor, error.message()));
		}
		return lines;
	}

	/** An element id for a path: {@code passport-fibre_composition-1-percent}. */
	static String id(String path) {
		return path.replace("]", "").replace('[', '-').replace('.', '-');
	}

	/**
	 * The form's fields of one section.
	 *
	 * @param title the section's heading, or {@code null}
	 * @param fields its fields
	 */
	record Section(String title, List<Field> fields) {
	}

	/**
	 * One field of the form: a scalar's input, a document's inputs, or a list's rows.
	 *
	 * @param definition the field
	 * @param path its path, the name of a scalar's input
	 * @param id its element id
	 * @param inputs a scalar's input or a document's inputs
	 * @param rows a list's rows
	 * @param errors errors of the whole field (a list's length or sum, a document)
	 * @param canAdd whether a list may have another row
	 */
	record Field(FieldDefinition definition, String path, String id, List<Input> inputs, List<Row> rows,
			List<String> errors, boolean canAdd) {

		public boolean isList() {
			return this.definition.type() == FieldType.LIST;
		}

		public boolean isDocument() {
			return this.definition.type() == FieldType.DOCUMENT;
		}

	}

	/**
	 * One row of a list.
	 *
	 * @param index its index, from 0
	 * @param path its path ({@code passport.key[2]})
	 * @param id its element id
	 * @param inputs its inputs
	 * @param errors errors of the whole row (a record's)
	 */
	record Row(int index, String path, String id, List<Input> inputs, List<String> errors) {
	}

	/**
	 * One input.
	 *
	 * @param name its name, the path of its value
	 * @param id its element id
	 * @param label its label
	 * @param type {@code text}, {@code textarea}, {@code number}, {@code date},
	 * {@code month}, {@code select} or {@code url}
	 * @param value its value, as text
	 * @param unit a number's unit, or {@code null}
	 * @param options a select's options
	 * @param errors its errors
	 * @param maxLength the most characters, or {@code null}
	 * @param min a number's least value, or {@code null}
	 * @param max a number's greatest value, or {@code null}
	 */
	record Input(String name, String id, String label, String type, String value, String unit, List<Option> options,
			List<String> errors, Integer maxLength, String min, String max) {

		public String errorId() {
			return "error-" + this.id;
		}

	}

	/**
	 * One line of the form's summary of errors.
	 *
	 * @param path where the error is
	 * @param label the label of the field it is in, or {@code null} for none the form has
	 * @param anchor the element id of that field, or {@code null}
	 * @param message what is wrong
	 */
	record Problem(String path, String label, String anchor, String message) {
	}

	/**
	 * An option of a select.
	 *
	 * @param code the value sent
	 * @param label what is shown
	 * @param selected whether it is chosen
	 */
	record Option(String code, String label, boolean selected) {
	}

}
