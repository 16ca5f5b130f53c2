package io.dppmint.mint.cli;

import io.dppmint.core.minting.Carrier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MintCommandArgumentsTests {

	@Test
	void readsTheCarrierAndDefaultsToQr() {
		assertThat(parse("--brand=b", "--sku=s", "--quantity=5").carrier()).isEqualTo(Carrier.QR);
		assertThat(parse("--brand=b", "--sku=s", "--quantity=5", "--carrier=nfc").carrier()).isEqualTo(Carrier.NFC);
	}

	@Test
	void rejectsAnUnknownCarrierNamingTheAllowedValues() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("--brand=b", "--sku=s", "--quantity=5", "--carrier=rfid"))
			.withMessage("Carrier must be 'qr' or 'nfc', not 'rfid'");
	}

	private static MintCommandArguments parse(String... arguments) {
		return MintCommandArguments.parse(new DefaultApplicationArguments(arguments));
	}

}
