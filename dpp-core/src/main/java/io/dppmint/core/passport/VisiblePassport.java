package io.dppmint.core.passport;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The part of a passport a caller at one access level may see: the only form in which
 * passport data leaves this package for rendering (resolver pages, JSON, the console's
 * views). Built by {@link #project}, which drops every field above the level, so a
 * renderer cannot show what it was never given.
 *
 * @param level the level it was projected for
 * @param schemaVersion the schema version the fields are described by
 * @param fields the visible fields that have a value, in the schema's order (an open
 * schema's undefined text fields last, by key)
 */
public record VisiblePassport(AccessLevel level, int schemaVersion, List<Field> fields) {

	public VisiblePassport {
		fields = List.copyOf(fields);
	}

	/**
	 * What a caller at {@code level} may see of {@code values}.
	 * @param schema the schema the values are described by
	 * @param values the passport data (the model's, a batch's, an item's, merged)
	 * @param level the caller's access level
	 * @return the visible part
	 */
	public static VisiblePassport project(PassportSchema schema, PassportValues values, AccessLevel level) {
		List<Field> fields = new ArrayList<>();
		for (FieldDefinition definition : schema.fields()) {
			JsonNode value = values.get(definition.key());
			if (value != null && level.sees(definition.access())) {
				fields.add(new Field(definition, value));
			}
		}
		for (String key : values.keys()) {
			if (!schema.defines(key)) {
				schema.field(key)
					.filter((definition) -> level.sees(definition.access()))
					.ifPresent((definition) -> fields.add(new Field(definition, values.get(key))));
			}
		}
		return new VisiblePassport(level, schema.version(), fields);
	}

	/** Whether nothing is visible. */
	public boolean isEmpty() {
		return this.fields.isEmpty();
	}

	/**
	 * A visible field and its value.
	 *
	 * @param definition the field's definition
	 * @param value its value, a copy
	 */
	public record Field(FieldDefinition definition, JsonNode value) {

		public Field {
			value = value.deepCopy();
		}

	}

}
