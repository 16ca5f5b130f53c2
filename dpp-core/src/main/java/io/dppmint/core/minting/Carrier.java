package io.dppmint.core.minting;

/**
 * What a batch's resolver URLs are carried on: {@link #QR} printed codes (the default),
 * or {@link #NFC} NTAG 424 DNA tags, whose URLs carry a Secure Unique NFC message the
 * resolver verifies on every tap (docs/nfc.md). An NFC batch's export also writes the
 * encrypted key packs for the tag programmer.
 */
public enum Carrier {

	QR("qr"), NFC("nfc");

	private final String value;

	Carrier(String value) {
		this.value = value;
	}

	/**
	 * The value stored and accepted in requests: {@code qr} or {@code nfc}.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Parse a request value.
	 * @param value the request value
	 * @return the carrier
	 * @throws IllegalArgumentException naming the allowed values
	 */
	public static Carrier of(String value) {
		for (Carrier carrier : values()) {
			if (carrier.value.equals(value)) {
				return carrier;
			}
		}
		throw new IllegalArgumentException("Carrier must be 'qr' or 'nfc', not '" + value + "'");
	}

}
