package io.dppmint.core.passport;

import java.util.Locale;

/**
 * The type of a passport field's value, and its JSON form.
 */
public enum FieldType {

	/** A JSON string of at most {@code maxLength} characters. */
	TEXT,

	/**
	 * A JSON number (a string such as {@code "5"} is not one) in a UN/CEFACT
	 * Recommendation 20 unit, within {@code min}..{@code max}, with at most {@code scale}
	 * decimals.
	 */
	NUMBER,

	/** An ISO 8601 calendar date, {@code 2026-03-14}, or a month, {@code 2026-03}. */
	DATE,

	/** One of the field's codes. */
	ENUM,

	/** An {@code https} URL of at most 2,000 characters. */
	URL,

	/**
	 * A document reference: {@code {url, title, mediaType, language?, sha256?}}.
	 */
	DOCUMENT,

	/** A JSON array of one item type, scalar or record. */
	LIST,

	/** An object of scalar sub-fields: only as the items of a list. */
	RECORD;

	/** The form used in schemas ({@code number}). */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static FieldType of(String code) {
		for (FieldType type : values()) {
			if (type.code().equals(code)) {
				return type;
			}
		}
		throw new IllegalArgumentException(
				"'" + code + "' is not a field type: use text, number, date, enum, url, document, list or record");
	}

	boolean scalar() {
		return this != LIST && this != RECORD;
	}

}
