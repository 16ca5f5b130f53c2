package io.dppmint.console.passport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.FieldError;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.VisiblePassport;

/**
 * A passport as the console's pages show it: built from a {@link VisiblePassport} (the
 * only form passport data reaches a page in), its fields grouped by section in the
 * schema's order, each with its typed value, the problems its data has under the schema
 * (data written under an earlier schema) and whether a required value is missing.
 *
 * @param sections the sections, in order
 */
record ShownPassport(List<Section> sections) {

	ShownPassport {
		sections = List.copyOf(sections);
	}

	/**
	 * The passport's fields by section.
	 * @param schema the schema the data is described by
	 * @param visible what the page may show of the data
	 * @param problems the data's errors under {@code schema} (paths
	 * {@code passport.key...})
	 * @param missing the required model-level keys without a value
	 * @param everyField whether fields without a value are shown too (as empty), or only
	 * those with one
	 * @return the passport as shown
	 */
	static ShownPassport of(PassportSchema schema, VisiblePassport visible, List<FieldError> problems,
			List<String> missing, boolean everyField) {
		Map<String, VisiblePassport.Field> values = new LinkedHashMap<>();
		visible.fields().forEach((field) -> values.put(field.definition().key(), field));
		List<Field> fields = new ArrayList<>();
		for (FieldDefinition definition : schema.fields()) {
			VisiblePassport.Field value = values.remove(definition.key());
			if (value != null || everyField) {
				fields.add(new Field(definition, ShownValue.of(definition, (value != null) ? value.value() : null),
						problemsOf(definition.key(), problems), missing.contains(definition.key()),
						definition.level() != DataLevel.MODEL));
			}
		}
		// An open schema's undefined text fields, after the defined ones.
		values.values()
			.forEach((value) -> fields
				.add(new Field(value.definition(), ShownValue.of(value.definition(), value.value()),
						problemsOf(value.definition().key(), problems), false, false)));
		List<Section> sections = new ArrayList<>();
		for (Field field : fields) {
			String title = field.definition().section();
			if (sections.isEmpty() || !Objects.equals(sections.getLast().title(), title)) {
				sections.add(new Section(title, new ArrayList<>()));
			}
			sections.getLast().fields().add(field);
		}
		return new ShownPassport(sections.stream().map((s) -> new Section(s.title(), s.fields())).toList());
	}

	/**
	 * The messages of the errors of one field, each after its place within the field
	 * ({@code [1].percent: ...}) when it is inside it.
	 */
	static List<String> problemsOf(String key, List<FieldError> problems) {
		String path = PassportForm.PREFIX + "." + key;
		List<String> messages = new ArrayList<>();
		for (FieldError problem : problems) {
			if (problem.path().equals(path)) {
				messages.add(problem.message());
			}
			else if (problem.path().startsWith(path + "[") || problem.path().startsWith(path + ".")) {
				messages.add(problem.path().substring(path.length()) + ": " + problem.message());
			}
		}
		return messages;
	}

	/**
	 * Only the fields of one data level (a batch's or a unit's own data), each shown as
	 * that subject's own value.
	 * @param level the level
	 * @return the passport as shown, without the sections left empty
	 */
	ShownPassport only(DataLevel level) {
		List<Section> kept = new ArrayList<>();
		for (Section section : this.sections) {
			List<Field> fields = section.fields()
				.stream()
				.filter((field) -> field.definition().level() == level)
				.map((field) -> new Field(field.definition(), field.value(), field.problems(), field.missing(), false))
				.toList();
			if (!fields.isEmpty()) {
				kept.add(new Section(section.title(), fields));
			}
		}
		return new ShownPassport(kept);
	}

	/** Whether no field is shown. */
	public boolean isEmpty() {
		return this.sections.isEmpty();
	}

	/**
	 * Consecutive fields of one section.
	 *
	 * @param title the section's heading, or {@code null} for fields without one
	 * @param fields its fields
	 */
	record Section(String title, List<Field> fields) {
	}

	/**
	 * One field and its value.
	 *
	 * @param definition the field
	 * @param value its value as shown (empty when it has none)
	 * @param problems what is wrong with its data under the schema
	 * @param missing whether it is required to mint and has no value
	 * @param elsewhere whether its value is not the shown subject's but a batch's or an
	 * item's (a product's page shows batch and item fields without their values)
	 */
	record Field(FieldDefinition definition, ShownValue value, List<String> problems, boolean missing,
			boolean elsewhere) {

		Field {
			problems = List.copyOf(problems);
		}

	}

}
