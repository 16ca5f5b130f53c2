package io.dppmint.core.passport;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field type, valid and invalid, checked against the demo textile and battery
 * schemas: one error per wrong value, with its path and code, and none for valid data.
 */
class PassportValidatorTests {

	private static final PassportSchema textile = PassportSchema.parse(1,
			PassportSchemaTests.demo("textile-passport-schema.json"));

	private static final PassportSchema battery = PassportSchema.parse(1,
			PassportSchemaTests.demo("battery-passport-schema.json"));

	static final String VALID_TEXTILE = """
			{
			  "fibre_composition": [{"fibre": "organic_cotton", "percent": 95}, {"fibre": "elastane", "percent": 5.0}],
			  "recycled_content": 12.5,
			  "non_textile_animal_parts": "no",
			  "substances_of_concern": [{"substance": "Antimony trioxide", "cas": "1309-64-4", "location": "polyester fibre"}],
			  "country_of_origin": "PT",
			  "care_instructions": "Machine wash 30 °C\\nDo not tumble dry",
			  "expected_wash_cycles": 50,
			  "repair_instructions": "https://acme.example/repair/tee",
			  "disassembly_guide": {"url": "https://acme.example/docs/tee-trims.pdf", "title": "Trims and seams",
			    "mediaType": "application/pdf", "language": "en", "sha256": "%s"},
			  "carbon_footprint": 4.12,
			  "test_reports": [{"url": "https://lab.example/r/1.pdf", "title": "REACH test", "mediaType": "application/pdf"}]
			}"""
		.formatted("a".repeat(64));

	@Test
	void acceptsValidDataOfEveryType() {
		PassportValues values = PassportValues.parse(VALID_TEXTILE);

		assertThat(PassportValidator.check(textile, values, DataLevel.MODEL, "passport")).isEmpty();
		assertThat(PassportValidator.missing(textile, values, DataLevel.MODEL)).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					a number given as text    | recycled_content         | "5"                                                  | passport.recycled_content                | WRONG_TYPE
					a number out of range     | recycled_content         | 100.5                                                | passport.recycled_content                | OUT_OF_RANGE
					too many decimals         | recycled_content         | 12.25                                                | passport.recycled_content                | TOO_MANY_DECIMALS
					a code not listed         | country_of_origin        | "XX"                                                 | passport.country_of_origin               | NOT_IN_ENUMERATION
					an http URL               | repair_instructions      | "http://acme.example/repair"                         | passport.repair_instructions             | INVALID_URL
					a relative URL            | repair_instructions      | "/repair"                                            | passport.repair_instructions             | INVALID_URL
					a document without title  | disassembly_guide        | {"url": "https://a.example/x.pdf", "mediaType": "application/pdf"} | passport.disassembly_guide.title | INVALID_DOCUMENT
					a document's bad hash     | disassembly_guide        | {"url": "https://a.example/x.pdf", "title": "T", "mediaType": "application/pdf", "sha256": "XYZ"} | passport.disassembly_guide.sha256 | INVALID_DOCUMENT
					a composition not 100 %   | fibre_composition        | [{"fibre": "cotton", "percent": 60}, {"fibre": "wool", "percent": 30}] | passport.fibre_composition | SUM_MISMATCH
					an unknown fibre          | fibre_composition        | [{"fibre": "kevlar", "percent": 100}]                | passport.fibre_composition[0].fibre      | NOT_IN_ENUMERATION
					a record's missing part   | fibre_composition        | [{"fibre": "cotton"}]                                | passport.fibre_composition[0].percent    | REQUIRED
					a record's unknown part   | fibre_composition        | [{"fibre": "cotton", "percent": 100, "origin": "PT"}] | passport.fibre_composition[0].origin    | UNKNOWN_FIELD
					an empty required list    | fibre_composition        | []                                                   | passport.fibre_composition               | LIST_TOO_SHORT
					text that is too long     | care_instructions        | "%s"                                                 | passport.care_instructions               | TOO_LONG
					a NUL character           | care_instructions        | "wash\\u0000"                                        | passport.care_instructions               | INVALID_CHARACTERS
					a field not in the schema | colour                   | "red"                                                | passport.colour                          | UNKNOWN_FIELD
					batch data on a product   | production_date          | "2026-03-14"                                         | passport.production_date                 | WRONG_LEVEL
					""")
	void refusesAWrongValueNamingItsPathAndRule(String what, String field, String value, String path, String code) {
		String json = value.replace("%s", "x".repeat(501));
		PassportValues values = PassportValues.parse(VALID_TEXTILE)
			.merge(PassportValues.mapper.readTree("{\"" + field + "\": " + json + "}"));

		List<FieldError> errors = PassportValidator.check(textile, values, DataLevel.MODEL, "passport");

		assertThat(errors).extracting(FieldError::path, FieldError::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(path, code));
	}

	@Test
	void checksDatesToTheirPrecision() {
		FieldDefinition month = battery.field("manufacturing_date").orElseThrow();
		PassportSchema batchOnly = new PassportSchema(1, List.of(month), false);

		assertThat(PassportValidator.check(batchOnly, PassportValues.parse("{\"manufacturing_date\": \"2026-03\"}"),
				DataLevel.BATCH, "passport"))
			.isEmpty();
		for (String wrong : List.of("\"2026-03-14\"", "\"2026-13\"", "\"March 2026\"", "202603")) {
			assertThat(PassportValidator.check(batchOnly,
					PassportValues.parse("{\"manufacturing_date\": " + wrong + "}"), DataLevel.BATCH, "passport"))
				.extracting(FieldError::code)
				.as(wrong)
				.containsExactly("INVALID_DATE");
		}
	}

	@Test
	void listsMissingRequiredFieldsWithoutCallingThemErrors() {
		PassportValues values = PassportValues.parse("{\"battery_category\": \"LMT\", \"extinguishing_agent\": \" \"}");

		assertThat(PassportValidator.check(battery, values, DataLevel.MODEL, "passport")).isEmpty();
		assertThat(PassportValidator.missing(battery, values, DataLevel.MODEL))
			.contains("battery_mass", "chemistry", "extinguishing_agent", "eu_declaration_of_conformity")
			.doesNotContain("battery_category", "manufacturing_date");
	}

	@Test
	void listsEveryErrorAtOnce() {
		PassportValues values = PassportValues
			.parse("{\"recycled_content\": \"5\", \"country_of_origin\": \"XX\", \"colour\": \"red\"}");

		assertThat(PassportValidator.check(textile, values, DataLevel.MODEL, "passport")).hasSize(3);
	}

}
