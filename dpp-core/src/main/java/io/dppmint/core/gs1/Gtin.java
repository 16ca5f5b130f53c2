package io.dppmint.core.gs1;

/**
 * A Global Trade Item Number, held in its 14-digit form (GTIN-8, -12 and -13 are
 * zero-padded on the left, as GS1 element strings and Digital Link URIs carry them).
 * Construction verifies the mod-10 check digit.
 *
 * @param value the 14 digits
 */
public record Gtin(String value) {

	public Gtin {
		if (value == null || value.length() != 14 || !isDigits(value)) {
			throw new InvalidGs1DataException("A GTIN is held as exactly 14 digits, not '" + value + "'");
		}
		char expected = checkDigit(value, 13);
		if (value.charAt(13) != expected) {
			throw new InvalidGs1DataException(
					"GTIN " + value + " has check digit " + value.charAt(13) + " but its digits require " + expected);
		}
	}

	/**
	 * Parse a GTIN-8, -12, -13 or -14 and normalise it to 14 digits.
	 * @param text the digits, surrounding white space allowed
	 * @return the GTIN
	 * @throws InvalidGs1DataException if it is blank, not digits, of another length, or
	 * its check digit is wrong
	 */
	public static Gtin parse(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidGs1DataException("A GTIN is required");
		}
		String digits = text.strip();
		if (!isDigits(digits)) {
			throw new InvalidGs1DataException("A GTIN has digits only, not '" + digits + "'");
		}
		return switch (digits.length()) {
			case 8, 12, 13, 14 -> new Gtin("0".repeat(14 - digits.length()) + digits);
			default -> throw new InvalidGs1DataException(
					"A GTIN has 8, 12, 13 or 14 digits, not " + digits.length() + " ('" + digits + "')");
		};
	}

	/**
	 * The GS1 mod-10 check digit of the first {@code length} digits of {@code digits}.
	 */
	static char checkDigit(CharSequence digits, int length) {
		int sum = 0;
		for (int i = 0; i < length; i++) {
			int digit = digits.charAt(length - 1 - i) - '0';
			sum += ((i % 2) == 0) ? digit * 3 : digit;
		}
		return (char) ('0' + (10 - sum % 10) % 10);
	}

	private static boolean isDigits(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
