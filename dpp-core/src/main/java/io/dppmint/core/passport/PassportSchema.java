package io.dppmint.core.passport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A brand's passport schema at one version: its fields, in the order they are shown. A
 * schema is read from its JSON definition with {@link #parse}, which refuses (listing
 * every error) anything a passport could not be validated or shown against: duplicate or
 * reserved keys, a required item-level field, a number without unit, a list without
 * items, more than {@value #MAX_FIELDS} fields. docs/passports.md describes the JSON
 * form.
 *
 * @param version the brand's schema version, from 1; 0 for a schema not yet published
 * @param fields the fields, in order
 * @param additionalText whether the schema is open: a key it does not define is accepted
 * as a public, model-level text field, shown after the defined ones. The schemas brands
 * had before typed schemas (a list of required names) are open, so that nothing they
 * showed disappears; a schema a brand publishes is closed unless it says otherwise.
 */
public record PassportSchema(int version, List<FieldDefinition> fields, boolean additionalText) {

	/** The most fields a schema may have. */
	public static final int MAX_FIELDS = 500;

	static final int MAX_TEXT_LENGTH = 10_000;

	static final int MAX_LIST_ITEMS = 1_000;

	private static final int DEFAULT_LIST_ITEMS = 100;

	private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private static final Pattern UNIT = Pattern.compile("[A-Z0-9]{2,3}");

	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	/**
	 * Keys the platform fills itself (identity, operator, facility, registry): a schema
	 * cannot redefine them.
	 */
	public static final Set<String> RESERVED_KEYS = Set.of("gtin", "sku", "model_identifier", "name", "brand",
			"commodity_code", "operator", "operator_gln", "facility_gln", "lot", "serial", "registration_identifier",
			"identifier", "status");

	public PassportSchema {
		fields = List.copyOf(fields);
	}

	/** An empty schema: no fields. */
	public static PassportSchema empty() {
		return new PassportSchema(0, List.of(), false);
	}

	/**
	 * The field with this key.
	 * @param key a field key
	 * @return the field, or empty
	 */
	public Optional<FieldDefinition> field(String key) {
		for (FieldDefinition field : this.fields) {
			if (field.key().equals(key)) {
				return Optional.of(field);
			}
		}
		if (this.additionalText && KEY.matcher(key).matches() && !RESERVED_KEYS.contains(key)) {
			return Optional.of(text(key, false));
		}
		return Optional.empty();
	}

	/** Whether {@code key} is one of the fields the schema defines. */
	public boolean defines(String key) {
		return this.fields.stream().anyMatch((field) -> field.key().equals(key));
	}

	private static FieldDefinition text(String key, boolean required) {
		return new FieldDefinition(key, key, null, FieldType.TEXT, required, DataLevel.MODEL, AccessLevel.PUBLIC, null,
				null, null, null, null, MAX_TEXT_LENGTH, false, null, null, null, null, null, null, null);
	}

	/** The keys of the fields required before minting, at {@code level}, in order. */
	public List<String> required(DataLevel level) {
		return this.fields.stream()
			.filter((f) -> f.required() && f.level() == level)
			.map(FieldDefinition::key)
			.toList();
	}

	/**
	 * An open schema of required text fields, public, at model level: the form the first
	 * configuration (a list of required field names) takes.
	 * @param version the version
	 * @param names the field keys
	 * @return the schema
	 */
	public static PassportSchema ofRequiredText(int version, List<String> names) {
		return new PassportSchema(version, names.stream().map((name) -> text(name, true)).toList(), true);
	}

	/**
	 * Read a schema definition.
	 * @param version the version it gets
	 * @param definition the JSON definition: {@code {"fields": [...]}}
	 * @return the schema
	 * @throws PassportValidationException listing every error
	 */
	public static PassportSchema parse(int version, JsonNode definition) {
		List<FieldError> errors = new ArrayList<>();
		List<FieldDefinition> fields = new ArrayList<>();
		boolean additionalText = false;
		if (definition == null || !definition.isObject()) {
			errors.add(new FieldError("", "WRONG_TYPE", "A passport schema is a JSON object with a 'fields' array"));
		}
		else {
			unknown(definition, "", Set.of("fields", "additionalText"), errors);
			additionalText = bool(definition, "additionalText", "", errors);
			JsonNode array = definition.get("fields");
			if (array == null || !array.isArray()) {
				errors.add(new FieldError("fields", "REQUIRED", "A passport schema needs a 'fields' array"));
			}
			else if (array.size() > MAX_FIELDS) {
				errors.add(new FieldError("fields", "TOO_MANY_FIELDS",
						"A passport schema has at most " + MAX_FIELDS + " fields, not " + array.size()));
			}
			else {
				Set<String> keys = new HashSet<>();
				for (int i = 0; i < array.size(); i++) {
					String path = "fields[" + i + "]";
					FieldDefinition field = field(array.get(i), path, false, errors);
					if (field == null) {
						continue;
					}
					if (!keys.add(field.key())) {
						errors.add(new FieldError(path + ".key", "DUPLICATE_KEY",
								"Field key '" + field.key() + "' is defined twice"));
					}
					if (RESERVED_KEYS.contains(field.key())) {
						errors.add(new FieldError(path + ".key", "RESERVED_KEY", "Field key '" + field.key()
								+ "' is filled by the platform itself and cannot be defined; choose another key"));
					}
					fields.add(field);
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new PassportValidationException("The passport schema was refused", errors);
		}
		return new PassportSchema(version, fields, additionalText);
	}

	private static FieldDefinition field(JsonNode node, String path, boolean nested, List<FieldError> errors) {
		if (node == null || !node.isObject()) {
			errors.add(new FieldError(path, "WRONG_TYPE", path + " must be a JSON object"));
			return null;
		}
		int before = errors.size();
		unknown(node, path,
				Set.of("key", "label", "section", "type", "required", "level", "access", "unit", "unitLabel", "min",
						"max", "scale", "maxLength", "precision", "values", "items", "fields", "minItems", "maxItems",
						"sumEquals"),
				errors);
		String key = nested && path.endsWith(".items") ? "item" : text(node, "key", path, true, 64, errors);
		if (key != null && !KEY.matcher(key).matches()) {
			errors.add(new FieldError(path + ".key", "INVALID_KEY",
					"Field key '" + key + "' must be a lowercase letter followed by lowercase letters, digits or '_'"));
		}
		String label = text(node, "label", path, false, 200, errors);
		String section = text(node, "section", path, false, 100, errors);
		FieldType type = null;
		String typeCode = text(node, "type", path, true, 20, errors);
		if (typeCode != null) {
			try {
				type = FieldType.of(typeCode);
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError(path + ".type", "UNKNOWN_TYPE", ex.getMessage()));
			}
		}
		if (type == FieldType.RECORD && !path.endsWith(".items")) {
			errors.add(new FieldError(path + ".type", "RECORD_OUTSIDE_LIST",
					"A record is allowed only as the items of a list"));
		}
		boolean required = bool(node, "required", path, errors);
		DataLevel level = DataLevel.MODEL;
		AccessLevel access = AccessLevel.PUBLIC;
		if (!nested) {
			String levelCode = text(node, "level", path, false, 20, errors);
			if (levelCode != null) {
				try {
					level = DataLevel.of(levelCode);
				}
				catch (IllegalArgumentException ex) {
					errors.add(new FieldError(path + ".level", "UNKNOWN_LEVEL", ex.getMessage()));
				}
			}
			String accessCode = text(node, "access", path, false, 30, errors);
			if (accessCode != null) {
				try {
					access = AccessLevel.of(accessCode);
				}
				catch (IllegalArgumentException ex) {
					errors.add(new FieldError(path + ".access", "UNKNOWN_ACCESS_LEVEL", ex.getMessage()));
				}
			}
			if (required && level == DataLevel.ITEM) {
				errors.add(new FieldError(path + ".required", "REQUIRED_AT_ITEM_LEVEL",
						"An item-level field cannot be required to mint: items get their data after minting"));
			}
		}
		else if (node.has("level") || node.has("access")) {
			errors.add(new FieldError(path, "NESTED_LEVEL",
					"The items and sub-fields of a list take the list's level and access"));
		}
		String unit = null;
		String unitLabel = null;
		BigDecimal min = null;
		BigDecimal max = null;
		Integer scale = null;
		Integer maxLength = null;
		boolean month = false;
		Map<String, String> values = null;
		FieldDefinition items = null;
		List<FieldDefinition> fields = null;
		Integer minItems = null;
		Integer maxItems = null;
		String sumField = null;
		BigDecimal sumTotal = null;
		if (type == FieldType.NUMBER) {
			unit = text(node, "unit", path, true, 20, errors);
			if (unit != null && !UNIT.matcher(unit).matches()) {
				errors.add(new FieldError(path + ".unit", "INVALID_UNIT", "'" + unit
						+ "' is not a UN/CEFACT Recommendation 20 unit code (2 or 3 capitals or digits, e.g. KGM, P1)"));
			}
			unitLabel = text(node, "unitLabel", path, false, 40, errors);
			min = number(node, "min", path, errors);
			max = number(node, "max", path, errors);
			if (min != null && max != null && min.compareTo(max) > 0) {
				errors.add(new FieldError(path + ".min", "MIN_ABOVE_MAX", "min " + min + " is above max " + max));
			}
			scale = integer(node, "scale", path, 0, 10, errors);
		}
		else if (type == FieldType.TEXT) {
			maxLength = integer(node, "maxLength", path, 1, MAX_TEXT_LENGTH, errors);
			if (maxLength == null) {
				maxLength = MAX_TEXT_LENGTH;
			}
		}
		else if (type == FieldType.DATE) {
			String precision = text(node, "precision", path, false, 10, errors);
			if (precision != null && !precision.equals("day") && !precision.equals("month")) {
				errors.add(new FieldError(path + ".precision", "UNKNOWN_PRECISION",
						"A date's precision is day or month, not '" + precision + "'"));
			}
			month = "month".equals(precision);
		}
		else if (type == FieldType.ENUM) {
			values = enumeration(node.get("values"), path + ".values", errors);
		}
		else if (type == FieldType.LIST) {
			JsonNode itemsNode = node.get("items");
			if (itemsNode == null) {
				errors.add(new FieldError(path + ".items", "REQUIRED", "A list needs an 'items' definition"));
			}
			else {
				items = field(itemsNode, path + ".items", true, errors);
				if (items != null && items.type() == FieldType.LIST) {
					errors.add(new FieldError(path + ".items.type", "NESTED_LIST", "A list cannot hold lists"));
				}
			}
			minItems = integer(node, "minItems", path, 0, MAX_LIST_ITEMS, errors);
			maxItems = integer(node, "maxItems", path, 1, MAX_LIST_ITEMS, errors);
			if (maxItems == null) {
				maxItems = DEFAULT_LIST_ITEMS;
			}
			if (minItems != null && minItems > maxItems) {
				errors.add(new FieldError(path + ".minItems", "MIN_ABOVE_MAX",
						"minItems " + minItems + " is above maxItems " + maxItems));
			}
			JsonNode sum = node.get("sumEquals");
			if (sum != null) {
				unknown(sum, path + ".sumEquals", Set.of("field", "total"), errors);
				sumField = text(sum, "field", path + ".sumEquals", true, 64, errors);
				sumTotal = number(sum, "total", path + ".sumEquals", errors);
				boolean numberField = items != null && items.fields() != null
						&& items.fields()
							.stream()
							.anyMatch((f) -> f.key().equals(node.get("sumEquals").path("field").asString(""))
									&& f.type() == FieldType.NUMBER);
				if (sumField != null && !numberField) {
					errors.add(new FieldError(path + ".sumEquals.field", "SUM_FIELD_UNKNOWN",
							"'" + sumField + "' is not a number sub-field of this list's records"));
				}
				if (sumTotal == null && sumField != null) {
					errors.add(new FieldError(path + ".sumEquals.total", "REQUIRED", "sumEquals needs a total"));
				}
			}
		}
		else if (type == FieldType.RECORD) {
			JsonNode array = node.get("fields");
			if (array == null || !array.isArray() || array.isEmpty() || array.size() > 50) {
				errors.add(new FieldError(path + ".fields", "REQUIRED", "A record needs 1 to 50 sub-fields"));
			}
			else {
				fields = new ArrayList<>();
				Set<String> keys = new HashSet<>();
				for (int i = 0; i < array.size(); i++) {
					String subPath = path + ".fields[" + i + "]";
					FieldDefinition sub = field(array.get(i), subPath, true, errors);
					if (sub == null) {
						continue;
					}
					if (!sub.type().scalar()) {
						errors.add(new FieldError(subPath + ".type", "NESTED_LIST",
								"A record's sub-fields are scalar: text, number, date, enum, url or document"));
					}
					if (!keys.add(sub.key())) {
						errors.add(new FieldError(subPath + ".key", "DUPLICATE_KEY",
								"Sub-field key '" + sub.key() + "' is defined twice"));
					}
					fields.add(sub);
				}
			}
		}
		if (errors.size() > before || type == null || key == null) {
			return null;
		}
		return new FieldDefinition(key, (label != null) ? label : key, section, type, required, level, access, unit,
				unitLabel, min, max, scale, maxLength, month, values, items, fields, minItems, maxItems, sumField,
				sumTotal);
	}

	private static Map<String, String> enumeration(JsonNode node, String path, List<FieldError> errors) {
		if (node == null || !node.isArray() || node.isEmpty() || node.size() > 500) {
			errors.add(new FieldError(path, "REQUIRED",
					"An enumeration needs 1 to 500 'values', each {\"code\": ..., \"label\": ...}"));
			return null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < node.size(); i++) {
			String valuePath = path + "[" + i + "]";
			JsonNode value = node.get(i);
			if (!value.isObject()) {
				errors.add(new FieldError(valuePath, "WRONG_TYPE",
						valuePath + " must be {\"code\": ..., \"label\": ...}"));
				continue;
			}
			unknown(value, valuePath, Set.of("code", "label"), errors);
			String code = text(value, "code", valuePath, true, 64, errors);
			String label = text(value, "label", valuePath, false, 200, errors);
			if (code == null) {
				continue;
			}
			if (!CODE.matcher(code).matches()) {
				errors.add(new FieldError(valuePath + ".code", "INVALID_CODE",
						"Enumeration code '" + code + "' may hold only letters, digits, '_', '.' and '-'"));
			}
			else if (values.putIfAbsent(code, (label != null) ? label : code) != null) {
				errors
					.add(new FieldError(valuePath + ".code", "DUPLICATE_CODE", "Code '" + code + "' is listed twice"));
			}
		}
		return values;
	}

	private static void unknown(JsonNode node, String path, Set<String> known, List<FieldError> errors) {
		if (!node.isObject()) {
			return;
		}
		for (String name : node.propertyNames()) {
			if (!known.contains(name)) {
				errors.add(new FieldError(join(path, name), "UNKNOWN_PROPERTY", "Unknown property '" + name + "'"));
			}
		}
	}

	private static String text(JsonNode node, String name, String path, boolean required, int maxLength,
			List<FieldError> errors) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			if (required) {
				errors.add(new FieldError(join(path, name), "REQUIRED", "'" + name + "' is required"));
			}
			return null;
		}
		if (!value.isString() || value.stringValue().isBlank() || value.stringValue().length() > maxLength
				|| PassportValidator.hasControlCharacters(value.stringValue(), false)) {
			errors.add(new FieldError(join(path, name), "WRONG_TYPE",
					"'" + name + "' must be a non-blank string of at most " + maxLength + " characters"));
			return null;
		}
		return value.stringValue().strip();
	}

	private static boolean bool(JsonNode node, String name, String path, List<FieldError> errors) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return false;
		}
		if (!value.isBoolean()) {
			errors.add(new FieldError(join(path, name), "WRONG_TYPE", "'" + name + "' must be true or false"));
			return false;
		}
		return value.booleanValue();
	}

	private static BigDecimal number(JsonNode node, String name, String path, List<FieldError> errors) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			errors.add(new FieldError(join(path, name), "WRONG_TYPE", "'" + name + "' must be a number"));
			return null;
		}
		return value.decimalValue();
	}

	private static Integer integer(JsonNode node, String name, String path, int min, int max, List<FieldError> errors) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
			errors.add(new FieldError(join(path, name), "OUT_OF_RANGE",
					"'" + name + "' must be a whole number from " + min + " to " + max));
			return null;
		}
		return value.intValue();
	}

	private static String join(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

	/** The JSON definition of this schema: what {@link #parse} reads back. */
	public ObjectNode toJson() {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		if (this.additionalText) {
			root.put("additionalText", true);
		}
		ArrayNode array = root.putArray("fields");
		for (FieldDefinition field : this.fields) {
			array.add(json(field, false));
		}
		return root;
	}

	private static ObjectNode json(FieldDefinition field, boolean nested) {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put("key", field.key());
		node.put("label", field.label());
		if (field.section() != null) {
			node.put("section", field.section());
		}
		node.put("type", field.type().code());
		if (field.required()) {
			node.put("required", true);
		}
		if (!nested) {
			node.put("level", field.level().code());
			node.put("access", field.access().code());
		}
		if (field.unit() != null) {
			node.put("unit", field.unit());
		}
		if (field.unitLabel() != null) {
			node.put("unitLabel", field.unitLabel());
		}
		if (field.min() != null) {
			node.put("min", field.min());
		}
		if (field.max() != null) {
			node.put("max", field.max());
		}
		if (field.scale() != null) {
			node.put("scale", field.scale());
		}
		if (field.type() == FieldType.TEXT && field.maxLength() != null) {
			node.put("maxLength", field.maxLength());
		}
		if (field.type() == FieldType.DATE) {
			node.put("precision", field.monthPrecision() ? "month" : "day");
		}
		if (field.values() != null) {
			ArrayNode values = node.putArray("values");
			field.values().forEach((code, label) -> values.addObject().put("code", code).put("label", label));
		}
		if (field.items() != null) {
			ObjectNode items = json(field.items(), true);
			items.remove("key");
			node.set("items", items);
		}
		if (field.fields() != null) {
			ArrayNode fields = node.putArray("fields");
			field.fields().forEach((sub) -> fields.add(json(sub, true)));
		}
		if (field.minItems() != null) {
			node.put("minItems", field.minItems());
		}
		if (field.type() == FieldType.LIST && field.maxItems() != null) {
			node.put("maxItems", field.maxItems());
		}
		if (field.sumField() != null) {
			node.putObject("sumEquals").put("field", field.sumField()).put("total", field.sumTotal());
		}
		return node;
	}

}
