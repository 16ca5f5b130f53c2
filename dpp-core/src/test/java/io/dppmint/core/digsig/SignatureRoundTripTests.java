package io.dppmint.core.digsig;

import java.util.HexFormat;
import java.util.List;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.core.secrets.KeyWrapping;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Sign, publish as a JWK set (RFC 7517 §5, RFC 7518 §6.2.1), verify offline, and the ways
 * verification must fail: tampered serial or lot, another brand's key, an unknown key
 * number. Also the frozen golden vector of the README example (profile DPP-ES256-v1, RFC
 * 6979 A.2.5 key).
 */
class SignatureRoundTripTests {

	private static final Gtin GTIN = new Gtin("09506000134352");

	private static final String PREFIX = "9506000";

	/**
	 * AI 8030 value of {@code https://id.example.com/01/09506000134352/21/X3K9QF2M7T1AB},
	 * key number 1 with the RFC 6979 A.2.5 private key. Frozen here and in the README: a
	 * change of the signed bytes or of the encoding breaks it. Cross-checked with another
	 * implementation: Python {@code cryptography} 48 (OpenSSL), {@code ECDSA(SHA256(),
	 * deterministic_signing=True)} over {@code b"0109506000134352" b"21X3K9QF2M7T1AB"}.
	 */
	static final String GOLDEN = "AUkQSpsM7weLF8Oll_co7jkHtxp-OxJuCk5HKUg4Mdon8_wPvz0DSxa_cOCLpiWtqwO53WQleIsf3brEoPWsSNY";

	@Test
	void goldenVectorOfTheReadmeExample() {
		BrandSigner signer = new BrandSigner(1, RfcSixNineSevenNineTests.PRIVATE_KEY);
		SignedCode unsigned = SignedCode.parse("https://id.example.com/01/09506000134352/21/X3K9QF2M7T1AB");

		DigitalSignature8030 signature = signer.sign(unsigned.elementString());

		assertThat(signature.encoded()).isEqualTo(GOLDEN);
		Jwks keys = new Jwks(List
			.of(new Jwks.Jwk("9506000:1", P256.publicKey(RfcSixNineSevenNineTests.UX, RfcSixNineSevenNineTests.UY))));
		SignedCode signed = SignedCode
			.parse("https://id.example.com/01/09506000134352/21/X3K9QF2M7T1AB?8030=" + GOLDEN);
		assertThat(SignatureVerifier.verify(signed, keys).outcome())
			.isEqualTo(SignatureVerifier.Verification.Outcome.VALID);
	}

	@Test
	void signedCodeVerifiesThroughAPublishedJwkSet() {
		P256.GeneratedKey key = P256.generate();
		BrandSigner signer = new BrandSigner(3, key.privateScalar());
		Gs1ElementString element = new Gs1ElementString(GTIN, "LOT7", "X3K9QF2M7T1AB");
		String uri = new SignedCode(element, signer.sign(element)).toUri("https://id.example.com");

		Jwks published = Jwks.parse(new Jwks(List.of(new Jwks.Jwk(Jwks.Jwk.kid(PREFIX, 3), key.publicKey()))).toJson());
		SignatureVerifier.Verification verification = SignatureVerifier.verify(SignedCode.parse(uri), published);

		assertThat(verification.outcome()).isEqualTo(SignatureVerifier.Verification.Outcome.VALID);
		assertThat(verification.kid()).isEqualTo("9506000:3");
	}

	@Test
	void tamperedSerialOrLotFails() {
		P256.GeneratedKey key = P256.generate();
		DigitalSignature8030 signature = new BrandSigner(1, key.privateScalar())
			.sign(new Gs1ElementString(GTIN, "LOT7", "X3K9QF2M7T1AB"));
		Jwks keys = new Jwks(List.of(new Jwks.Jwk(Jwks.Jwk.kid(PREFIX, 1), key.publicKey())));

		for (Gs1ElementString tampered : List.of(new Gs1ElementString(GTIN, "LOT7", "X3K9QF2M7T1AC"),
				new Gs1ElementString(GTIN, "LOT8", "X3K9QF2M7T1AB"), new Gs1ElementString(GTIN, null, "X3K9QF2M7T1AB"),
				new Gs1ElementString(new Gtin("09506000134369"), "LOT7", "X3K9QF2M7T1AB"))) {
			assertThat(SignatureVerifier.verify(new SignedCode(tampered, signature), keys).outcome()).as("%s", tampered)
				.isEqualTo(SignatureVerifier.Verification.Outcome.INVALID);
		}
	}

	@Test
	void anotherBrandsKeyOrAnUnknownKeyNumberFails() {
		P256.GeneratedKey ours = P256.generate();
		P256.GeneratedKey theirs = P256.generate();
		Gs1ElementString element = new Gs1ElementString(GTIN, null, "S1");
		DigitalSignature8030 signature = new BrandSigner(1, ours.privateScalar()).sign(element);

		Jwks otherBrandOnly = new Jwks(List.of(new Jwks.Jwk("4012345:1", ours.publicKey())));
		Jwks wrongKeyUnderOurPrefix = new Jwks(List.of(new Jwks.Jwk(Jwks.Jwk.kid(PREFIX, 1), theirs.publicKey())));
		Jwks otherNumberOnly = new Jwks(List.of(new Jwks.Jwk(Jwks.Jwk.kid(PREFIX, 2), ours.publicKey())));

		SignedCode code = new SignedCode(element, signature);
		assertThat(SignatureVerifier.verify(code, otherBrandOnly).outcome())
			.isEqualTo(SignatureVerifier.Verification.Outcome.UNKNOWN_KEY);
		assertThat(SignatureVerifier.verify(code, wrongKeyUnderOurPrefix).outcome())
			.isEqualTo(SignatureVerifier.Verification.Outcome.INVALID);
		assertThat(SignatureVerifier.verify(code, otherNumberOnly).outcome())
			.isEqualTo(SignatureVerifier.Verification.Outcome.UNKNOWN_KEY);
	}

	@Test
	void codeWithoutSignatureIsReportedUnsigned() {
		SignedCode code = SignedCode.parse("https://id.example.com/01/09506000134352/21/S1?linkType=all");

		assertThat(SignatureVerifier.verify(code, new Jwks(List.of())).outcome())
			.isEqualTo(SignatureVerifier.Verification.Outcome.UNSIGNED);
	}

	@Test
	void jwkSetHasTheRfc7518MembersAndSkipsKeysOfOtherKinds() {
		String json = new Jwks(List
			.of(new Jwks.Jwk("9506000:1", P256.publicKey(RfcSixNineSevenNineTests.UX, RfcSixNineSevenNineTests.UY))))
			.toJson();

		assertThat(json).contains("\"kty\":\"EC\"", "\"crv\":\"P-256\"", "\"alg\":\"ES256\"", "\"use\":\"sig\"",
				"\"kid\":\"9506000:1\"", "\"x\":\"YP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Y\"");
		String mixed = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"r1\",\"n\":\"AQAB\",\"e\":\"AQAB\"},"
				+ json.substring("{\"keys\":[".length());
		assertThat(Jwks.parse(mixed).keys()).extracting(Jwks.Jwk::kid).containsExactly("9506000:1");
	}

	@Test
	void rejectsAJwkWhosePointIsNotOnTheCurveOrWhoseCoordinatesAreShort() {
		String json = new Jwks(List
			.of(new Jwks.Jwk("9506000:1", P256.publicKey(RfcSixNineSevenNineTests.UX, RfcSixNineSevenNineTests.UY))))
			.toJson();

		assertThatIllegalArgumentException().isThrownBy(() -> Jwks.parse(json
			.replace("YP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Y", "YP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Q")))
			.withMessageContaining("not on curve P-256");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Jwks.parse(json.replace("YP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Y", "YP7U")))
			.withMessageContaining("is 3 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> Jwks.parse("{\"kty\":\"EC\"}"))
			.withMessageContaining("no \"keys\" array");
	}

	@Test
	void wrappedKeyUnwrapsOnlyWithItsKekAndItsRow() {
		byte[] kek = new byte[32];
		kek[0] = 1;
		byte[] otherKek = new byte[32];
		KeyWrapping wrapping = KeyWrapping.underSigningKek(kek::clone);
		byte[] scalar = P256.generate().privateScalar();
		byte[] wrapped = wrapping.wrap(scalar, BrandKeys.associatedData(7, 1));

		assertThat(wrapping.unwrap(wrapped, BrandKeys.associatedData(7, 1))).isEqualTo(scalar);
		assertThatIllegalStateException()
			.isThrownBy(
					() -> KeyWrapping.underSigningKek(otherKek::clone).unwrap(wrapped, BrandKeys.associatedData(7, 1)))
			.withMessageContaining("does not unwrap under the configured signing KEK");
		assertThatIllegalStateException().isThrownBy(() -> wrapping.unwrap(wrapped, BrandKeys.associatedData(8, 1)));
		assertThatIllegalStateException().isThrownBy(() -> wrapping.unwrap(wrapped, BrandKeys.associatedData(7, 2)));
		wrapped[20] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> wrapping.unwrap(wrapped, BrandKeys.associatedData(7, 1)));
	}

	@Test
	void unwrapsASigningKeyWrappedBeforeTheWrappingWasShared() {
		// Wrapped by the former io.dppmint.core.digsig.KeyWrapping under KEK 00 01 .. 1f
		// with the row (brand 7, digsig, key 1): what brand_keys holds.
		byte[] kek = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
		byte[] stored = HexFormat.of()
			.parseHex(
					"32dc6d7bada13dcf0ad09a8aa5c3072e65b3d66ced7a9dc242edf138ecd80176588780e726bf16d387970537c27ff70665e22c05b9fa9f600677be63");

		assertThat(KeyWrapping.underSigningKek(kek::clone).unwrap(stored, BrandKeys.associatedData(7, 1)))
			.isEqualTo(HexFormat.of().parseHex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"));
		assertThat(BrandKeys.associatedData(7, 1))
			.isEqualTo(HexFormat.of().parseHex("0000000000000007" + "646967736967" + "0001"));
	}

	@Test
	void signerRefusesKeysOutsideTheGroupAndBadKeyNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BrandSigner(1, new byte[32]));
		assertThatIllegalArgumentException().isThrownBy(() -> new BrandSigner(1, new byte[31]));
		assertThatIllegalArgumentException().isThrownBy(() -> new BrandSigner(0, RfcSixNineSevenNineTests.PRIVATE_KEY));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BrandSigner(256, RfcSixNineSevenNineTests.PRIVATE_KEY));
	}

	@Test
	void rejectsANonCanonicalEncoding() {
		String canonical = new BrandSigner(1, RfcSixNineSevenNineTests.PRIVATE_KEY)
			.sign(new Gs1ElementString(GTIN, null, "S1"))
			.encoded();
		char last = canonical.charAt(86);
		String altered = canonical.substring(0, 86) + (char) ((last == 'A') ? 'B' : last + 1);

		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> DigitalSignature8030.parse(altered))
			.withMessageContaining("not canonical");
	}

}
