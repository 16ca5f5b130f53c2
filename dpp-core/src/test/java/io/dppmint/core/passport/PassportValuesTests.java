package io.dppmint.core.passport;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Canonical passport data: what a version's hash is computed over.
 */
class PassportValuesTests {

	@Test
	void writesTheSameDataTheSameWayWhateverItsFormatting() {
		PassportValues a = PassportValues.parse("{\"b\": [1.50, {\"y\": 2, \"x\": 1e2}], \"a\": \"t\"}");
		PassportValues b = PassportValues.parse("{\"a\":\"t\",\"b\":[1.5,{\"x\":100,\"y\":2.0}]}");

		assertThat(a).isEqualTo(b);
		assertThat(a.toJson()).isEqualTo("{\"a\":\"t\",\"b\":[1.5,{\"x\":100,\"y\":2}]}");
		assertThat(a.sha256()).isEqualTo(b.sha256());
	}

	@Test
	void hashesTheCanonicalUtf8Text() {
		// printf '{"a":"ü"}' | sha256sum
		assertThat(HexFormat.of().formatHex(PassportValues.parse("{ \"a\" : \"ü\" }").sha256()))
			.isEqualTo("fd621823002706e24604cb868a9f4f8850d6f01fb5040d49ba050482e1472437");
	}

	@Test
	void keepsSmallAndLargeNumbersExactAndPlain() {
		PassportValues values = PassportValues.parse("{\"a\": 0.0000001, \"b\": 12345678901234567890.10}");

		assertThat(values.toJson()).isEqualTo("{\"a\":0.0000001,\"b\":12345678901234567890.1}");
	}

	@Test
	void appliesAMergePatchPerRfc7396() {
		PassportValues values = PassportValues.parse("{\"a\": 1, \"b\": [1, 2], \"c\": \"x\"}");

		PassportValues patched = values.merge(PassportValues.mapper.readTree("{\"a\": null, \"b\": [3], \"d\": true}"));

		assertThat(patched.toJson()).isEqualTo("{\"b\":[3],\"c\":\"x\",\"d\":true}");
		assertThat(patched.changesSince(values)).containsExactly(new PassportValues.Change("a", "removed"),
				new PassportValues.Change("b", "changed"), new PassportValues.Change("d", "added"));
	}

	@Test
	void dropsNullMembersAndRefusesWhatIsNoObject() {
		assertThat(PassportValues.parse("{\"a\": null, \"b\": 1}").keys()).containsExactly("b");
		assertThatIllegalArgumentException().isThrownBy(() -> PassportValues.parse("[1]"));
		assertThatIllegalArgumentException().isThrownBy(() -> PassportValues.parse("{\"a\": 1} {}"));
	}

}
