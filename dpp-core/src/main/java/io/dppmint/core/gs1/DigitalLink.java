package io.dppmint.core.gs1;

import java.util.List;

/**
 * A GS1 Digital Link for a trade item: a GTIN (AI 01) with an optional consumer product
 * variant (AI 22), batch/lot (AI 10) and serial number (AI 21). This is the one place
 * that writes and reads the platform's GS1 resolver URLs, following the GS1 Digital Link
 * URI syntax standard.
 * <p>
 * Guarantees:
 * <ul>
 * <li>Every value obeys its {@link ApplicationIdentifier} rules; a {@code null} qualifier
 * is an absent one.</li>
 * <li>{@link #toUri(String)} writes {@code /01/{gtin}} followed by the present qualifiers
 * in the standard's order 22, 10, 21, each value percent-encoded as the standard says
 * (every character that is not RFC 3986 unreserved becomes {@code %XX}).</li>
 * <li>{@link #parse(String)} and {@link #parsePath(String)} read back exactly what
 * {@code toUri} writes: {@code DigitalLink.parse(link.toUri(base)).equals(link)} for
 * every link and every valid base URL. They accept escapes of any case, a literal
 * {@code '+'} and one trailing slash, and reject everything else with an
 * {@link InvalidGs1DataException} that says what is wrong and where: another primary key
 * or an unknown AI, qualifiers out of order or repeated, a missing or empty value, a GTIN
 * that is not 14 digits with a correct check digit (zero-suppressed GTINs are not
 * accepted in a path), characters outside set 82, values that are too long, characters a
 * URI may not carry unencoded, malformed escapes, and anything after the last value.</li>
 * </ul>
 *
 * @param gtin the GTIN, AI 01
 * @param cpv the consumer product variant, AI 22, or {@code null}
 * @param lot the batch or lot number, AI 10, or {@code null}
 * @param serial the serial number, AI 21, or {@code null}
 */
public record DigitalLink(Gtin gtin, String cpv, String lot, String serial) {

	public DigitalLink {
		if (gtin == null) {
			throw new InvalidGs1DataException("A Digital Link needs " + ApplicationIdentifier.GTIN);
		}
		if (cpv != null) {
			ApplicationIdentifier.CPV.requireValid(cpv);
		}
		if (lot != null) {
			ApplicationIdentifier.BATCH_LOT.requireValid(lot);
		}
		if (serial != null) {
			ApplicationIdentifier.SERIAL.requireValid(serial);
		}
	}

	/**
	 * The Digital Link URI of this link under a resolver.
	 * @param resolverBaseUrl the URI stem: {@code http} or {@code https}, a host with an
	 * optional port, and an optional path prefix (e.g. {@code https://example.com/dl});
	 * one trailing slash is ignored
	 * @return e.g.
	 * {@code https://id.example.com/01/09506000134352/10/LOT7/21/X3K9QF2M7T1A}
	 * @throws IllegalArgumentException if the base URL is not such a stem, or has a query
	 * or fragment
	 */
	public String toUri(String resolverBaseUrl) {
		String stem = requireStem(resolverBaseUrl);
		StringBuilder uri = new StringBuilder(stem.length() + 96).append(stem);
		appendPath(uri);
		return uri.toString();
	}

	/**
	 * The Digital Link path of this link, as {@link #toUri(String)} appends it to the
	 * stem.
	 * @return e.g. {@code /01/09506000134352/21/X3K9QF2M7T1A}
	 */
	public String toPath() {
		StringBuilder path = new StringBuilder(96);
		appendPath(path);
		return path.toString();
	}

	private void appendPath(StringBuilder out) {
		appendElement(out, ApplicationIdentifier.GTIN, this.gtin.value());
		for (ApplicationIdentifier qualifier : ApplicationIdentifier.GTIN_QUALIFIERS) {
			String value = qualifier(qualifier);
			if (value != null) {
				appendElement(out, qualifier, value);
			}
		}
	}

	private static void appendElement(StringBuilder out, ApplicationIdentifier ai, String value) {
		out.append('/').append(ai.code()).append('/');
		UriSyntax.appendPathSegment(out, value);
	}

	private String qualifier(ApplicationIdentifier qualifier) {
		return switch (qualifier) {
			case CPV -> this.cpv;
			case BATCH_LOT -> this.lot;
			case SERIAL -> this.serial;
			case GTIN -> throw new IllegalArgumentException(qualifier + " is not a qualifier");
		};
	}

	/**
	 * Read a Digital Link URI. The URI must be {@code http} or {@code https} (in any
	 * case), with a host (a DNS name, an IPv4 address or a bracketed IPv6 address, and an
	 * optional port; no user information). Its path may start with any prefix (the stem);
	 * as the standard says, the Digital Link path begins at the rightmost {@code /01/}
	 * that starts a whole number of AI/value pairs. The query string and fragment are
	 * checked to be made of URI characters with well-formed escapes, and then ignored:
	 * this platform's links carry no data attributes, and a resolver may receive
	 * parameters such as {@code linkType} that do not identify the item. Data attributes
	 * there (e.g. {@code ?17=201225}) are therefore neither read nor validated.
	 * @param uri the URI, as scanned (not decoded)
	 * @return the link
	 * @throws InvalidGs1DataException if the URI is not a Digital Link this platform
	 * accepts; the message says why
	 */
	public static DigitalLink parse(String uri) {
		if (uri == null || uri.isEmpty()) {
			throw new InvalidGs1DataException("A Digital Link URI is required");
		}
		String what = "Digital Link URI " + InvalidGs1DataException.quote(uri);
		String characterError = characterError(uri, 0, uri.length(), false);
		if (characterError != null) {
			throw new InvalidGs1DataException(what + characterError);
		}
		int authorityStart = authorityStart(uri);
		if (authorityStart < 0) {
			throw new InvalidGs1DataException(what + " does not start with http:// or https://");
		}
		int end = endOfPath(uri, authorityStart);
		int pathStart = uri.indexOf('/', authorityStart);
		if (pathStart < 0 || pathStart > end) {
			pathStart = end;
		}
		String hostError = hostError(uri, authorityStart, pathStart);
		if (hostError != null) {
			throw new InvalidGs1DataException(what + hostError);
		}
		characterError = characterError(uri, pathStart, end, true);
		if (characterError != null) {
			throw new InvalidGs1DataException(what + characterError);
		}
		List<String> segments = segments(uri.substring(pathStart, end));
		return readWithStem(segments, what);
	}

	/**
	 * Read a Digital Link path that starts at its primary key, as a resolver serving the
	 * stem's root receives it. The caller removes the query string and fragment.
	 * @param path the raw (not decoded) path, e.g. {@code /01/09506000134352/21/ABC}
	 * @return the link
	 * @throws InvalidGs1DataException if the path is not a Digital Link path this
	 * platform accepts; the message says why
	 */
	public static DigitalLink parsePath(String path) {
		if (path == null || path.isEmpty()) {
			throw new InvalidGs1DataException("A Digital Link path is required");
		}
		if (path.charAt(0) != '/') {
			throw new InvalidGs1DataException(
					"Digital Link path " + InvalidGs1DataException.quote(path) + " does not start with '/'");
		}
		String what = "Digital Link path " + InvalidGs1DataException.quote(path);
		String characterError = characterError(path, 0, path.length(), true);
		if (characterError != null) {
			throw new InvalidGs1DataException(what + characterError);
		}
		List<String> segments = segments(path);
		if (segments.isEmpty() || !segments.get(0).equals(ApplicationIdentifier.GTIN.code())) {
			throw new InvalidGs1DataException(what + " does not start with /" + ApplicationIdentifier.GTIN.code()
					+ "/, the primary key " + ApplicationIdentifier.GTIN);
		}
		return read(segments, 0);
	}

	private static DigitalLink read(List<String> segments, int keyIndex) {
		Gtin gtin = new Gtin(value(segments, keyIndex, ApplicationIdentifier.GTIN));
		String[] qualifiers = new String[ApplicationIdentifier.GTIN_QUALIFIERS.size()];
		int previous = -1;
		for (int i = keyIndex + 2; i < segments.size(); i += 2) {
			String code = segments.get(i);
			ApplicationIdentifier qualifier = ApplicationIdentifier.gtinQualifier(code);
			if (qualifier == null) {
				throw new InvalidGs1DataException(unexpectedSegment(code));
			}
			int order = ApplicationIdentifier.GTIN_QUALIFIERS.indexOf(qualifier);
			if (order == previous) {
				throw new InvalidGs1DataException(qualifier + " appears more than once in the Digital Link path");
			}
			if (order < previous) {
				throw new InvalidGs1DataException(
						qualifier + " comes after " + ApplicationIdentifier.GTIN_QUALIFIERS.get(previous)
								+ " in the Digital Link path, but the order is " + qualifierOrder());
			}
			qualifiers[order] = qualifier.requireValid(value(segments, i, qualifier));
			previous = order;
		}
		return new DigitalLink(gtin, qualifiers[0], qualifiers[1], qualifiers[2]);
	}

	private static String unexpectedSegment(String code) {
		if (code.equals(ApplicationIdentifier.GTIN.code())) {
			return ApplicationIdentifier.GTIN + " appears more than once in the Digital Link path";
		}
		if (code.isEmpty()) {
			return "The Digital Link path has an empty segment where an AI is expected";
		}
		return "The Digital Link path has " + InvalidGs1DataException.quote(code)
				+ " where an AI is expected, but only " + qualifierOrder() + " may follow "
				+ ApplicationIdentifier.GTIN.code() + " (in that order)";
	}

	private static String qualifierOrder() {
		StringBuilder order = new StringBuilder();
		for (ApplicationIdentifier qualifier : ApplicationIdentifier.GTIN_QUALIFIERS) {
			order.append(order.isEmpty() ? "" : ", ").append(qualifier.code());
		}
		return order.toString();
	}

	/**
	 * The decoded value that follows the AI at {@code index}.
	 */
	private static String value(List<String> segments, int index, ApplicationIdentifier ai) {
		if (index + 1 >= segments.size()) {
			throw new InvalidGs1DataException(ai + " has no value: the Digital Link path ends after /" + ai.code());
		}
		String raw = segments.get(index + 1);
		if (raw.isEmpty()) {
			throw new InvalidGs1DataException(ai + " has an empty value in the Digital Link path");
		}
		String value = UriSyntax.decode(raw);
		if (value == null) {
			throw new InvalidGs1DataException(ai + " path segment " + InvalidGs1DataException.quote(raw)
					+ " has percent-escapes that do not decode to UTF-8 text");
		}
		return value;
	}

	/**
	 * The segments of a path that starts with '/', without the one trailing slash that is
	 * tolerated.
	 */
	private static List<String> segments(String path) {
		int end = path.length();
		if (end > 1 && path.charAt(end - 1) == '/') {
			end--;
		}
		if (end <= 1) {
			return List.of();
		}
		return List.of(path.substring(1, end).split("/", -1));
	}

	/**
	 * Read the Digital Link path of a URI path with a stem. It starts at the rightmost
	 * segment "01" followed by whole AI/value pairs, as the standard's right-to-left
	 * reading finds it. When there is none, or reading from it fails while it would be a
	 * value if the path started at the first "01", the path is read from the first "01":
	 * that reading fails too, with the message that matches the likely intent (e.g.
	 * {@code /01/{gtin}/10/01/21} lacks a serial, it does not have a bad GTIN "21").
	 */
	private static DigitalLink readWithStem(List<String> segments, String what) {
		String key = ApplicationIdentifier.GTIN.code();
		int first = segments.indexOf(key);
		if (first < 0) {
			throw new InvalidGs1DataException(
					what + " has no /" + key + "/ in its path, but this platform's Digital Links have the primary key "
							+ ApplicationIdentifier.GTIN);
		}
		int rightmost = -1;
		for (int i = segments.size() - 2; i >= first && rightmost < 0; i -= 2) {
			if (segments.get(i).equals(key)) {
				rightmost = i;
			}
		}
		if (rightmost < 0) {
			return read(segments, first);
		}
		try {
			return read(segments, rightmost);
		}
		catch (InvalidGs1DataException ex) {
			if ((rightmost - first) % 2 == 0) {
				throw ex;
			}
			return read(segments, first);
		}
	}

	/**
	 * What is wrong with the characters from {@code from} to {@code to} (a path, or a
	 * whole URI), or {@code null} if each may appear there and every '%' starts an
	 * escape.
	 */
	private static String characterError(String text, int from, int to, boolean path) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (!UriSyntax.isEscape(text, i)) {
					return " has a malformed percent-escape at position " + (i + 1)
							+ ": '%' must be followed by two hexadecimal digits";
				}
			}
			else if (path ? !(c == '/' || UriSyntax.isPathCharacter(c)) : !UriSyntax.isUriCharacter(c)) {
				return " has " + InvalidGs1DataException.describe(text.codePointAt(i)) + " at position " + (i + 1)
						+ ", which a URI " + (path ? "path " : "") + "may only carry percent-encoded";
			}
		}
		return null;
	}

	/**
	 * The index just after {@code http://} or {@code https://} (any case), or -1.
	 */
	private static int authorityStart(String uri) {
		for (String scheme : List.of("http://", "https://")) {
			if (uri.regionMatches(true, 0, scheme, 0, scheme.length())) {
				return scheme.length();
			}
		}
		return -1;
	}

	private static int endOfPath(String uri, int from) {
		for (int i = from; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c == '?' || c == '#') {
				return i;
			}
		}
		return uri.length();
	}

	/**
	 * What is wrong with the host between {@code start} and {@code end}, or {@code null}.
	 */
	private static String hostError(String uri, int start, int end) {
		if (start == end) {
			return " has no host";
		}
		for (int i = start; i < end; i++) {
			if (!UriSyntax.isHostCharacter(uri.charAt(i))) {
				return " has " + InvalidGs1DataException.describe(uri.charAt(i)) + " at position " + (i + 1)
						+ ", which its host may not contain";
			}
		}
		return null;
	}

	private static String requireStem(String baseUrl) {
		if (baseUrl == null || baseUrl.isBlank()) {
			throw new IllegalArgumentException("A resolver base URL is required");
		}
		String what = "Resolver base URL " + InvalidGs1DataException.quote(baseUrl);
		int authorityStart = authorityStart(baseUrl);
		if (authorityStart < 0) {
			throw new IllegalArgumentException(what + " does not start with http:// or https://");
		}
		if (endOfPath(baseUrl, authorityStart) < baseUrl.length()) {
			throw new IllegalArgumentException(what + " has a query or fragment, which a URI stem may not have");
		}
		int pathStart = baseUrl.indexOf('/', authorityStart);
		if (pathStart < 0) {
			pathStart = baseUrl.length();
		}
		String hostError = hostError(baseUrl, authorityStart, pathStart);
		if (hostError != null) {
			throw new IllegalArgumentException(what + hostError);
		}
		String characterError = characterError(baseUrl, pathStart, baseUrl.length(), true);
		if (characterError != null) {
			throw new IllegalArgumentException(what + characterError);
		}
		return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

}
