package io.dppmint.core.token;

/**
 * A token's lifecycle: {@code minted -> active -> revoked}. First-scan tokens start
 * {@link #MINTED} and become {@link #ACTIVE} on their first valid scan; active-at-mint
 * tokens start {@link #ACTIVE}. Stored as a small code in the hot token table.
 */
public enum TokenStatus {

	MINTED(0), ACTIVE(1), REVOKED(2);

	private final int code;

	TokenStatus(int code) {
		this.code = code;
	}

	/** The code stored in {@code tokens.status}. */
	public int code() {
		return this.code;
	}

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
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
