package io.dppmint.core.minting;

import io.dppmint.core.token.TokenStatus;

/**
 * When tokens become active: {@link #ACTIVE} at mint, or {@link #FIRST_SCAN} on their
 * first valid scan through the resolver.
 */
public enum ActivationMode {

	ACTIVE("active", TokenStatus.ACTIVE), FIRST_SCAN("first_scan", TokenStatus.MINTED);

	private final String value;

	private final TokenStatus initialStatus;

	ActivationMode(String value, TokenStatus initialStatus) {
		this.value = value;
		this.initialStatus = initialStatus;
	}

	/**
	 * The value stored and accepted in requests: {@code active} or {@code first_scan}.
	 */
	public String value() {
		return this.value;
	}

	/** The status tokens are minted with. */
	public TokenStatus initialStatus() {
		return this.initialStatus;
	}

	/**
	 * Parse a request value ({@code first-scan} is accepted as a spelling of
	 * {@code first_scan}).
	 * @param value the request value
	 * @return the mode
	 * @throws IllegalArgumentException naming the allowed values
	 */
	public static ActivationMode of(String value) {
		for (ActivationMode mode : values()) {
			if (mode.value.equals(value) || mode.value.replace('_', '-').equals(value)) {
				return mode;
			}
		}
		throw new IllegalArgumentException("Activation mode must be 'active' or 'first_scan', not '" + value + "'");
	}

}
