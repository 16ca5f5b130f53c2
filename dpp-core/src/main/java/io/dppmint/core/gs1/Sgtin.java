package io.dppmint.core.gs1;

/**
 * A serialised GTIN as an EPC pure-identity URI, {@code urn:epc:id:sgtin:}, of the GS1
 * EPC Tag Data Standard: {@code urn:epc:id:sgtin:CompanyPrefix.IndicatorItemRef.Serial}.
 * The GTIN's indicator digit moves in front of the item reference, the check digit is
 * dropped, and the serial is written with the URN escapes of the standard ({@code "}
 * {@code %} {@code &} {@code /} {@code <} {@code >} {@code ?} as {@code %XX}); the
 * company prefix's length is the brand's, which a GTIN alone does not tell.
 *
 * @param gtin the GTIN
 * @param companyPrefixLength the digits of its GS1 company prefix (6 to 12)
 * @param serial the serial number, AI 21
 */
public record Sgtin(Gtin gtin, int companyPrefixLength, String serial) {

	/** The scheme and namespace every SGTIN URI starts with. */
	public static final String PREFIX = "urn:epc:id:sgtin:";

	private static final String ESCAPED = "\"%&/<>?";

	public Sgtin {
		if (gtin == null) {
			throw new InvalidGs1DataException("An SGTIN needs a GTIN");
		}
		if (companyPrefixLength < 6 || companyPrefixLength > 12) {
			throw new InvalidGs1DataException(
					"A GS1 company prefix in an SGTIN has 6 to 12 digits, not " + companyPrefixLength);
		}
		ApplicationIdentifier.SERIAL.requireValid(serial);
	}

	/**
	 * The SGTIN of a Digital Link's unit.
	 * @param link a Digital Link with a serial
	 * @param companyPrefix the GS1 company prefix the GTIN was issued under
	 * @return the SGTIN
	 * @throws InvalidGs1DataException if the link has no serial or the GTIN is not under
	 * the company prefix
	 */
	public static Sgtin of(DigitalLink link, String companyPrefix) {
		if (link.serial() == null) {
			throw new InvalidGs1DataException("Only a Digital Link with a serial has an SGTIN");
		}
		if (companyPrefix == null || !link.gtin().value().startsWith(companyPrefix, 1)) {
			throw new InvalidGs1DataException(
					"GTIN " + link.gtin() + " is not under GS1 company prefix " + companyPrefix);
		}
		return new Sgtin(link.gtin(), companyPrefix.length(), link.serial());
	}

	/**
	 * Read an SGTIN pure-identity URI.
	 * @param uri e.g. {@code urn:epc:id:sgtin:0614141.812345.6789}
	 * @return the SGTIN
	 * @throws InvalidGs1DataException if it is not one; the message says why
	 */
	public static Sgtin parse(String uri) {
		if (uri == null || !uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			throw new InvalidGs1DataException("An SGTIN URI starts with " + PREFIX);
		}
		String[] parts = uri.substring(PREFIX.length()).split("\\.", -1);
		if (parts.length != 3) {
			throw new InvalidGs1DataException(
					"An SGTIN URI has three parts after " + PREFIX + ": company prefix, item reference, serial");
		}
		String companyPrefix = parts[0];
		String itemReference = parts[1];
		if (!digits(companyPrefix) || !digits(itemReference) || companyPrefix.length() + itemReference.length() != 13) {
			throw new InvalidGs1DataException(
					"An SGTIN's company prefix and item reference are 13 digits together, in two parts");
		}
		String first13 = itemReference.charAt(0) + companyPrefix + itemReference.substring(1);
		String serial = UriSyntax.decode(parts[2]);
		if (serial == null || serial.isEmpty()) {
			throw new InvalidGs1DataException("An SGTIN URI's serial is missing or badly escaped");
		}
		return new Sgtin(Gtin.withCheckDigit(first13), companyPrefix.length(), serial);
	}

	/** The GS1 company prefix. */
	public String companyPrefix() {
		return this.gtin.value().substring(1, 1 + this.companyPrefixLength);
	}

	/**
	 * The pure-identity URI.
	 * @return e.g. {@code urn:epc:id:sgtin:4087656.012345.X3K9QF2M7T1A}
	 */
	public String toUri() {
		String value = this.gtin.value();
		StringBuilder uri = new StringBuilder(64).append(PREFIX).append(companyPrefix()).append('.');
		uri.append(value.charAt(0)).append(value, 1 + this.companyPrefixLength, 13).append('.');
		return appendEscaped(uri, this.serial).toString();
	}

	/**
	 * The EPC class URI of a lot of a trade item, {@code urn:epc:class:lgtin:} (GS1 EPC
	 * Tag Data Standard §6.4.2), written like an SGTIN with the lot in the serial's
	 * place.
	 * @param gtin the GTIN
	 * @param companyPrefixLength the digits of its GS1 company prefix (6 to 12)
	 * @param lot the lot number, AI 10
	 * @return e.g. {@code urn:epc:class:lgtin:4012345.012345.998877}
	 */
	public static String lgtinUri(Gtin gtin, int companyPrefixLength, String lot) {
		ApplicationIdentifier.BATCH_LOT.requireValid(lot);
		String sgtin = new Sgtin(gtin, companyPrefixLength, "0").toUri();
		StringBuilder uri = new StringBuilder(64).append("urn:epc:class:lgtin:")
			.append(sgtin, PREFIX.length(), sgtin.length() - 1);
		return appendEscaped(uri, lot).toString();
	}

	private static StringBuilder appendEscaped(StringBuilder uri, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (ESCAPED.indexOf(c) >= 0) {
				uri.append('%').append(String.format("%02X", (int) c));
			}
			else {
				uri.append(c);
			}
		}
		return uri;
	}

	/** The Digital Link of this unit (a GTIN and a serial). */
	public DigitalLink toDigitalLink() {
		return new DigitalLink(this.gtin, null, null, this.serial);
	}

	private static boolean digits(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) < '0' || text.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return toUri();
	}

}
