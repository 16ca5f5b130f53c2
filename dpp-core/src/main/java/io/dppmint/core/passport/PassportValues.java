package io.dppmint.core.passport;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Passport data: field key to JSON value, immutable, in canonical form (keys sorted at
 * every depth, numbers as plain decimals without trailing zeros: {@code 100.0} is
 * {@code 100}). Two values that mean the same are equal and have the same
 * {@link #sha256()}, the hash a version is chained and registered by.
 */
public final class PassportValues {

	static final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private static final PassportValues EMPTY = new PassportValues(JsonNodeFactory.instance.objectNode());

	private final ObjectNode values;

	private final String json;

	private PassportValues(ObjectNode canonical) {
		this.values = canonical;
		this.json = mapper.writeValueAsString(canonical);
	}

	/** No data. */
	public static PassportValues empty() {
		return EMPTY;
	}

	/**
	 * Values of a JSON object.
	 * @param node a JSON object
	 * @return the values
	 * @throws IllegalArgumentException if it is not an object
	 */
	public static PassportValues of(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("Passport data is a JSON object of field values");
		}
		ObjectNode canonical = (ObjectNode) canonical(node);
		// A field set to null has no value (as in a merge patch).
		canonical.properties().removeIf((member) -> member.getValue().isNull());
		return new PassportValues(canonical);
	}

	/**
	 * Text values: the form of passport data before typed schemas.
	 * @param text field key to value
	 * @return the values
	 */
	public static PassportValues ofText(Map<String, String> text) {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		text.forEach(node::put);
		return of(node);
	}

	/**
	 * Values of a JSON text, numbers read exactly.
	 * @param json a JSON object
	 * @return the values
	 * @throws IllegalArgumentException if it is not well-formed JSON or not an object
	 */
	public static PassportValues parse(String json) {
		try {
			return of(mapper.readTree(json));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Passport data is not well-formed JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/** The field keys that have a value, sorted. */
	public Set<String> keys() {
		return Collections.unmodifiableSet(new TreeSet<>(this.values.propertyNames()));
	}

	/** Whether there is no value at all. */
	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * A field's value: a copy, which may be changed freely.
	 * @param key the field key
	 * @return the value, or {@code null} when it has none
	 */
	public JsonNode get(String key) {
		JsonNode value = this.values.get(key);
		return (value != null) ? value.deepCopy() : null;
	}

	/**
	 * A field's value as text, for fields of type text, date, enum and url.
	 * @param key the field key
	 * @return the string, or {@code null} when it has none or is no string
	 */
	public String text(String key) {
		JsonNode value = this.values.get(key);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/** A copy of the whole object, which may be changed freely. */
	public ObjectNode toNode() {
		return this.values.deepCopy();
	}

	/** The canonical JSON text. */
	public String toJson() {
		return this.json;
	}

	/**
	 * The values with an RFC 7396 JSON merge patch applied: members of the patch replace
	 * those of the values, {@code null} members remove them; lists are replaced whole.
	 * @param patch a JSON object
	 * @return the patched values
	 */
	public PassportValues merge(JsonNode patch) {
		if (patch == null || !patch.isObject()) {
			throw new IllegalArgumentException("A merge patch of passport data is a JSON object");
		}
		ObjectNode merged = this.values.deepCopy();
		for (Map.Entry<String, JsonNode> member : patch.properties()) {
			if (member.getValue().isNull()) {
				merged.remove(member.getKey());
			}
			else {
				merged.set(member.getKey(), member.getValue().deepCopy());
			}
		}
		return of(merged);
	}

	/**
	 * These values with {@code other}'s added: how a unit's passport is the model's data,
	 * its batch's and its own (each key lives at one level, so none is overwritten).
	 * @param other more values
	 * @return both
	 */
	public PassportValues with(PassportValues other) {
		return other.isEmpty() ? this : merge(other.values);
	}

	/**
	 * The keys whose values differ from {@code previous}, with what happened to each.
	 * @param previous the values before
	 * @return the changes, by key
	 */
	public List<Change> changesSince(PassportValues previous) {
		Set<String> keys = new TreeSet<>(this.values.propertyNames());
		keys.addAll(previous.values.propertyNames());
		List<Change> changes = new ArrayList<>();
		for (String key : keys) {
			JsonNode before = previous.values.get(key);
			JsonNode after = this.values.get(key);
			if (before == null) {
				changes.add(new Change(key, "added"));
			}
			else if (after == null) {
				changes.add(new Change(key, "removed"));
			}
			else if (!before.equals(after)) {
				changes.add(new Change(key, "changed"));
			}
		}
		return changes;
	}

	/**
	 * The JSON form of changes stored with a version: {@code [{"field": ..., "op":
	 * ...}]}.
	 * @param changes the changes
	 * @return the JSON text
	 */
	public static String changesJson(List<Change> changes) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		changes.forEach((change) -> array.addObject().put("field", change.field()).put("op", change.op()));
		return mapper.writeValueAsString(array);
	}

	/** The SHA-256 of the canonical JSON text in UTF-8. */
	public byte[] sha256() {
		try {
			return MessageDigest.getInstance("SHA-256").digest(this.json.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode canonical(JsonNode node) {
		if (node.isObject()) {
			ObjectNode sorted = JsonNodeFactory.instance.objectNode();
			new TreeSet<>(node.propertyNames()).forEach((key) -> sorted.set(key, canonical(node.get(key))));
			return sorted;
		}
		if (node.isArray()) {
			ArrayNode array = JsonNodeFactory.instance.arrayNode();
			node.values().forEach((item) -> array.add(canonical(item)));
			return array;
		}
		if (node.isNumber()) {
			BigDecimal value = node.decimalValue().stripTrailingZeros();
			// Whole numbers stay integral nodes: 100.0 and 1e2 are 100.
			return (value.scale() <= 0) ? JsonNodeFactory.instance.numberNode(value.toBigIntegerExact())
					: JsonNodeFactory.instance.numberNode(value);
		}
		return node.deepCopy();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PassportValues that && this.json.equals(that.json);
	}

	@Override
	public int hashCode() {
		return this.json.hashCode();
	}

	@Override
	public String toString() {
		return this.json;
	}

	/**
	 * What happened to one field between two versions.
	 *
	 * @param field the field key
	 * @param op {@code added}, {@code changed} or {@code removed}
	 */
	public record Change(String field, String op) {

	}

}
