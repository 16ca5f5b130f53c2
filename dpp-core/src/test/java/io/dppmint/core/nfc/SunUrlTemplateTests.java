package io.dppmint.core.nfc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SunUrlTemplateTests {

	private static final String PUBLIC_ID_URL = "https://id.example.com/t/X3K9QF2M7T1A";

	@Test
	void appendsThePlaceholdersAsTheQuery() {
		assertThat(SunUrlTemplate.forResolverUrl(PUBLIC_ID_URL).url())
			.isEqualTo(PUBLIC_ID_URL + "?picc_data=00000000000000000000000000000000&cmac=0000000000000000");
	}

	@Test
	void appendsThePlaceholdersToAnExistingQuery() {
		String gs1 = "https://id.example.com/01/09506000134352/10/LOT7/21/X3K9QF2M7T1A?linkType=gs1:pip";
		assertThat(SunUrlTemplate.forResolverUrl(gs1).url())
			.isEqualTo(gs1 + "&picc_data=00000000000000000000000000000000&cmac=0000000000000000");
		assertThat(SunUrlTemplate.forResolverUrl(PUBLIC_ID_URL + "?").url())
			.isEqualTo(PUBLIC_ID_URL + "?picc_data=00000000000000000000000000000000&cmac=0000000000000000");
	}

	// "id.example.com/t/X3K9QF2M7T1A?picc_data=" is 40 characters, starting at file
	// offset 7;
	// "<32 zeros>&cmac=" another 38.
	@Test
	void writesAShortUriRecordWithTheHttpsPrefixAndKnownOffsets() {
		SunUrlTemplate template = SunUrlTemplate.forResolverUrl(PUBLIC_ID_URL);
		byte[] file = template.ndefFile();
		assertThat(template.piccDataOffset()).isEqualTo(47);
		assertThat(template.sdmMacOffset()).isEqualTo(85);
		assertThat(template.sdmMacInputOffset()).isEqualTo(template.sdmMacOffset());
		assertThat(file).hasSize(101);
		assertThat(Arrays.copyOf(file, 7)).containsExactly(0x00, 99, 0xD1, 0x01, 95, 0x55, 0x04);
		assertThat(ascii(file, 7, file.length)).isEqualTo(template.url().substring("https://".length()));
	}

	@ParameterizedTest
	@ValueSource(strings = { PUBLIC_ID_URL, "https://id.example.com/01/09506000134352/21/X3K9QF2M7T1A?linkType=all",
			"https://a.b/?x=1&", "https://id.example.com/t/picc_data" })
	void offsetsPointExactlyAtThePlaceholdersInTheNdefFile(String resolverUrl) {
		SunUrlTemplate template = SunUrlTemplate.forResolverUrl(resolverUrl);
		byte[] file = template.ndefFile();
		int picc = template.piccDataOffset();
		int mac = template.sdmMacOffset();
		assertThat(ascii(file, picc - "picc_data=".length(), picc)).isEqualTo("picc_data=");
		assertThat(ascii(file, picc, picc + 32)).isEqualTo("0".repeat(32));
		assertThat(ascii(file, picc + 32, mac)).isEqualTo("&cmac=");
		assertThat(ascii(file, mac, mac + 16)).isEqualTo("0".repeat(16));
		assertThat(file).hasSize(mac + 16);
		assertThat(((file[0] & 0xFF) << 8) | (file[1] & 0xFF)).isEqualTo(file.length - 2);
		assertThat(file[4] & 0xFF).isEqualTo(file.length - 6);
	}

	@Test
	void fillsTheNdefFileToItsLastByteAndNoFurther() {
		String prefix = "https://id.example.com/t/";
		int room = SunUrlTemplate.NDEF_FILE_SIZE - 7 - "?picc_data=&cmac=".length() - 48
				- (prefix.length() - "https://".length());
		String longest = prefix + "a".repeat(room);
		assertThat(SunUrlTemplate.forResolverUrl(longest).ndefFile()).hasSize(SunUrlTemplate.NDEF_FILE_SIZE);
		assertThatIllegalArgumentException().isThrownBy(() -> SunUrlTemplate.forResolverUrl(longest + "a"))
			.withMessageContaining("257 bytes");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "https://", "http://id.example.com/t/X3K9QF2M7T1A", "HTTPS://id.example.com/t/X",
			"https://id.example.com/t/X3K9 QF2M7T1A", "https://id.example.com/t/X#frag",
			"https://id.example.com/t/\u00e9", "https://id.example.com/t/X?picc_data=00",
			"https://id.example.com/t/X?a=1&cmac=00", "https://id.example.com/t/X?cmac" })
	void rejectsUrlsItCannotTemplate(String resolverUrl) {
		assertThatIllegalArgumentException().isThrownBy(() -> SunUrlTemplate.forResolverUrl(resolverUrl));
	}

	private static String ascii(byte[] bytes, int from, int to) {
		return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
	}

}
