package io.dppmint.core.digsig;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.gs1.InvalidGs1DataException;

/**
 * A code as a verifier reads it: the element string that is signed and the AI 8030 value
 * presented with it, if any. Reads the three forms a user may hold:
 * <ul>
 * <li>a GS1 Digital Link URI, with the signature as the data attribute {@code ?8030=...}
 * (AI 8030 is a data attribute, never a path element);</li>
 * <li>a bracketed element string, {@code (01)...(10)...(21)...(8030)...}, with {@code \(}
 * for a literal parenthesis in a value;</li>
 * <li>an unbracketed element string, as a scanner reports it: GS (0x1D) after each
 * variable-length value that is not last, optionally preceded by a symbology identifier
 * ({@code ]C1}, {@code ]d2}, {@code ]Q3}).</li>
 * </ul>
 * Anything else, an unknown or repeated AI, or a value that breaks its rules is rejected
 * with an {@link InvalidGs1DataException} that says why.
 *
 * @param elementString the signed part
 * @param signature the AI 8030 value, or {@code null} when the code carries none
 */
public record SignedCode(Gs1ElementString elementString, DigitalSignature8030 signature) {

	/**
	 * Read a code in any of the three forms.
	 * @param input the URI or element string
	 * @return the code
	 * @throws InvalidGs1DataException if it cannot be read; the message says why
	 */
	public static SignedCode parse(String input) {
		if (input == null || input.isBlank()) {
			throw new InvalidGs1DataException("A Digital Link URI or GS1 element string is required");
		}
		String text = input.strip();
		if (text.regionMatches(true, 0, "http://", 0, 7) || text.regionMatches(true, 0, "https://", 0, 8)) {
			return parseUri(text);
		}
		if (text.startsWith("(")) {
			return parseBracketed(text);
		}
		return parseUnbracketed(text);
	}

	/**
	 * The signed Digital Link URI of a unit:
	 * {@code <base>/01/{gtin}[/10/{lot}]/21/{serial}?8030={value}}.
	 * @param resolverBaseUrl the brand's resolver base URL
	 * @return the URI, without the query when there is no signature
	 */
	public String toUri(String resolverBaseUrl) {
		String uri = new DigitalLink(this.elementString.gtin(), null, this.elementString.lot(),
				this.elementString.serial())
			.toUri(resolverBaseUrl);
		return (this.signature != null) ? this.signature.addedTo(uri) : uri;
	}

	/**
	 * The value of the {@code 8030} data attribute in a URI's query string.
	 * @param query the raw query string (after '?', without the fragment), or
	 * {@code null}
	 * @return the value, or {@code null} if the query has none
	 * @throws InvalidGs1DataException if the attribute is repeated or its value is not a
	 * valid AI 8030 value
	 */
	public static DigitalSignature8030 signatureInQuery(String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		String found = null;
		for (String parameter : query.split("&")) {
			int equals = parameter.indexOf('=');
			String name = (equals < 0) ? parameter : parameter.substring(0, equals);
			if (name.equals(DigitalSignature8030.AI)) {
				if (found != null) {
					throw new InvalidGs1DataException("The data attribute 8030 appears more than once in the query");
				}
				found = (equals < 0) ? "" : parameter.substring(equals + 1);
			}
		}
		if (found == null) {
			return null;
		}
		String value;
		try {
			value = found.contains("%") ? URLDecoder.decode(found, StandardCharsets.UTF_8) : found;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidGs1DataException("The data attribute 8030 has a malformed percent-escape");
		}
		return DigitalSignature8030.parse(value);
	}

	private static SignedCode parseUri(String uri) {
		DigitalLink link = DigitalLink.parse(uri);
		int question = uri.indexOf('?');
		DigitalSignature8030 signature = null;
		if (question >= 0) {
			int hash = uri.indexOf('#', question);
			signature = signatureInQuery(uri.substring(question + 1, (hash < 0) ? uri.length() : hash));
		}
		return new SignedCode(Gs1ElementString.of(link), signature);
	}

	private static SignedCode parseBracketed(String text) {
		Elements elements = new Elements();
		int i = 0;
		while (i < text.length()) {
			if (text.charAt(i) != '(') {
				throw new InvalidGs1DataException("Bracketed element string has " + quote(text.charAt(i))
						+ " at position " + (i + 1) + " where '(' and an AI are expected");
			}
			int close = text.indexOf(')', i);
			if (close < 0) {
				throw new InvalidGs1DataException(
						"Bracketed element string has an AI without ')' at position " + (i + 1));
			}
			String ai = text.substring(i + 1, close);
			StringBuilder value = new StringBuilder();
			int j = close + 1;
			while (j < text.length() && text.charAt(j) != '(') {
				if (text.charAt(j) == '\\' && j + 1 < text.length() && text.charAt(j + 1) == '(') {
					j++;
				}
				value.append(text.charAt(j++));
			}
			elements.put(ai, value.toString());
			i = j;
		}
		return elements.code();
	}

	private static SignedCode parseUnbracketed(String text) {
		String body = text;
		for (String symbology : new String[] { "]C1", "]d2", "]Q3" }) {
			if (body.startsWith(symbology)) {
				body = body.substring(symbology.length());
			}
		}
		Elements elements = new Elements();
		int i = 0;
		while (i < body.length()) {
			String ai;
			if (body.startsWith("01", i) || body.startsWith("10", i) || body.startsWith("21", i)) {
				ai = body.substring(i, i + 2);
			}
			else if (body.startsWith(DigitalSignature8030.AI, i)) {
				ai = DigitalSignature8030.AI;
			}
			else {
				throw new InvalidGs1DataException("Element string has "
						+ quote(body.substring(i, Math.min(i + 4, body.length()))) + " at position " + (i + 1)
						+ " where AI 01, 10, 21 or 8030 is expected (unbracketed form, GS" + " separators)");
			}
			int start = i + ai.length();
			int end;
			if (ai.equals("01")) {
				end = Math.min(start + 14, body.length());
			}
			else {
				int gs = body.indexOf(Gs1ElementString.GS, start);
				end = (gs < 0) ? body.length() : gs;
			}
			elements.put(ai, body.substring(start, end));
			i = (end < body.length() && body.charAt(end) == Gs1ElementString.GS) ? end + 1 : end;
		}
		return elements.code();
	}

	private static String quote(char c) {
		return (c >= 0x20 && c < 0x7f) ? "'" + c + "'" : String.format("U+%04X", (int) c);
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("'");
		text.chars()
			.forEach((c) -> quoted
				.append((c >= 0x20 && c < 0x7f) ? String.valueOf((char) c) : String.format("\\u%04X", c)));
		return quoted.append('\'').toString();
	}

	/** The AIs of an element string as they are read. */
	private static final class Elements {

		private String gtin;

		private String lot;

		private String serial;

		private String signature;

		void put(String ai, String value) {
			switch (ai) {
				case "01" -> this.gtin = once(ai, this.gtin, value);
				case "10" -> this.lot = once(ai, this.lot, value);
				case "21" -> this.serial = once(ai, this.serial, value);
				case DigitalSignature8030.AI -> this.signature = once(ai, this.signature, value);
				default -> throw new InvalidGs1DataException("Element string has AI (" + quote(ai).replace("'", "")
						+ "), but a signed code has only AI 01, 10, 21 and 8030");
			}
		}

		private static String once(String ai, String previous, String value) {
			if (previous != null) {
				throw new InvalidGs1DataException("AI (" + ai + ") appears more than once in the element string");
			}
			return value;
		}

		SignedCode code() {
			if (this.gtin == null) {
				throw new InvalidGs1DataException("The element string has no AI (01) GTIN");
			}
			Gs1ElementString element = new Gs1ElementString(new Gtin(this.gtin), this.lot, this.serial);
			return new SignedCode(element,
					(this.signature != null) ? DigitalSignature8030.parse(this.signature) : null);
		}

	}

}
