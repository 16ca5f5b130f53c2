package io.dppmint.core.secrets;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * AES-256-GCM key wrapping under the platform's two KEKs: the stored layout, the binding
 * to the row, errors that name the KEK and never a key, and the keys derived from a KEK
 * (frozen: the resolver's signed NFC verdicts depend on it). The frozen blobs of each
 * kind of stored key are in {@code SignatureRoundTripTests} and
 * {@code JdbcBrandNfcKeysTests}.
 */
class KeyWrappingTests {

	private static final byte[] KEK = HexFormat.of()
		.parseHex("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");

	private static final byte[] ROW = { 1, 2, 3 };

	@Test
	void wrapsAsIvCiphertextAndTagBoundToItsRow() {
		KeyWrapping wrapping = KeyWrapping.underSigningKek(KEK::clone);
		byte[] key = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

		byte[] wrapped = wrapping.wrap(key, ROW);

		assertThat(wrapped).hasSize(12 + key.length + 16);
		assertThat(wrapping.wrap(key, ROW)).as("a fresh IV each time").isNotEqualTo(wrapped);
		assertThat(wrapping.unwrap(wrapped, ROW)).isEqualTo(key);
		assertThatIllegalStateException().isThrownBy(() -> wrapping.unwrap(wrapped, new byte[] { 1, 2, 4 }))
			.withMessage("A wrapped key does not unwrap under the configured signing KEK (dpp.secrets.signing-kek):"
					+ " another KEK, or the key or its row was altered");
		byte[] tampered = wrapped.clone();
		tampered[tampered.length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> wrapping.unwrap(tampered, ROW));
		assertThatIllegalStateException().isThrownBy(() -> wrapping.unwrap(Arrays.copyOf(wrapped, 28), ROW))
			.withMessageContaining("too short");
	}

	@Test
	void aKeyWrappedUnderOneKekDoesNotUnwrapUnderAnother() {
		byte[] otherKek = KEK.clone();
		otherKek[0] ^= 1;
		byte[] wrapped = KeyWrapping.underNfcKek(KEK::clone).wrap(new byte[16], ROW);

		assertThatIllegalStateException()
			.isThrownBy(() -> KeyWrapping.underNfcKek(otherKek::clone).unwrap(wrapped, ROW))
			.withMessageContaining("under the configured NFC KEK (dpp.secrets.nfc-kek)");
	}

	@Test
	void refusesAKekThatIsNotAes256AndNamesIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> KeyWrapping.underNfcKek(() -> new byte[16]).wrap(new byte[16], ROW))
			.withMessage("The NFC KEK (dpp.secrets.nfc-kek) must be 32 bytes (AES-256)");
		assertThatIllegalStateException().isThrownBy(() -> KeyWrapping.underSigningKek(() -> null).derive("x"))
			.withMessageContaining("signing KEK");
	}

	@Test
	void derivesKeysFromTheKekAsBefore() {
		// HMAC-SHA256(KEK, "dpp-mint/nfc-verdict"), computed by the former
		// io.dppmint.core.nfc.NfcKeyWrapping: verdicts it signed still verify.
		assertThat(KeyWrapping.underNfcKek(KEK::clone).derive("nfc-verdict"))
			.isEqualTo(HexFormat.of().parseHex("a4d3ad30462bc58ba7877445daf1d01e23488da40935fe176bd924c13ee5bf6c"));
	}

	@Test
	void zeroesEachCopyOfTheKekItIsGivenAndShowsNoKey() {
		AtomicReference<byte[]> given = new AtomicReference<>();
		KeyWrapping wrapping = KeyWrapping.underNfcKek(() -> {
			given.set(KEK.clone());
			return given.get();
		});
		wrapping.unwrap(wrapping.wrap(new byte[16], ROW), ROW);
		assertThat(given.get()).containsOnly(0);
		wrapping.derive("nfc-verdict");
		assertThat(given.get()).containsOnly(0);
		assertThat(wrapping.toString()).contains("NFC KEK", "redacted").doesNotContain(HexFormat.of().formatHex(KEK));
	}

}
