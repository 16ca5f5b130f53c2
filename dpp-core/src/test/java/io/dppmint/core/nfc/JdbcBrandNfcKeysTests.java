package io.dppmint.core.nfc;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.dppmint.core.secrets.KeyWrapping;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The stored form of NFC master keys, frozen: keys wrapped before the platform's key
 * wrapping was shared with the code-signing keys still unwrap, bound to the same row.
 */
class JdbcBrandNfcKeysTests {

	// Wrapped by the former io.dppmint.core.nfc.NfcKeyWrapping under KEK 1f 1e .. 00
	// for brand 42, key 1: what brand_nfc_keys holds.
	private static final byte[] KEK = HexFormat.of()
		.parseHex("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");

	private static final byte[] STORED = HexFormat.of()
		.parseHex("1f5c0808d46d63ab7523b07aad774c5250520dc16fae0d58bbf2975c5c5d807c68135b36293c113124ab4c49");

	@Test
	void unwrapsAMasterKeyWrappedBeforeTheWrappingWasShared() {
		assertThat(STORED).hasSize(JdbcBrandNfcKeys.WRAPPED_LENGTH);
		assertThat(JdbcBrandNfcKeys.associatedData(42, 1))
			.isEqualTo("dpp-mint/nfc-master-key/42/1".getBytes(StandardCharsets.US_ASCII));
		assertThat(KeyWrapping.underNfcKek(KEK::clone).unwrap(STORED, JdbcBrandNfcKeys.associatedData(42, 1)))
			.isEqualTo(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));
	}

	@Test
	void aStoredMasterKeyStaysBoundToItsBrandAndNumber() {
		KeyWrapping wrapping = KeyWrapping.underNfcKek(KEK::clone);
		assertThatIllegalStateException()
			.isThrownBy(() -> wrapping.unwrap(STORED, JdbcBrandNfcKeys.associatedData(43, 1)))
			.withMessageContaining("does not unwrap under the configured NFC KEK");
		assertThatIllegalStateException()
			.isThrownBy(() -> wrapping.unwrap(STORED, JdbcBrandNfcKeys.associatedData(42, 2)));
	}

}
