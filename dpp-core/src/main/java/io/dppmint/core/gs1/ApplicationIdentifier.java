package io.dppmint.core.gs1;

import java.util.List;

/**
 * The GS1 Application Identifiers this platform reads and writes, and the one place for
 * their rules and for GS1 character set 82.
 * <p>
 * Every fact here is taken from the entry of the GS1 Barcode Syntax Dictionary for the AI
 * (format, flags and Digital Link key-qualifier order; a test checks each against the
 * dictionary). {@link #requireValid(String)} accepts exactly the values that the
 * dictionary's format and {@code csum} linter accept, and rejects every other value with
 * an {@link InvalidGs1DataException} whose message names the AI and the broken rule. The
 * one dictionary linter not enforced is {@code gcppos2} on AI 01: without GS1's Company
 * Prefix allocation data it accepts any 14-digit value.
 */
public enum ApplicationIdentifier {

	/**
	 * AI 01, Global Trade Item Number: {@code N14,csum,gcppos2}, flags {@code *?},
	 * Digital Link primary key with the optional qualifiers {@code 22,10,21} in that
	 * order.
	 */
	GTIN("01", "GTIN", CharacterSet.DIGITS, 14, 14, true, true, true),

	/** AI 22, Consumer Product Variant: {@code X..20}, no flags. */
	CPV("22", "CPV", CharacterSet.CSET82, 1, 20, false, false, false),

	/** AI 10, batch or lot number: {@code X..20}, flag {@code ?}. */
	BATCH_LOT("10", "BATCH/LOT", CharacterSet.CSET82, 1, 20, false, false, true),

	/** AI 21, serial number: {@code X..20}, no flags. */
	SERIAL("21", "SERIAL", CharacterSet.CSET82, 1, 20, false, false, false);

	/**
	 * The key qualifiers a Digital Link path may carry after AI 01, in the only order the
	 * path may carry them (dictionary attribute {@code dlpkey=22,10,21|235}; this
	 * platform does not use the {@code 235} alternative).
	 */
	static final List<ApplicationIdentifier> GTIN_QUALIFIERS = List.of(CPV, BATCH_LOT, SERIAL);

	private static final String CSET82_SYMBOLS = "!\"%&'()*+,-./:;<=>?_";

	private final String code;

	private final String title;

	private final CharacterSet characterSet;

	private final int minLength;

	private final int maxLength;

	private final boolean checkDigit;

	private final boolean predefinedLength;

	private final boolean digitalLinkDataAttribute;

	ApplicationIdentifier(String code, String title, CharacterSet characterSet, int minLength, int maxLength,
			boolean checkDigit, boolean predefinedLength, boolean digitalLinkDataAttribute) {
		this.code = code;
		this.title = title;
		this.characterSet = characterSet;
		this.minLength = minLength;
		this.maxLength = maxLength;
		this.checkDigit = checkDigit;
		this.predefinedLength = predefinedLength;
		this.digitalLinkDataAttribute = digitalLinkDataAttribute;
	}

	/**
	 * The AI's code, as it appears in element strings and Digital Link paths.
	 * @return the digits, e.g. {@code "10"}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * The AI's data title in the GS1 General Specifications.
	 * @return the title, e.g. {@code "BATCH/LOT"}
	 */
	public String title() {
		return this.title;
	}

	/**
	 * The most characters a value may have.
	 * @return the maximum length
	 */
	public int maxLength() {
		return this.maxLength;
	}

	int minLength() {
		return this.minLength;
	}

	boolean numeric() {
		return this.characterSet == CharacterSet.DIGITS;
	}

	boolean checkDigit() {
		return this.checkDigit;
	}

	/**
	 * Whether the AI has a predefined length, so that an element string needs no FNC1
	 * separator after its value (dictionary flag {@code *}).
	 */
	boolean predefinedLength() {
		return this.predefinedLength;
	}

	/**
	 * Whether the AI may be a Digital Link data attribute in the query string (dictionary
	 * flag {@code ?}). This platform writes no data attributes; the flag is kept so that
	 * the entry is complete.
	 */
	boolean digitalLinkDataAttribute() {
		return this.digitalLinkDataAttribute;
	}

	/**
	 * Check a value against this AI's rules.
	 * @param value the value as it is carried, without any trimming
	 * @return the value, unchanged
	 * @throws InvalidGs1DataException if the value is missing or blank, has a character
	 * outside the AI's character set, has the wrong length, or a wrong check digit; the
	 * message says which, and where
	 */
	public String requireValid(String value) {
		if (value == null) {
			throw new InvalidGs1DataException(this + " is missing");
		}
		if (value.isBlank()) {
			throw new InvalidGs1DataException(this + " is blank");
		}
		requireCharacterSet(value);
		int length = value.length();
		if (length < this.minLength || length > this.maxLength) {
			throw new InvalidGs1DataException(this + " value " + InvalidGs1DataException.quote(value) + " has " + length
					+ " characters, but " + lengthRule());
		}
		if (this.checkDigit) {
			char expected = checkDigit(value, length - 1);
			char actual = value.charAt(length - 1);
			if (actual != expected) {
				throw new InvalidGs1DataException(this + " value " + InvalidGs1DataException.quote(value)
						+ " has check digit " + actual + ", but its other digits require " + expected);
			}
		}
		return value;
	}

	private void requireCharacterSet(String value) {
		int position = 1;
		for (int i = 0; i < value.length(); position++) {
			int c = value.codePointAt(i);
			if (!this.characterSet.contains(c)) {
				throw new InvalidGs1DataException(this + " value " + InvalidGs1DataException.quote(value) + " has "
						+ InvalidGs1DataException.describe(c) + " at position " + position + this.characterSet.rule);
			}
			i += Character.charCount(c);
		}
	}

	private String lengthRule() {
		if (this.minLength == this.maxLength) {
			return "it must have exactly " + this.maxLength;
		}
		return "it may have at most " + this.maxLength;
	}

	/**
	 * Whether a character is in GS1 AI encodable character set 82 (GS1 General
	 * Specifications, figure 7.11-1): the digits, the letters A to Z and a to z, and
	 * {@code ! " % & ' ( ) * + , - . / : ; < = > ? _}.
	 * @param codePoint the character
	 * @return whether it is one of the 82
	 */
	public static boolean isCharacterSet82(int codePoint) {
		return (codePoint >= '0' && codePoint <= '9') || (codePoint >= 'A' && codePoint <= 'Z')
				|| (codePoint >= 'a' && codePoint <= 'z')
				|| (codePoint < 0x80 && CSET82_SYMBOLS.indexOf(codePoint) >= 0);
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

	/**
	 * The qualifier with the given code.
	 * @return the qualifier, or {@code null} if {@code code} is not one
	 */
	static ApplicationIdentifier gtinQualifier(String code) {
		for (ApplicationIdentifier qualifier : GTIN_QUALIFIERS) {
			if (qualifier.code.equals(code)) {
				return qualifier;
			}
		}
		return null;
	}

	/**
	 * How the AI is named in messages, e.g. {@code AI 10 (BATCH/LOT)}.
	 */
	@Override
	public String toString() {
		return "AI " + this.code + " (" + this.title + ")";
	}

	private enum CharacterSet {

		DIGITS(", but only the digits 0 to 9 are allowed") {
			@Override
			boolean contains(int codePoint) {
				return codePoint >= '0' && codePoint <= '9';
			}
		},

		CSET82(", which is outside GS1 character set 82") {
			@Override
			boolean contains(int codePoint) {
				return isCharacterSet82(codePoint);
			}
		};

		private final String rule;

		CharacterSet(String rule) {
			this.rule = rule;
		}

		abstract boolean contains(int codePoint);

	}

}
