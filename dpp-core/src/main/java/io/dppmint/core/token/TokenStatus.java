package io.dppmint.core.token;

import java.util.Locale;

/**
 * A token's lifecycle: {@code minted -> active -> revoked}. First-scan tokens start
 * {@link #MINTED} and become {@link #ACTIVE} on their first valid scan; active-at-mint
 * tokens start {@link #ACTIVE}. Stored as a small code in the hot token table; this enum
 * is the one place that maps statuses to codes, and SQL binds {@link #code()} rather than
 * spelling a code out.
 */
public enum TokenStatus {

	MINTED(0), ACTIVE(1), REVOKED(2);

	private final int code;

	private final String label;

	TokenStatus(int code) {
		this.code = code;
		this.label = name().toLowerCase(Locale.ROOT);
	}

	/** The code stored in {@code tokens.status}. */
	public int code() {
		return this.code;
	}

	/**
	 * The status stored as {@code code} in {@code tokens.status}.
	 * @param code the stored code
	 * @return the status
	 * @throws IllegalArgumentException for a code no status has
	 */
	public static TokenStatus ofCode(int code) {
		return switch (code) {
			case 0 -> MINTED;
			case 1 -> ACTIVE;
			case 2 -> REVOKED;
			default -> throw new IllegalArgumentException("Unknown token status code " + code);
		};
	}

	/** Lower-case name as shown to users and in exports, e.g. {@code minted}. */
	public String label() {
		return this.label;
	}

}
