package io.dppmint.core.gs1;

/**
 * A Global Location Number (GS1 AI 414): 13 digits, the last a mod-10 check digit
 * computed as for a GTIN (GS1 General Specifications §7.9.1). It names a party or a
 * physical location; DPP Mint uses it for the facility a production run takes place at,
 * which is where its units are commissioned.
 *
 * @param value the 13 digits
 */
public record Gln(String value) {

	/** The canonical GS1 Digital Link domain, for a GLN's web URI. */
	private static final String ID_GS1_ORG = "https://id.gs1.org";

	public Gln {
		if (value == null || value.length() != 13 || !value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new InvalidGs1DataException(
					"A GLN has 13 digits, not " + InvalidGs1DataException.quote(String.valueOf(value)));
		}
		char expected = ApplicationIdentifier.checkDigit(value, 12);
		if (value.charAt(12) != expected) {
			throw new InvalidGs1DataException("GLN " + value + " has check digit " + value.charAt(12)
					+ ", but its other digits require " + expected);
		}
	}

	/**
	 * Parse a GLN, surrounding white space allowed.
	 * @param text the digits
	 * @return the GLN
	 * @throws InvalidGs1DataException if it is not 13 digits with a correct check digit
	 */
	public static Gln parse(String text) {
		return new Gln((text != null) ? text.strip() : null);
	}

	/**
	 * The GLN of an EPCIS location identifier: an SGLN pure-identity URI
	 * ({@code urn:epc:id:sgln:CompanyPrefix.LocationReference.Extension}, extension
	 * {@code 0} meaning none) or a GS1 Digital Link URI with AI 414.
	 * @param uri the identifier
	 * @return the GLN
	 * @throws InvalidGs1DataException if it is neither, or names a GLN extension
	 */
	public static Gln ofLocation(String uri) {
		if (uri != null && uri.regionMatches(true, 0, "urn:epc:id:sgln:", 0, 16)) {
			String[] parts = uri.substring(16).split("\\.", -1);
			if (parts.length != 3 || parts[0].length() + parts[1].length() != 12 || !"0".equals(parts[2])) {
				throw new InvalidGs1DataException("An SGLN without extension is urn:epc:id:sgln:"
						+ "CompanyPrefix.LocationReference.0, 12 digits before the extension");
			}
			String first12 = parts[0] + parts[1];
			return new Gln(first12 + ApplicationIdentifier.checkDigit(first12, 12));
		}
		int at = (uri != null) ? uri.indexOf("/414/") : -1;
		if (at > 0 && uri.startsWith("http")) {
			int end = at + 5;
			while (end < uri.length() && uri.charAt(end) != '/' && uri.charAt(end) != '?') {
				end++;
			}
			return parse(uri.substring(at + 5, end));
		}
		throw new InvalidGs1DataException("A location is an SGLN URI (urn:epc:id:sgln:...) or a GS1 Digital Link "
				+ "URI with AI 414, not " + InvalidGs1DataException.quote(String.valueOf(uri)));
	}

	/**
	 * The EPCIS location identifier of this GLN: its SGLN URI when the length of the GS1
	 * company prefix it was issued under is known, otherwise its GS1 Digital Link URI
	 * (both are EPCIS 2.0 identifiers).
	 * @param companyPrefixLength the digits of its company prefix (6 to 12), or
	 * {@code null} when unknown
	 * @return e.g. {@code urn:epc:id:sgln:9506000.13435.0}
	 */
	public String toLocationUri(Integer companyPrefixLength) {
		if (companyPrefixLength == null) {
			return ID_GS1_ORG + "/414/" + this.value;
		}
		return "urn:epc:id:sgln:" + this.value.substring(0, companyPrefixLength) + "."
				+ this.value.substring(companyPrefixLength, 12) + ".0";
	}

	@Override
	public String toString() {
		return this.value;
	}

}
