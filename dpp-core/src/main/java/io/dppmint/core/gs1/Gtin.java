package io.dppmint.core.gs1;

/**
 * A Global Trade Item Number, held in its 14-digit form (GTIN-8, -12 and -13 are
 * zero-padded on the left, as GS1 element strings and Digital Link URIs carry them).
 * Construction applies the rules of {@link ApplicationIdentifier#GTIN}: exactly 14 digits
 * with a correct mod-10 check digit.
 *
 * @param value the 14 digits
 */
public record Gtin(String value) {

	public Gtin {
		ApplicationIdentifier.GTIN.requireValid(value);
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
		for (int i = 0; i < digits.length(); i++) {
			char c = digits.charAt(i);
			if (c < '0' || c > '9') {
				throw new InvalidGs1DataException("GTIN " + InvalidGs1DataException.quote(digits) + " has "
						+ InvalidGs1DataException.describe(digits.codePointAt(i)) + " at position " + (i + 1)
						+ ", but a GTIN has digits only");
			}
		}
		return switch (digits.length()) {
			case 8, 12, 13, 14 -> {
				char expected = ApplicationIdentifier.checkDigit(digits, digits.length() - 1);
				char actual = digits.charAt(digits.length() - 1);
				if (actual != expected) {
					throw new InvalidGs1DataException("GTIN " + digits + " has check digit " + actual
							+ ", but its other digits require " + expected);
				}
				yield new Gtin("0".repeat(14 - digits.length()) + digits);
			}
			default -> throw new InvalidGs1DataException("GTIN " + InvalidGs1DataException.quote(digits) + " has "
					+ digits.length() + " digits, but a GTIN has 8, 12, 13 or 14");
		};
	}

	/**
	 * The GTIN-14 whose first 13 digits are these, with its check digit computed (for
	 * numbering new trade items, fixtures and benchmarks).
	 * @param first13 the indicator digit, company prefix and item reference
	 * @return the GTIN
	 */
	public static Gtin withCheckDigit(String first13) {
		if (first13 == null || first13.length() != 13 || !first13.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new InvalidGs1DataException("A GTIN-14 without its check digit has 13 digits, not "
					+ InvalidGs1DataException.quote(String.valueOf(first13)));
		}
		return new Gtin(first13 + ApplicationIdentifier.checkDigit(first13, 13));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
