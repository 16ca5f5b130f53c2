package io.dppmint.core.passport;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One field of a brand's passport schema, as {@link PassportSchema#parse} reads it. The
 * options a type does not use are {@code null}.
 *
 * @param key the field's key in passport data, {@code [a-z][a-z0-9_]*}, at most 64
 * characters
 * @param label its name for people
 * @param section the heading it is shown under, or {@code null}
 * @param type its value type
 * @param required whether a product (model level) or a mint request (batch level) must
 * give it before minting; within a record, whether each item must give it
 * @param level where its value lives
 * @param access who may see it
 * @param unit a number's UN/CEFACT Recommendation 20 unit code ({@code KGM}, {@code P1})
 * @param unitLabel how the unit is shown ({@code kg}, {@code %}), or {@code null} for the
 * code
 * @param min a number's least value, or {@code null}
 * @param max a number's greatest value, or {@code null}
 * @param scale a number's most decimals, or {@code null}
 * @param maxLength a text's most characters
 * @param monthPrecision whether a date is a month ({@code 2026-03}) rather than a day
 * @param values an enumeration's codes to their labels, in order
 * @param items a list's item definition
 * @param fields a record's sub-fields
 * @param minItems a list's fewest items, or {@code null}
 * @param maxItems a list's most items
 * @param sumField the number sub-field whose values a list's items must add up to
 * {@code sumTotal}, or {@code null}
 * @param sumTotal the sum, for instance {@code 100} for a composition in percent
 */
public record FieldDefinition(String key, String label, String section, FieldType type, boolean required,
		DataLevel level, AccessLevel access, String unit, String unitLabel, BigDecimal min, BigDecimal max,
		Integer scale, Integer maxLength, boolean monthPrecision, Map<String, String> values, FieldDefinition items,
		List<FieldDefinition> fields, Integer minItems, Integer maxItems, String sumField, BigDecimal sumTotal) {

	/** How a unit is shown: its label, or its code. */
	public String shownUnit() {
		return (this.unitLabel != null) ? this.unitLabel : this.unit;
	}

}
