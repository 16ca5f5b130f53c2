package io.dppmint.core.epcis;

/**
 * How identifiers are written in served and pushed events, the {@code GS1-EPC-Format}
 * header of the EPCIS 2.0 REST bindings: EPC URNs ({@code urn:epc:id:sgtin:...}), the
 * default, or GS1 Digital Link URIs on the canonical {@code https://id.gs1.org} domain.
 */
public enum EpcFormat {

	/** EPC pure-identity URNs where the company prefix is known, else Digital Link. */
	URN,

	/** GS1 Digital Link URIs always. */
	DIGITAL_LINK;

	/**
	 * The format a {@code GS1-EPC-Format} header asks for.
	 * @param header the header's value, or {@code null}
	 * @return {@link #DIGITAL_LINK} for {@code Always_GS1_Digital_Link}, otherwise
	 * {@link #URN} ({@code No_Preference}, {@code Always_EPC_URN},
	 * {@code Never_Translates} or none)
	 */
	public static EpcFormat ofHeader(String header) {
		return "Always_GS1_Digital_Link".equalsIgnoreCase((header != null) ? header.strip() : "") ? DIGITAL_LINK : URN;
	}

	/** The header value that names this format in a response. */
	public String headerValue() {
		return (this == DIGITAL_LINK) ? "Always_GS1_Digital_Link" : "Always_EPC_URN";
	}

}
