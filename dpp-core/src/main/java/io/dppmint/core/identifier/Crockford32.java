package io.dppmint.core.identifier;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text form of a 64-bit value: Crockford base32 digits {@code 0-9 A-Z} without
 * {@code I L O U}, uppercase, always 13 characters, most significant first. 13 x 5 = 65
 * bits, so the first character carries the top 4 bits only and is {@code 0-F}. Every
 * digit is in GS1 character set 82 (AI 21 serials) and URI-unreserved (RFC 3986), so an
 * identifier goes into a GS1 Digital Link or a {@code /t/} path without escaping.
 */
final class Crockford32 {

	static final int LENGTH = 13;

	private static final byte[] DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] VALUES = new byte[128];

	static {
		Arrays.fill(VALUES, (byte) -1);
		for (int value = 0; value < DIGITS.length; value++) {
			VALUES[DIGITS[value]] = (byte) value;
		}
	}

	private Crockford32() {
	}

	/**
	 * Write the 13 ASCII digits of {@code value} (read as unsigned).
	 * @param value the value
	 * @param destination where to write
	 * @param offset index of the first digit
	 */
	static void write(long value, byte[] destination, int offset) {
		destination[offset] = DIGITS[(int) (value >>> 60)];
		for (int i = 1; i < LENGTH; i++) {
			destination[offset + i] = DIGITS[(int) (value >>> (60 - 5 * i)) & 31];
		}
	}

	/**
	 * Parse the canonical form, and only that: exactly 13 characters, uppercase, first
	 * {@code 0-F}.
	 * @param text the identifier
	 * @return the unsigned 64-bit value it writes
	 * @throws InvalidIdentifierException if it is not in canonical form
	 */
	static long parse(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidIdentifierException("An identifier is required");
		}
		if (text.length() != LENGTH) {
			throw new InvalidIdentifierException(
					"An identifier has exactly " + LENGTH + " characters, not " + text.length());
		}
		long value = 0;
		for (int i = 0; i < LENGTH; i++) {
			value = (value << 5) | digit(text.charAt(i), i);
		}
		if (VALUES[text.charAt(0)] > 15) {
			throw new InvalidIdentifierException(
					"An identifier starts with 0-9 or A-F; a higher first character is beyond 64 bits");
		}
		return value;
	}

	private static int digit(char c, int index) {
		int value = (c < VALUES.length) ? VALUES[c] : -1;
		if (value >= 0) {
			return value;
		}
		if (c >= 'a' && c <= 'z') {
			throw new InvalidIdentifierException(
					"An identifier is uppercase only: character " + (index + 1) + " is a lowercase letter");
		}
		throw new InvalidIdentifierException("An identifier uses only 0-9 and A-Z without I, L, O and U: character "
				+ (index + 1) + " is none of them");
	}

}
