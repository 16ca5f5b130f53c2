package io.dppmint.core.passport;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.dppmint.core.text.PlainText;
import tools.jackson.databind.JsonNode;

/**
 * Checks passport data against a schema, listing every error with its path: the one
 * intake rule set the API, the console and mint intake share. A missing required field is
 * not an error here (a product may be saved incomplete); {@link #missing} lists them, and
 * mint eligibility refuses to mint until they are given.
 */
public final class PassportValidator {

	private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-zA-Z0-9.+-]{1,100}");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");

	private static final int MAX_URL_LENGTH = 2_000;

	private PassportValidator() {
	}

	/**
	 * Every error in {@code values} under {@code schema} for a subject at {@code level}.
	 * @param schema the schema
	 * @param values the data
	 * @param level the level of the subject the data is written to
	 * @param prefix the path prefix of the data in the request ({@code passport})
	 * @return the errors, empty when the data is valid
	 */
	public static List<FieldError> check(PassportSchema schema, PassportValues values, DataLevel level, String prefix) {
		List<FieldError> errors = new ArrayList<>();
		for (String key : values.keys()) {
			String path = prefix + "." + key;
			FieldDefinition field = schema.field(key).orElse(null);
			if (field == null) {
				errors.add(new FieldError(path, "UNKNOWN_FIELD", "'" + key
						+ "' is not a field of the brand's passport schema (version " + schema.version() + ")"));
			}
			else if (field.level() != level) {
				errors.add(new FieldError(path, "WRONG_LEVEL", "'" + key + "' is " + field.level().code()
						+ "-level data and cannot be written on a " + level.code()));
			}
			else {
				value(field, values.get(key), path, errors);
			}
		}
		return errors;
	}

	/**
	 * The required fields at {@code level} that {@code values} lacks.
	 * @param schema the schema
	 * @param values the data
	 * @param level the level
	 * @return the keys, in the schema's order
	 */
	public static List<String> missing(PassportSchema schema, PassportValues values, DataLevel level) {
		List<String> missing = new ArrayList<>();
		for (String key : schema.required(level)) {
			JsonNode value = values.get(key);
			if (value == null || (value.isString() && value.stringValue().isBlank())
					|| (value.isArray() && value.isEmpty())) {
				missing.add(key);
			}
		}
		return missing;
	}

	private static void value(FieldDefinition field, JsonNode value, String path, List<FieldError> errors) {
		switch (field.type()) {
			case TEXT -> text(field, value, path, errors);
			case NUMBER -> number(field, value, path, errors);
			case DATE -> date(field, value, path, errors);
			case ENUM -> {
				if (!value.isString() || !field.values().containsKey(value.stringValue())) {
					errors.add(new FieldError(path, "NOT_IN_ENUMERATION",
							describe(value) + " is not one of " + String.join(", ", field.values().keySet())));
				}
			}
			case URL -> url(value, path, errors);
			case DOCUMENT -> document(value, path, errors);
			case LIST -> list(field, value, path, errors);
			case RECORD -> record(field, value, path, errors);
		}
	}

	private static void text(FieldDefinition field, JsonNode value, String path, List<FieldError> errors) {
		if (!value.isString()) {
			errors.add(new FieldError(path, "WRONG_TYPE", "Expected text, not " + describe(value)));
		}
		else if (value.stringValue().length() > field.maxLength()) {
			errors.add(new FieldError(path, "TOO_LONG",
					"At most " + field.maxLength() + " characters, not " + value.stringValue().length()));
		}
		else if (hasControlCharacters(value.stringValue(), true)) {
			errors.add(new FieldError(path, "INVALID_CHARACTERS",
					"Text may not hold control characters other than line breaks and tabs"));
		}
	}

	private static void number(FieldDefinition field, JsonNode value, String path, List<FieldError> errors) {
		if (!value.isNumber()) {
			errors.add(new FieldError(path, "WRONG_TYPE",
					"Expected a number in " + field.shownUnit() + ", not " + describe(value)));
			return;
		}
		BigDecimal number = value.decimalValue();
		if ((field.min() != null && number.compareTo(field.min()) < 0)
				|| (field.max() != null && number.compareTo(field.max()) > 0)) {
			errors.add(new FieldError(path, "OUT_OF_RANGE",
					number.toPlainString() + " is outside "
							+ ((field.min() != null) ? field.min().toPlainString() : "…") + ".."
							+ ((field.max() != null) ? field.max().toPlainString() : "…")));
		}
		else if (field.scale() != null && Math.max(0, number.stripTrailingZeros().scale()) > field.scale()) {
			errors.add(new FieldError(path, "TOO_MANY_DECIMALS",
					number.toPlainString() + " has more than " + field.scale() + " decimals"));
		}
	}

	private static void date(FieldDefinition field, JsonNode value, String path, List<FieldError> errors) {
		String expected = field.monthPrecision() ? "a month, YYYY-MM" : "a date, YYYY-MM-DD";
		if (!value.isString()) {
			errors.add(new FieldError(path, "INVALID_DATE", "Expected " + expected + ", not " + describe(value)));
			return;
		}
		String text = value.stringValue();
		try {
			if (field.monthPrecision() && MONTH.matcher(text).matches()) {
				YearMonth.parse(text);
				return;
			}
			if (!field.monthPrecision() && DAY.matcher(text).matches()) {
				LocalDate.parse(text);
				return;
			}
		}
		catch (DateTimeException ex) {
			// reported below
		}
		errors.add(new FieldError(path, "INVALID_DATE", "Expected " + expected + ", not '" + text + "'"));
	}

	private static void url(JsonNode value, String path, List<FieldError> errors) {
		if (!isHttpsUrl(value)) {
			errors.add(new FieldError(path, "INVALID_URL",
					"Expected an https URL of at most " + MAX_URL_LENGTH + " characters, not " + describe(value)));
		}
	}

	static boolean isHttpsUrl(JsonNode value) {
		return value != null && value.isString() && isHttpsUrl(value.stringValue());
	}

	/**
	 * Whether text is an absolute {@code https} URL with a host and no user information,
	 * of at most 2,000 characters.
	 */
	static boolean isHttpsUrl(String text) {
		if (text.length() > MAX_URL_LENGTH) {
			return false;
		}
		try {
			URI uri = new URI(text);
			return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static void document(JsonNode value, String path, List<FieldError> errors) {
		if (!value.isObject()) {
			errors.add(new FieldError(path, "INVALID_DOCUMENT",
					"Expected a document {url, title, mediaType, language?, sha256?}, not " + describe(value)));
			return;
		}
		for (String name : value.propertyNames()) {
			if (!Set.of("url", "title", "mediaType", "language", "sha256").contains(name)) {
				errors.add(new FieldError(path + "." + name, "UNKNOWN_FIELD",
						"A document has url, title, mediaType, language and sha256, not '" + name + "'"));
			}
		}
		if (!isHttpsUrl(value.get("url"))) {
			errors.add(new FieldError(path + ".url", "INVALID_URL", "A document needs an https url"));
		}
		JsonNode title = value.get("title");
		if (title == null || !title.isString() || title.stringValue().isBlank() || title.stringValue().length() > 200
				|| hasControlCharacters(title.stringValue(), false)) {
			errors.add(new FieldError(path + ".title", "INVALID_DOCUMENT",
					"A document needs a title of 1 to 200 characters"));
		}
		matches(value, "mediaType", MEDIA_TYPE, true, path, "a media type such as application/pdf", errors);
		matches(value, "language", LANGUAGE, false, path, "a language tag such as en or de-AT", errors);
		matches(value, "sha256", SHA256, false, path, "64 lowercase hexadecimal digits", errors);
	}

	private static void matches(JsonNode document, String name, Pattern pattern, boolean required, String path,
			String expected, List<FieldError> errors) {
		JsonNode value = document.get(name);
		if (value == null && !required) {
			return;
		}
		if (value == null || !value.isString() || !pattern.matcher(value.stringValue()).matches()) {
			errors.add(new FieldError(path + "." + name, "INVALID_DOCUMENT",
					"A document's " + name + " must be " + expected));
		}
	}

	private static void list(FieldDefinition field, JsonNode value, String path, List<FieldError> errors) {
		if (!value.isArray()) {
			errors.add(new FieldError(path, "WRONG_TYPE", "Expected a list, not " + describe(value)));
			return;
		}
		if (value.size() > field.maxItems()) {
			errors.add(new FieldError(path, "LIST_TOO_LONG",
					"At most " + field.maxItems() + " items, not " + value.size()));
			return;
		}
		if (field.minItems() != null && value.size() < field.minItems()) {
			errors.add(new FieldError(path, "LIST_TOO_SHORT",
					"At least " + field.minItems() + " items, not " + value.size()));
		}
		int before = errors.size();
		for (int i = 0; i < value.size(); i++) {
			value(field.items(), value.get(i), path + "[" + i + "]", errors);
		}
		if (field.sumField() != null && errors.size() == before) {
			BigDecimal sum = BigDecimal.ZERO;
			for (JsonNode item : value.values()) {
				JsonNode part = item.get(field.sumField());
				if (part != null && part.isNumber()) {
					sum = sum.add(part.decimalValue());
				}
			}
			if (!value.isEmpty() && sum.compareTo(field.sumTotal()) != 0) {
				errors.add(new FieldError(path, "SUM_MISMATCH", "The items' " + field.sumField() + " add up to "
						+ sum.toPlainString() + ", not " + field.sumTotal().toPlainString()));
			}
		}
	}

	private static void record(FieldDefinition field, JsonNode value, String path, List<FieldError> errors) {
		if (!value.isObject()) {
			errors.add(new FieldError(path, "WRONG_TYPE", "Expected an object, not " + describe(value)));
			return;
		}
		for (Map.Entry<String, JsonNode> member : value.properties()) {
			String subPath = path + "." + member.getKey();
			FieldDefinition sub = field.fields()
				.stream()
				.filter((f) -> f.key().equals(member.getKey()))
				.findFirst()
				.orElse(null);
			if (sub == null) {
				errors.add(new FieldError(subPath, "UNKNOWN_FIELD", "'" + member.getKey() + "' is not a sub-field"));
			}
			else if (!member.getValue().isNull()) {
				value(sub, member.getValue(), subPath, errors);
			}
		}
		for (FieldDefinition sub : field.fields()) {
			JsonNode given = value.get(sub.key());
			if (sub.required() && (given == null || given.isNull())) {
				errors.add(new FieldError(path + "." + sub.key(), "REQUIRED", "'" + sub.key() + "' is required"));
			}
		}
	}

	private static String describe(JsonNode value) {
		if (value.isString()) {
			String text = value.stringValue();
			return "'" + ((text.length() > 40) ? text.substring(0, 40) + "…" : text) + "'";
		}
		if (value.isNumber()) {
			return "the number " + value.decimalValue().toPlainString();
		}
		if (value.isArray()) {
			return "a list";
		}
		if (value.isObject()) {
			return "an object";
		}
		return value.toString();
	}

	/**
	 * Whether text holds what no passport text may: a control character
	 * ({@link PlainText}; line breaks and tabs pass where {@code lineBreaks}), or half of
	 * a surrogate pair, which no UTF-8 encoding of it could carry.
	 */
	static boolean hasControlCharacters(String text, boolean lineBreaks) {
		if (!(lineBreaks ? PlainText.isMultiLine(text) : PlainText.isSingleLine(text))) {
			return true;
		}
		for (int i = 0; i < text.length(); i++) {
			if (Character.isSurrogate(text.charAt(i)) && !validSurrogate(text, i)) {
				return true;
			}
		}
		return false;
	}

	private static boolean validSurrogate(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
	}

}
