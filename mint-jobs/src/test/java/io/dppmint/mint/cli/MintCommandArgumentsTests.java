package io.dppmint.mint.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.dppmint.core.minting.Carrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

	@Test
	void readsTheBatchPassportFromAFileAndSaysWhyAnUnreadableOrMalformedOneIsRefused(@TempDir Path directory)
			throws Exception {
		Path good = Files.writeString(directory.resolve("good.json"), "{\"production_date\": \"2026-12-01\"}");
		Path list = Files.writeString(directory.resolve("list.json"), "[1, 2]");

		assertThat(parse("--brand=b", "--sku=s", "--quantity=5").passport().isEmpty()).isTrue();
		assertThat(parse("--brand=b", "--sku=s", "--quantity=5", "--passport=" + good).passport()
			.get("production_date")
			.asString()).isEqualTo("2026-12-01");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("--brand=b", "--sku=s", "--quantity=5", "--passport=" + directory.resolve("none")))
			.withMessageStartingWith("--passport: cannot read '" + directory.resolve("none") + "'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("--brand=b", "--sku=s", "--quantity=5", "--passport=" + list))
			.withMessageContaining("is not a JSON object of the batch's passport fields");
	}

	private static MintCommandArguments parse(String... arguments) {
		return MintCommandArguments.parse(new DefaultApplicationArguments(arguments));
	}

}
