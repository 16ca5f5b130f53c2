package io.dppmint.resolver.nfc;

/**
 * What the resolver concluded about one tap of an NFC tag, as the passport shows it.
 */
public enum TapVerdict {

	/**
	 * The tag's message is authentic (CMAC under the token's key) and its counter is
	 * above every counter accepted before for the tag, with the UID the tag was bound to.
	 */
	GENUINE("genuine", "Genuine tag"),

	/**
	 * Anything else: a bad MAC, another token's tag, a replayed or stale counter, another
	 * UID than the one bound, or a brand without NFC keys.
	 */
	NOT_GENUINE("not_genuine", "Not genuine"),

	/**
	 * The tap could not be checked because the counters could not be read or written (the
	 * primary database is unavailable); nothing was activated.
	 */
	UNVERIFIED("unverified", "Tag could not be checked");

	private final String code;

	private final String label;

	TapVerdict(String code, String label) {
		this.code = code;
		this.label = label;
	}

	/**
	 * The verdict in URLs and JSON.
	 * @return {@code genuine}, {@code not_genuine} or {@code unverified}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * The verdict as the passport page shows it.
	 * @return the banner text
	 */
	public String label() {
		return this.label;
	}

	static TapVerdict of(String code) {
		for (TapVerdict verdict : values()) {
			if (verdict.code.equals(code)) {
				return verdict;
			}
		}
		throw new IllegalArgumentException("Unknown verdict " + code);
	}

}
