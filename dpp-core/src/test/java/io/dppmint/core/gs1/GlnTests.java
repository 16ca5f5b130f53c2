package io.dppmint.core.gs1;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * GLNs (GS1 AI 414): 13 digits, mod-10 check digit (GS1 General Specifications §7.9.1),
 * and their EPCIS location forms: SGLN (EPC Tag Data Standard §6.3.3) and Digital Link.
 */
class GlnTests {

	@Test
	void acceptsGlnsWithTheirCheckDigitAndRefusesEveryOneDigitChange() {
		assertThat(Gln.parse(" 9506000000015 ").value()).isEqualTo("9506000000015");
		assertThat(Gln.parse("9436465792104").value()).isEqualTo("9436465792104");
		String valid = "9506000000015";
		for (int position = 0; position < 13; position++) {
			for (char digit = '0'; digit <= '9'; digit++) {
				if (digit == valid.charAt(position)) {
					continue;
				}
				String changed = valid.substring(0, position) + digit + valid.substring(position + 1);
				assertThatExceptionOfType(InvalidGs1DataException.class).as(changed)
					.isThrownBy(() -> Gln.parse(changed));
			}
		}
	}

	@Test
	void refusesOtherLengthsAndCharacters() {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gln.parse("950600000001"))
			.withMessageContaining("13 digits");
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gln.parse("95060000000150"));
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gln.parse("950600000001A"));
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gln.parse(null));
	}

	@Test
	void writesAndReadsEpcisLocations() {
		Gln gln = Gln.parse("9506000134352");

		assertThat(gln.toLocationUri(7)).isEqualTo("urn:epc:id:sgln:9506000.13435.0");
		assertThat(gln.toLocationUri(null)).isEqualTo("https://id.gs1.org/414/9506000134352");
		assertThat(Gln.ofLocation("urn:epc:id:sgln:9506000.13435.0")).isEqualTo(gln);
		assertThat(Gln.ofLocation("https://id.gs1.org/414/9506000134352")).isEqualTo(gln);
		assertThat(Gln.ofLocation("https://example.com/414/9506000134352/254/1")).isEqualTo(gln);
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> Gln.ofLocation("urn:epc:id:sgln:9506000.13435.7"))
			.withMessageContaining("without extension");
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Gln.ofLocation("factory-1"));
	}

}
