package io.dppmint.core.gs1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The RFC 3986 character classes and percent-encoding that GS1 Digital Link URIs use.
 * Path segments are encoded as the GS1 Digital Link URI syntax standard and its reference
 * implementation (the GS1 Syntax Engine) do: every character that is not unreserved
 * ({@code A-Z a-z 0-9 - . _ ~}) is written as {@code %XX} with upper-case hex digits, so
 * of set 82 exactly {@code ! " % & ' ( ) * + , / : ; < = > ?} are encoded. Decoding is
 * strict: a {@code '%'} must start a two-hex-digit escape, and {@code '+'} is a literal
 * plus (it means a space only in HTML form queries, never in a path).
 */
final class UriSyntax {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private static final String SUB_DELIMS = "!$&'()*+,;=";

	private static final String GEN_DELIMS = ":/?#[]@";

	private UriSyntax() {
	}

	static boolean isUnreserved(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	/**
	 * Whether a character may appear unencoded in a path segment ({@code pchar} of RFC
	 * 3986, the {@code '%'} of an escape aside).
	 */
	static boolean isPathCharacter(int c) {
		return isUnreserved(c) || (c < 0x80 && SUB_DELIMS.indexOf(c) >= 0) || c == ':' || c == '@';
	}

	/**
	 * Whether a character may appear anywhere in a URI ({@code '%'} included).
	 */
	static boolean isUriCharacter(int c) {
		return isUnreserved(c) || (c < 0x80 && (SUB_DELIMS.indexOf(c) >= 0 || GEN_DELIMS.indexOf(c) >= 0)) || c == '%';
	}

	/**
	 * Whether a character may appear in the host and port of a Digital Link: a DNS or
	 * IPv4 name, or a bracketed IPv6 address, with an optional port. Like the reference
	 * implementation this excludes user information, percent-encoded hosts and IPv6 zone
	 * identifiers.
	 */
	static boolean isHostCharacter(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == ':' || c == '[' || c == ']';
	}

	/**
	 * Whether the {@code '%'} at {@code index} starts a well-formed escape.
	 */
	static boolean isEscape(CharSequence text, int index) {
		return index + 2 < text.length() && isHex(text.charAt(index + 1)) && isHex(text.charAt(index + 2));
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
	}

	/**
	 * Append a value as one path segment, percent-encoding every byte of its UTF-8 form
	 * that is not an unreserved character.
	 */
	static void appendPathSegment(StringBuilder out, String value) {
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if (isUnreserved(c)) {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
			}
		}
	}

	/**
	 * Decode the escapes of a path segment whose escapes are known to be well-formed.
	 * @return the decoded text, or {@code null} if the escaped bytes are not UTF-8
	 */
	static String decode(String segment) {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '%') {
				bytes.write(Integer.parseInt(segment, i + 1, i + 3, 16));
				i += 2;
			}
			else {
				bytes.write(c);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
