package io.dppmint.core.nfc;

import java.nio.charset.StandardCharsets;

/**
 * The URL an NTAG 424 DNA is programmed with, and where in its NDEF file the tag mirrors
 * the SUN message: {@code <resolver url>?picc_data=<32 zeros>&cmac=<16 zeros>} ({@code &}
 * instead of {@code ?} when the resolver URL already has a query). The tag overwrites the
 * zeros on every tap with the encrypted PICCData and the SDMMAC (see {@link SunMessage}).
 * The MAC input is empty (SDMMACInputOffset = SDMMACOffset, as in AN12196 Table 4), and
 * no file data is encrypted.
 * <p>
 * The NDEF file (file 02, 256 bytes, NFC Forum Type 4 Tag) holds one short URI record:
 *
 * <pre>
 * offset  bytes  content
 * 0       2      NLEN: length of the NDEF message, big-endian
 * 2       1      0xD1: record header, MB = ME = SR = 1, TNF = 1 (NFC Forum well-known type)
 * 3       1      0x01: type length
 * 4       1      payload length: 1 + length of the URI remainder
 * 5       1      0x55: type "U" (URI record type definition)
 * 6       1      0x04: URI identifier code for "https://"
 * 7       n      the URI remainder: the URL without "https://", ASCII
 * </pre>
 *
 * So a character at index {@code i} of the remainder sits at file offset {@code 7 + i};
 * PICCDataOffset is the offset of the first {@code picc_data} zero and SDMMACOffset (=
 * SDMMACInputOffset) that of the first {@code cmac} zero. These are the offsets that
 * ChangeFileSettings takes for file 02 (NT4H2421Gx datasheet, chapter "Secure Dynamic
 * Messaging"; the record layout is the NFC Forum NDEF and URI RTD one). The message fits
 * a short record because the file is 256 bytes. Immutable.
 */
public final class SunUrlTemplate {

	/** The size of the NTAG 424 DNA NDEF file (file 02). */
	public static final int NDEF_FILE_SIZE = 256;

	/**
	 * Bytes before the URI remainder: NLEN, header, type length, payload length, type,
	 * code.
	 */
	static final int URI_REMAINDER_OFFSET = 7;

	static final String HTTPS = "https://";

	private static final byte HTTPS_IDENTIFIER_CODE = 0x04;

	private static final String PICC_DATA_PARAMETER = "picc_data=";

	private static final String CMAC_PARAMETER = "cmac=";

	private final String url;

	private final int piccDataOffset;

	private final int sdmMacOffset;

	private SunUrlTemplate(String url, int piccDataOffset, int sdmMacOffset) {
		this.url = url;
		this.piccDataOffset = piccDataOffset;
		this.sdmMacOffset = sdmMacOffset;
	}

	/**
	 * The template for one unit's resolver URL.
	 * @param resolverUrl an absolute {@code https://} URL in printable ASCII, without
	 * fragment and without {@code picc_data} or {@code cmac} parameters
	 * @return the template
	 * @throws IllegalArgumentException if the URL breaks one of these rules or the NDEF
	 * message would not fit the 256-byte NDEF file
	 */
	public static SunUrlTemplate forResolverUrl(String resolverUrl) {
		if (resolverUrl == null || !resolverUrl.startsWith(HTTPS) || resolverUrl.length() == HTTPS.length()) {
			throw new IllegalArgumentException("An NFC resolver URL starts with https:// (URI identifier code 0x04)");
		}
		for (int i = 0; i < resolverUrl.length(); i++) {
			char c = resolverUrl.charAt(i);
			if (c <= 0x20 || c >= 0x7F || c == '#') {
				throw new IllegalArgumentException(
						"An NFC resolver URL is printable ASCII without a fragment; character " + i + " is not");
			}
		}
		int query = resolverUrl.indexOf('?');
		if (query >= 0) {
			for (String parameter : resolverUrl.substring(query + 1).split("&")) {
				if (parameter.startsWith(PICC_DATA_PARAMETER) || parameter.startsWith(CMAC_PARAMETER)
						|| parameter.equals("picc_data") || parameter.equals("cmac")) {
					throw new IllegalArgumentException("An NFC resolver URL must not carry picc_data or cmac itself");
				}
			}
		}
		StringBuilder url = new StringBuilder(resolverUrl);
		if (query < 0) {
			url.append('?');
		}
		else if (!resolverUrl.endsWith("?") && !resolverUrl.endsWith("&")) {
			url.append('&');
		}
		url.append(PICC_DATA_PARAMETER);
		int piccData = url.length();
		url.append("0".repeat(SunMessage.PICC_DATA_HEX_LENGTH)).append('&').append(CMAC_PARAMETER);
		int cmac = url.length();
		url.append("0".repeat(SunMessage.CMAC_HEX_LENGTH));
		int fileLength = URI_REMAINDER_OFFSET + url.length() - HTTPS.length();
		if (fileLength > NDEF_FILE_SIZE) {
			throw new IllegalArgumentException("The NDEF message for this URL needs " + fileLength
					+ " bytes; the NTAG 424 DNA NDEF file has " + NDEF_FILE_SIZE);
		}
		return new SunUrlTemplate(url.toString(), fileOffset(piccData), fileOffset(cmac));
	}

	private static int fileOffset(int urlIndex) {
		return URI_REMAINDER_OFFSET + urlIndex - HTTPS.length();
	}

	/**
	 * The URL with its zero placeholders, as a phone would read it before the first tap.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * The URL a tag programmed with this template and a token's keys reads out on a tap:
	 * the placeholders replaced by the encrypted PICCData and the SDMMAC it mirrors
	 * (AN12196). For load generators that stand in for many tags, such as
	 * {@code ./dpp bench resolver --nfc-taps}; the tests tap SimulatedNtag424
	 * (test-support), which computes the same independently of this code.
	 * @param keys the token's keys (K1 encrypts the PICCData, K2 keys the SDMMAC)
	 * @param uid the tag's 7-byte UID
	 * @param counter the SDMReadCtr this tap mirrors, 1 to 0xFFFFFF
	 * @param padding the 5 bytes a tag draws at random to fill the PICCData block
	 * @return the tapped URL
	 */
	public String tapped(Ntag424Keys keys, byte[] uid, int counter, byte[] padding) {
		String[] mirrored = SunMessage.mirror(keys, uid, counter, padding);
		int piccData = urlIndex(this.piccDataOffset);
		int cmac = urlIndex(this.sdmMacOffset);
		return this.url.substring(0, piccData) + mirrored[0]
				+ this.url.substring(piccData + SunMessage.PICC_DATA_HEX_LENGTH, cmac) + mirrored[1]
				+ this.url.substring(cmac + SunMessage.CMAC_HEX_LENGTH);
	}

	private static int urlIndex(int fileOffset) {
		return fileOffset - URI_REMAINDER_OFFSET + HTTPS.length();
	}

	/**
	 * The NDEF file content to write (NLEN and the message; the rest of the 256-byte file
	 * is not part of it).
	 * @return a new array
	 */
	public byte[] ndefFile() {
		byte[] remainder = this.url.substring(HTTPS.length()).getBytes(StandardCharsets.US_ASCII);
		int messageLength = URI_REMAINDER_OFFSET - 2 + remainder.length;
		byte[] file = new byte[2 + messageLength];
		file[0] = (byte) (messageLength >>> 8);
		file[1] = (byte) messageLength;
		file[2] = (byte) 0xD1;
		file[3] = 0x01;
		file[4] = (byte) (1 + remainder.length);
		file[5] = 0x55;
		file[6] = HTTPS_IDENTIFIER_CODE;
		System.arraycopy(remainder, 0, file, URI_REMAINDER_OFFSET, remainder.length);
		return file;
	}

	/**
	 * PICCDataOffset: where in the NDEF file the tag writes {@code picc_data}.
	 * @return the file offset of the first placeholder digit
	 */
	public int piccDataOffset() {
		return this.piccDataOffset;
	}

	/**
	 * SDMMACInputOffset: where the MAC input starts; equal to {@link #sdmMacOffset()}, so
	 * the input is empty.
	 * @return the file offset
	 */
	public int sdmMacInputOffset() {
		return this.sdmMacOffset;
	}

	/**
	 * SDMMACOffset: where in the NDEF file the tag writes {@code cmac}.
	 * @return the file offset of the first placeholder digit
	 */
	public int sdmMacOffset() {
		return this.sdmMacOffset;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof SunUrlTemplate that) && this.url.equals(that.url);
	}

	@Override
	public int hashCode() {
		return this.url.hashCode();
	}

	@Override
	public String toString() {
		return "SunUrlTemplate[" + this.url + ", piccDataOffset=" + this.piccDataOffset + ", sdmMacOffset="
				+ this.sdmMacOffset + "]";
	}

}
