package io.dppmint.core.minting;

import java.util.Locale;

/**
 * How units are identified: {@link #SERIAL} gives every unit its own token; {@link #LOT}
 * groups unit tokens into one or more lots, each also resolvable as a lot.
 */
public enum IdentityMode {

	SERIAL, LOT;

	/** The value stored and accepted in requests, e.g. {@code serial}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parse a request value.
	 * @param value {@code serial} or {@code lot}
	 * @return the mode
	 * @throws IllegalArgumentException naming the allowed values
	 */
	public static IdentityMode of(String value) {
		for (IdentityMode mode : values()) {
			if (mode.value().equals(value)) {
				return mode;
			}
		}
		throw new IllegalArgumentException("Identity mode must be 'serial' or 'lot', not '" + value + "'");
	}

}
