package io.dppmint.core.passport;

import java.util.Locale;

/**
 * Who may see a passport field, from the widest audience to the narrowest (ESPR,
 * Regulation (EU) 2024/1781, Art. 9(2)(f) and Art. 11(b); Battery Regulation (EU)
 * 2023/1542, Art. 77(2)): a caller at one level sees every field at that level and below.
 */
public enum AccessLevel {

	/** Anyone who scans: consumers before and after purchase. */
	PUBLIC,

	/**
	 * Repairers, refurbishers, remanufacturers, recyclers: persons with a legitimate
	 * interest.
	 */
	LEGITIMATE_INTEREST,

	/** Market-surveillance and customs authorities, notified bodies, the Commission. */
	AUTHORITY,

	/** The economic operator itself: the brand's own console users and API keys. */
	OPERATOR;

	/**
	 * The form used in schemas, the API and the database ({@code legitimate_interest}).
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether a caller at this level may see a field at {@code field}. */
	public boolean sees(AccessLevel field) {
		return field.ordinal() <= ordinal();
	}

	/**
	 * The level a code names.
	 * @param code {@code public}, {@code legitimate_interest}, {@code authority} or
	 * {@code operator}
	 * @return the level
	 * @throws IllegalArgumentException for any other code
	 */
	public static AccessLevel of(String code) {
		for (AccessLevel level : values()) {
			if (level.code().equals(code)) {
				return level;
			}
		}
		throw new IllegalArgumentException(
				"'" + code + "' is not an access level: use public, legitimate_interest, authority or operator");
	}

}
