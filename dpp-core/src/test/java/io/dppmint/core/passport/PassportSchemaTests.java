package io.dppmint.core.passport;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The schema rules of docs/passports.md: what a schema definition may say, and that a
 * schema survives its own JSON form. The demo schemas (a textile schema, and the battery
 * passport of Regulation (EU) 2023/1542 Annex XIII) are read as any brand's would be.
 */
class PassportSchemaTests {

	@Test
	void readsTheDemoTextileSchema() {
		PassportSchema schema = PassportSchema.parse(2, demo("textile-passport-schema.json"));

		assertThat(schema.version()).isEqualTo(2);
		assertThat(schema.additionalText()).isFalse();
		assertThat(schema.required(DataLevel.MODEL)).containsExactly("fibre_composition", "non_textile_animal_parts",
				"country_of_origin", "care_instructions");
		FieldDefinition composition = schema.field("fibre_composition").orElseThrow();
		assertThat(composition.type()).isEqualTo(FieldType.LIST);
		assertThat(composition.items().type()).isEqualTo(FieldType.RECORD);
		assertThat(composition.sumField()).isEqualTo("percent");
		assertThat(composition.sumTotal()).isEqualByComparingTo(BigDecimal.valueOf(100));
		assertThat(schema.field("supplier_audit").orElseThrow().access()).isEqualTo(AccessLevel.OPERATOR);
		assertThat(schema.field("production_date").orElseThrow().level()).isEqualTo(DataLevel.BATCH);
	}

	@Test
	void readsTheDemoBatterySchemaWithItsAnnexXiiiAccessLevels() {
		PassportSchema schema = PassportSchema.parse(1, demo("battery-passport-schema.json"));

		// Annex XIII (1) is public, (2) for persons with a legitimate interest, (3) for
		// authorities, (4) per battery and for legitimate interest (Art. 77(2)).
		assertThat(schema.field("rated_capacity").orElseThrow().access()).isEqualTo(AccessLevel.PUBLIC);
		assertThat(schema.field("detailed_composition").orElseThrow().access())
			.isEqualTo(AccessLevel.LEGITIMATE_INTEREST);
		assertThat(schema.field("conformity_test_reports").orElseThrow().access()).isEqualTo(AccessLevel.AUTHORITY);
		FieldDefinition health = schema.field("state_of_health").orElseThrow();
		assertThat(health.level()).isEqualTo(DataLevel.ITEM);
		assertThat(health.unit()).isEqualTo("P1");
		assertThat(schema.field("manufacturing_date").orElseThrow().monthPrecision()).isTrue();
	}

	@Test
	void survivesItsOwnJsonForm() {
		for (String name : List.of("textile-passport-schema.json", "battery-passport-schema.json")) {
			PassportSchema schema = PassportSchema.parse(3, demo(name));

			assertThat(PassportSchema.parse(3, schema.toJson())).isEqualTo(schema);
		}
	}

	@Test
	void anOpenSchemaAcceptsUndefinedKeysAsPublicText() {
		PassportSchema schema = PassportSchema.ofRequiredText(1, List.of("material"));

		assertThat(schema.additionalText()).isTrue();
		assertThat(schema.field("colour").orElseThrow().type()).isEqualTo(FieldType.TEXT);
		assertThat(schema.field("gtin")).as("reserved keys stay reserved").isEmpty();
		assertThat(PassportSchema.parse(1, schema.toJson())).isEqualTo(schema);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					duplicate key       | {"fields":[{"key":"a","type":"text"},{"key":"a","type":"url"}]}                        | fields[1].key            | DUPLICATE_KEY
					reserved key        | {"fields":[{"key":"gtin","type":"text"}]}                                              | fields[0].key            | RESERVED_KEY
					bad key             | {"fields":[{"key":"Fibre Mix","type":"text"}]}                                         | fields[0].key            | INVALID_KEY
					unknown type        | {"fields":[{"key":"a","type":"colour"}]}                                               | fields[0].type           | UNKNOWN_TYPE
					number without unit | {"fields":[{"key":"a","type":"number"}]}                                               | fields[0].unit           | REQUIRED
					bad unit            | {"fields":[{"key":"a","type":"number","unit":"kilograms"}]}                            | fields[0].unit           | INVALID_UNIT
					min above max       | {"fields":[{"key":"a","type":"number","unit":"KGM","min":5,"max":1}]}                  | fields[0].min            | MIN_ABOVE_MAX
					list without items  | {"fields":[{"key":"a","type":"list"}]}                                                 | fields[0].items          | REQUIRED
					list of lists       | {"fields":[{"key":"a","type":"list","items":{"type":"list","items":{"type":"text"}}}]} | fields[0].items.type     | NESTED_LIST
					record outside list | {"fields":[{"key":"a","type":"record","fields":[{"key":"b","type":"text"}]}]}          | fields[0].type           | RECORD_OUTSIDE_LIST
					empty enumeration   | {"fields":[{"key":"a","type":"enum","values":[]}]}                                     | fields[0].values         | REQUIRED
					required item field | {"fields":[{"key":"a","type":"text","level":"item","required":true}]}                  | fields[0].required       | REQUIRED_AT_ITEM_LEVEL
					unknown access      | {"fields":[{"key":"a","type":"text","access":"everyone"}]}                             | fields[0].access         | UNKNOWN_ACCESS_LEVEL
					unknown property    | {"fields":[{"key":"a","type":"text","hidden":true}]}                                   | fields[0].hidden         | UNKNOWN_PROPERTY
					sum of no number    | {"fields":[{"key":"a","type":"list","items":{"type":"text"},"sumEquals":{"field":"p","total":100}}]} | fields[0].sumEquals.field | SUM_FIELD_UNKNOWN
					no fields array     | {"field":[]}                                                                           | fields                   | REQUIRED
					""")
	void refusesADefinitionNamingWhereAndWhy(String rule, String definition, String path, String code) {
		assertThatExceptionOfType(PassportValidationException.class)
			.isThrownBy(() -> PassportSchema.parse(1, PassportValues.mapper.readTree(definition)))
			.satisfies((ex) -> assertThat(ex.errors()).contains(errorAt(ex.errors(), path, code)));
	}

	@Test
	void refusesMoreThanFiveHundredFields() {
		StringBuilder definition = new StringBuilder("{\"fields\":[");
		for (int i = 0; i <= PassportSchema.MAX_FIELDS; i++) {
			definition.append((i > 0) ? "," : "").append("{\"key\":\"f").append(i).append("\",\"type\":\"text\"}");
		}
		JsonNode node = PassportValues.mapper.readTree(definition.append("]}").toString());

		assertThatExceptionOfType(PassportValidationException.class).isThrownBy(() -> PassportSchema.parse(1, node))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::code).containsExactly("TOO_MANY_FIELDS"));
	}

	@Test
	void listsEveryErrorNotOnlyTheFirst() {
		JsonNode node = PassportValues.mapper
			.readTree("{\"fields\":[{\"key\":\"A\",\"type\":\"text\"},{\"key\":\"b\",\"type\":\"number\"}]}");

		assertThatExceptionOfType(PassportValidationException.class).isThrownBy(() -> PassportSchema.parse(1, node))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::path)
				.containsExactly("fields[0].key", "fields[1].unit"));
	}

	private static FieldError errorAt(List<FieldError> errors, String path, String code) {
		return errors.stream()
			.filter((error) -> error.path().equals(path) && error.code().equals(code))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + code + " at " + path + " in " + errors));
	}

	static JsonNode demo(String name) {
		try (InputStream in = PassportSchemaTests.class.getResourceAsStream("/io/dppmint/core/demo/" + name)) {
			return PassportValues.mapper.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
