package io.dppmint.core.catalog;

import java.util.Locale;

/**
 * Where a product stands commercially. Only {@link #ACTIVE} products can be minted.
 */
public enum CommercialStatus {

	DRAFT, ACTIVE, DISCONTINUED;

	/**
	 * The value stored in {@code products.commercial_status}.
	 * @return the lowercase name
	 */
	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status stored as {@code value}.
	 * @param value {@code draft}, {@code active} or {@code discontinued}
	 * @return the status
	 * @throws IllegalArgumentException for any other value
	 */
	public static CommercialStatus fromDbValue(String value) {
		for (CommercialStatus status : values()) {
			if (status.dbValue().equals(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unknown commercial status '" + value + "'");
	}

}
