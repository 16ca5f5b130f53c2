package io.dppmint.core.digsig;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import io.dppmint.core.gs1.InvalidGs1DataException;

/**
 * The value of GS1 AI 8030 (Digital Signature) in profile DPP-ES256-v1:
 * {@code base64url-nopad(keyNumber(1 byte) || r(32) || s(32))}, 65 bytes, always 87
 * characters.
 * <p>
 * Guarantees: every value this class writes or reads matches the AI's format
 * {@code Z..90} (GS1 Barcode Syntax Dictionary line {@code 8030 ? Z..90 ...}) and the
 * regular expression {@code [0-9A-Za-z_-]{1,90}} of https://ref.gs1.org/ai/8030; a value
 * that does not, or that is not exactly 87 characters decoding to a key number from 1 to
 * 255 and a 64-byte signature, is rejected with an {@link InvalidGs1DataException} that
 * says which rule it breaks.
 */
public final class DigitalSignature8030 {

	/** The AI. */
	public static final String AI = "8030";

	/** Length of an encoded value in this profile. */
	public static final int LENGTH = 87;

	/** Length of the raw signature {@code r || s}. */
	public static final int SIGNATURE_BYTES = 64;

	private static final Pattern GS1_FORMAT = Pattern.compile("[0-9A-Za-z_-]{1,90}");

	private final int keyNumber;

	private final byte[] signature;

	private DigitalSignature8030(int keyNumber, byte[] signature) {
		this.keyNumber = keyNumber;
		this.signature = signature;
	}

	/**
	 * A value from its parts.
	 * @param keyNumber the brand key's number, 1 to 255
	 * @param signature {@code r || s}, 64 bytes (IEEE P1363)
	 * @return the value
	 */
	public static DigitalSignature8030 of(int keyNumber, byte[] signature) {
		requireKeyNumber(keyNumber);
		if (signature == null || signature.length != SIGNATURE_BYTES) {
			throw new IllegalArgumentException("A P-256 signature is " + SIGNATURE_BYTES + " bytes (r || s)");
		}
		return new DigitalSignature8030(keyNumber, signature.clone());
	}

	/**
	 * Read an encoded value.
	 * @param value the AI 8030 value as carried (base64url, no padding)
	 * @return the value
	 * @throws InvalidGs1DataException if it breaks the AI's format or this profile
	 */
	public static DigitalSignature8030 parse(String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidGs1DataException("AI (8030) DIGSIG is missing or empty");
		}
		if (!GS1_FORMAT.matcher(value).matches()) {
			throw new InvalidGs1DataException("AI (8030) DIGSIG " + quote(value)
					+ " is not 1 to 90 base64url characters (0-9 A-Z a-z _ -), as GS1 format Z..90 requires");
		}
		if (value.length() != LENGTH) {
			throw new InvalidGs1DataException("AI (8030) DIGSIG " + quote(value) + " has " + value.length()
					+ " characters, but a DPP-ES256-v1 signature has exactly " + LENGTH);
		}
		byte[] bytes = Base64.getUrlDecoder().decode(value);
		int keyNumber = bytes[0] & 0xff;
		if (keyNumber == 0) {
			throw new InvalidGs1DataException("AI (8030) DIGSIG names key number 0, but key numbers run from 1 to 255");
		}
		DigitalSignature8030 read = new DigitalSignature8030(keyNumber, Arrays.copyOfRange(bytes, 1, bytes.length));
		if (!read.encoded().equals(value)) {
			throw new InvalidGs1DataException("AI (8030) DIGSIG " + quote(value)
					+ " ends in a character with bits set beyond the 65 bytes it encodes (not canonical base64url)");
		}
		return read;
	}

	/**
	 * Encode a key number and signature without building the object (the bulk path).
	 * @param keyNumber the key number, 1 to 255
	 * @param signatures an array of 64-byte signatures
	 * @param offset where the signature starts
	 * @return the 87-character value
	 */
	public static String encode(int keyNumber, byte[] signatures, int offset) {
		requireKeyNumber(keyNumber);
		byte[] bytes = new byte[1 + SIGNATURE_BYTES];
		bytes[0] = (byte) keyNumber;
		System.arraycopy(signatures, offset, bytes, 1, SIGNATURE_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The number of the brand key that made the signature (1 to 255). */
	public int keyNumber() {
		return this.keyNumber;
	}

	/** The signature {@code r || s}, a new array. */
	public byte[] signature() {
		return this.signature.clone();
	}

	/** The encoded value: 87 base64url characters. */
	public String encoded() {
		return encode(this.keyNumber, this.signature, 0);
	}

	/**
	 * A unit's Digital Link URI carrying this value as its AI 8030 data attribute, the
	 * one place that writes it into a URI: {@code <uri>?8030=<value>} (a data attribute,
	 * never a path element; the value is base64url, which needs no escaping).
	 * @param digitalLinkUri the unit's Digital Link URI, without a query
	 * @return the signed URI
	 */
	public String addedTo(String digitalLinkUri) {
		return digitalLinkUri + "?" + AI + "=" + encoded();
	}

	private static void requireKeyNumber(int keyNumber) {
		if (keyNumber < 1 || keyNumber > 255) {
			throw new IllegalArgumentException("Key numbers run from 1 to 255, not " + keyNumber);
		}
	}

	private static String quote(String value) {
		StringBuilder quoted = new StringBuilder("'");
		for (int i = 0; i < Math.min(value.length(), 96); i++) {
			char c = value.charAt(i);
			quoted.append((c >= 0x20 && c < 0x7f) ? String.valueOf(c) : String.format("\\u%04X", (int) c));
		}
		return quoted.append((value.length() > 96) ? "...'" : "'").toString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof DigitalSignature8030 that && this.keyNumber == that.keyNumber
				&& Arrays.equals(this.signature, that.signature);
	}

	@Override
	public int hashCode() {
		return 31 * this.keyNumber + Arrays.hashCode(this.signature);
	}

	@Override
	public String toString() {
		return encoded();
	}

}
