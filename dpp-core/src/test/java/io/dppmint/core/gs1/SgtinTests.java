package io.dppmint.core.gs1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SGTIN pure-identity URI of the GS1 EPC Tag Data Standard (section 6.3.1, SGTIN; its
 * example {@code urn:epc:id:sgtin:0614141.812345.6789} is GTIN 80614141123458, serial
 * 6789).
 */
class SgtinTests {

	@Test
	void readsAndWritesTheStandardsExample() {
		Sgtin sgtin = Sgtin.parse("urn:epc:id:sgtin:0614141.812345.6789");

		assertThat(sgtin.gtin()).isEqualTo(new Gtin("80614141123458"));
		assertThat(sgtin.serial()).isEqualTo("6789");
		assertThat(sgtin.companyPrefix()).isEqualTo("0614141");
		assertThat(sgtin.toUri()).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
		assertThat(sgtin.toDigitalLink().toPath()).isEqualTo("/01/80614141123458/21/6789");
	}

	@Test
	void isTheSgtinOfADigitalLinkUnderItsCompanyPrefix() {
		DigitalLink link = new DigitalLink(new Gtin("09506000134352"), null, "LOT7", "A/B%1");

		Sgtin sgtin = Sgtin.of(link, "950600");

		assertThat(sgtin.toUri()).isEqualTo("urn:epc:id:sgtin:950600.0013435.A%2FB%251");
		assertThat(Sgtin.parse(sgtin.toUri()).serial()).isEqualTo("A/B%1");
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Sgtin.of(link, "4087656"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "urn:epc:id:sgtin:0614141.812345", "urn:epc:id:sgtin:0614141.81234.6789",
			"urn:epc:id:sgtin:06141X1.812345.6789", "urn:epc:id:sscc:0614141.1234567890",
			"urn:epc:id:sgtin:0614141.812345.", "urn:epc:id:sgtin:0614141.812345.a b" })
	void rejectsWhatIsNotAnSgtinUri(String uri) {
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> Sgtin.parse(uri));
	}

}
