package io.dppmint.resolver.nfc;

/**
 * The Secure Unique NFC parameters of a tapped URL's query ({@code picc_data},
 * {@code cmac}) and the query a passport redirect passes on: without them (they are
 * single-use) and without any {@code nfc} verdict the request brought along.
 *
 * @param piccData the first {@code picc_data} value, or {@code null}
 * @param cmac the first {@code cmac} value, or {@code null}
 */
public record SunParameters(String piccData, String cmac) {

	/** The query parameter that carries a signed verdict to the passport. */
	public static final String VERDICT_PARAMETER = "nfc";

	/**
	 * Read a raw query string.
	 * @param query the query, or {@code null}
	 * @return the parameters (each {@code null} when absent)
	 */
	public static SunParameters of(String query) {
		String piccData = null;
		String cmac = null;
		if (query != null) {
			for (String parameter : query.split("&")) {
				if (piccData == null && parameter.startsWith("picc_data=")) {
					piccData = parameter.substring("picc_data=".length());
				}
				else if (cmac == null && parameter.startsWith("cmac=")) {
					cmac = parameter.substring("cmac=".length());
				}
			}
		}
		return new SunParameters(piccData, cmac);
	}

	/**
	 * Whether the URL carries a SUN message at all (a tap, rather than a typed or
	 * photographed URL).
	 * @return whether either parameter is present
	 */
	public boolean present() {
		return this.piccData != null || this.cmac != null;
	}

	/**
	 * A raw query without {@code picc_data}, {@code cmac} and {@code nfc}.
	 * @param query the query, or {@code null}
	 * @return what remains, or {@code null} if nothing does
	 */
	public static String strip(String query) {
		if (query == null) {
			return null;
		}
		StringBuilder kept = new StringBuilder(query.length());
		for (String parameter : query.split("&")) {
			String name = (parameter.indexOf('=') >= 0) ? parameter.substring(0, parameter.indexOf('=')) : parameter;
			if (parameter.isEmpty() || name.equals("picc_data") || name.equals("cmac")
					|| name.equals(VERDICT_PARAMETER)) {
				continue;
			}
			if (!kept.isEmpty()) {
				kept.append('&');
			}
			kept.append(parameter);
		}
		return kept.isEmpty() ? null : kept.toString();
	}

	/**
	 * The value of the {@code nfc} parameter of a raw query.
	 * @param query the query, or {@code null}
	 * @return the first value, or {@code null}
	 */
	public static String verdictParameter(String query) {
		if (query == null) {
			return null;
		}
		for (String parameter : query.split("&")) {
			if (parameter.startsWith(VERDICT_PARAMETER + "=")) {
				return parameter.substring(VERDICT_PARAMETER.length() + 1);
			}
		}
		return null;
	}

}
