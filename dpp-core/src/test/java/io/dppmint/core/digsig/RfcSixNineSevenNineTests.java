package io.dppmint.core.digsig;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6979 Appendix A.2.5, "ECDSA, 256 Bits (Prime Field)", key pair and the SHA-256
 * signature of the message "sample": the signer must reproduce r and s byte for byte
 * (deterministic k, RFC 6979 §3.2), and the JDK verifier must accept them and refuse them
 * with one bit flipped.
 */
class RfcSixNineSevenNineTests {

	private static final HexFormat hex = HexFormat.of().withUpperCase();

	static final byte[] PRIVATE_KEY = hex.parseHex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");

	static final byte[] UX = hex.parseHex("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6");

	static final byte[] UY = hex.parseHex("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299");

	private static final String R = "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716";

	private static final String S = "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8";

	private static final byte[] SAMPLE = "sample".getBytes(StandardCharsets.US_ASCII);

	@Test
	void signsTheSampleMessageWithTheRfcNonce() {
		byte[] signature = new BrandSigner(1, PRIVATE_KEY).sign(SAMPLE);

		assertThat(hex.formatHex(signature)).isEqualTo(R + S);
	}

	@Test
	void signsIntoAnOffsetOfASharedArrayAndAgainIdentically() {
		BrandSigner signer = new BrandSigner(1, PRIVATE_KEY);
		byte[] message = ("xx" + "sample").getBytes(StandardCharsets.US_ASCII);
		byte[] signatures = new byte[3 * 64];

		signer.sign(message, 2, 6, signatures, 64);
		signer.sign(message, 2, 6, signatures, 128);

		assertThat(hex.formatHex(signatures, 64, 128)).isEqualTo(R + S);
		assertThat(hex.formatHex(signatures, 128, 192)).isEqualTo(R + S);
		assertThat(hex.formatHex(signatures, 0, 64)).isEqualTo("00".repeat(64));
	}

	@Test
	void jdkVerifierAcceptsTheRfcSignature() {
		ECPublicKey key = P256.publicKey(UX, UY);

		assertThat(SignatureVerifier.verify(key, SAMPLE, hex.parseHex(R + S))).isTrue();
	}

	@Test
	void jdkVerifierRejectsTheRfcSignatureWithOneBitFlipped() {
		ECPublicKey key = P256.publicKey(UX, UY);
		for (int bit : new int[] { 0, 255, 256, 511 }) {
			byte[] signature = hex.parseHex(R + S);
			signature[bit / 8] ^= (byte) (0x80 >>> (bit % 8));

			assertThat(SignatureVerifier.verify(key, SAMPLE, signature)).as("bit %d flipped", bit).isFalse();
		}
	}

	@Test
	void jdkVerifierRejectsTheRfcSignatureOfAnotherMessage() {
		ECPublicKey key = P256.publicKey(UX, UY);

		assertThat(SignatureVerifier.verify(key, "test".getBytes(StandardCharsets.US_ASCII), hex.parseHex(R + S)))
			.isFalse();
	}

}
