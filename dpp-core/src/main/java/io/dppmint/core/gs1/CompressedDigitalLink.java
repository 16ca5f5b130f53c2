package io.dppmint.core.gs1;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GS1 Digital Link URIs in the compressed form of the GS1 Digital Link: Compression
 * standard: the AI data as one path segment of URI-safe base64 (fully compressed, e.g.
 * {@code /DBFKk4XBoNi-5XqAuxnaeoA}), or after an uncompressed primary key
 * ({@code /01/09506000134352/Bh...}, partially compressed).
 * <p>
 * The binary form is a sequence of entries. Each starts with two hexadecimal digits (four
 * bits each): {@code 00} to {@code 99} begin a numeric AI (whose first two digits give
 * its length, two to four digits), a code of the optimisation table stands for a fixed
 * sequence of AIs, and {@code F} begins a key=value pair that is not GS1 data. A value
 * follows its AI: fixed-length numeric values in the fewest bits that hold them;
 * variable-length numeric ones after a length field; alphanumeric ones after a three-bit
 * encoding (0 digits, 1 lower-case hex, 2 upper-case hex, 3 URI-safe base64, 4 seven-bit
 * ASCII) and a length field.
 * <p>
 * This platform's Digital Links carry a GTIN (AI 01) with its key qualifiers 22, 10 and
 * 21; {@link #decompress} returns those as a {@link DigitalLink}, checked as any link is.
 * Data attributes whose format is known here (dates, net weights, prices, count, internal
 * data) are read and returned apart; any other AI is rejected, since its length in bits
 * is unknown and nothing after it can be read.
 */
public final class CompressedDigitalLink {

	private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final String HEX = "0123456789ABCDEF";

	/** AIs this reader knows, by their code: their value's format. */
	private static final Map<String, Format> FORMATS = formats();

	/** The optimisation table: one code for a common sequence of AIs. */
	private static final Map<String, List<String>> OPTIMISATIONS = optimisations();

	private CompressedDigitalLink() {
	}

	/**
	 * Whether a path segment could be a compressed Digital Link: URI-safe base64 only.
	 * @param segment a path segment
	 * @return whether it is made of {@code A-Z a-z 0-9 - _} alone, and not empty
	 */
	public static boolean isCompressedSegment(String segment) {
		if (segment == null || segment.isEmpty()) {
			return false;
		}
		for (int i = 0; i < segment.length(); i++) {
			if (BASE64.indexOf(segment.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Decompress a Digital Link path.
	 * @param path the path, e.g. {@code /DBFKk4XBoNi-5XqAuxnaeoA} or
	 * {@code /01/09506000134352/Bh0}
	 * @return what it carries
	 * @throws InvalidGs1DataException if it is not a compressed Digital Link of a GTIN,
	 * or carries an AI this reader does not know; the message says why
	 */
	public static Decompressed decompress(String path) {
		if (path == null || path.length() < 2 || path.charAt(0) != '/') {
			throw new InvalidGs1DataException("A compressed Digital Link path starts with '/'");
		}
		String body = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, String> others = new LinkedHashMap<>();
		String[] segments = body.split("/", -1);
		String compressed;
		if (segments.length == 1) {
			compressed = segments[0];
		}
		else if (segments.length == 3 && segments[0].equals(ApplicationIdentifier.GTIN.code())) {
			values.put(ApplicationIdentifier.GTIN.code(), segments[1]);
			compressed = segments[2];
		}
		else {
			throw new InvalidGs1DataException(
					"A compressed Digital Link path is one segment, or /01/{gtin}/ and one segment");
		}
		if (!isCompressedSegment(compressed)) {
			throw new InvalidGs1DataException("A compressed Digital Link has URI-safe base64 characters only");
		}
		new Reader(compressed).readAll(values, others);
		String gtin = values.remove(ApplicationIdentifier.GTIN.code());
		if (gtin == null) {
			throw new InvalidGs1DataException("The compressed Digital Link carries no " + ApplicationIdentifier.GTIN);
		}
		DigitalLink link = new DigitalLink(new Gtin(gtin), values.remove(ApplicationIdentifier.CPV.code()),
				values.remove(ApplicationIdentifier.BATCH_LOT.code()),
				values.remove(ApplicationIdentifier.SERIAL.code()));
		return new Decompressed(link, Map.copyOf(values), Map.copyOf(others));
	}

	/**
	 * What a compressed Digital Link carries.
	 *
	 * @param link the GTIN and its key qualifiers
	 * @param dataAttributes other GS1 AIs (data attributes), by AI code
	 * @param otherPairs key=value pairs that are not GS1 data
	 */
	public record Decompressed(DigitalLink link, Map<String, String> dataAttributes, Map<String, String> otherPairs) {

	}

	/** Reads the bits of one compressed segment. */
	private static final class Reader {

		private final String text;

		private final int bits;

		private int cursor;

		Reader(String text) {
			this.text = text;
			this.bits = text.length() * 6;
		}

		void readAll(Map<String, String> values, Map<String, String> others) {
			// Trailing bits pad the last base64 character; fewer than a byte cannot start
			// an entry.
			while (this.bits - this.cursor > 8) {
				int h1 = read(4);
				int h2 = read(4);
				if (h1 <= 9 && h2 <= 9) {
					String ai = aiStartingWith("" + h1 + h2);
					readValue(ai, values);
				}
				else if (h1 == 0xF) {
					readOtherPair(h2, others);
				}
				else {
					String code = "" + HEX.charAt(h1) + HEX.charAt(h2);
					List<String> sequence = OPTIMISATIONS.get(code);
					if (sequence == null) {
						throw new InvalidGs1DataException(
								"The compressed Digital Link has entry code " + code + ", which no AI sequence has");
					}
					for (String ai : sequence) {
						readValue(ai, values);
					}
				}
			}
		}

		private String aiStartingWith(String firstTwo) {
			int length = aiLength(firstTwo);
			StringBuilder ai = new StringBuilder(firstTwo);
			while (ai.length() < length) {
				int digit = read(4);
				if (digit > 9) {
					throw new InvalidGs1DataException("The compressed Digital Link has an AI that is not all digits");
				}
				ai.append(digit);
			}
			if (!FORMATS.containsKey(ai.toString())) {
				throw new InvalidGs1DataException(
						"The compressed Digital Link carries AI " + ai + ", which this resolver does not read");
			}
			return ai.toString();
		}

		private void readValue(String ai, Map<String, String> values) {
			Format format = FORMATS.get(ai);
			if (values.containsKey(ai)) {
				throw new InvalidGs1DataException("The compressed Digital Link carries AI " + ai + " more than once");
			}
			String value;
			if (format.numeric()) {
				int digits = format.fixed() ? format.length() : read(lengthBits(format.length()));
				value = digits(digits, format.fixed());
			}
			else {
				int encoding = read(3);
				int length = read(lengthBits(format.length()));
				value = characters(encoding, length);
			}
			if (value.length() > format.length()) {
				throw new InvalidGs1DataException("The compressed Digital Link has a value of AI " + ai
						+ " longer than its " + format.length() + " characters");
			}
			values.put(ai, value);
		}

		private void readOtherPair(int h2, Map<String, String> others) {
			int keyLength = (h2 << 3) | read(3);
			StringBuilder key = new StringBuilder(keyLength);
			for (int i = 0; i < keyLength; i++) {
				key.append(BASE64.charAt(read(6)));
			}
			int encoding = read(3);
			int length = read(7);
			others.put(key.toString(), characters(encoding, length));
		}

		private String digits(int count, boolean padded) {
			if (count == 0) {
				return "";
			}
			BigInteger number = readBig(valueBits(count));
			String text = number.toString();
			if (text.length() > count) {
				throw new InvalidGs1DataException("The compressed Digital Link has a number with too many digits");
			}
			return padded ? "0".repeat(count - text.length()) + text : text;
		}

		private String characters(int encoding, int count) {
			return switch (encoding) {
				case 0 -> digits(count, false);
				case 1 -> alphabet(count, 4, HEX).toLowerCase(java.util.Locale.ROOT);
				case 2 -> alphabet(count, 4, HEX);
				case 3 -> alphabet(count, 6, BASE64);
				case 4 -> ascii(count);
				default -> throw new InvalidGs1DataException(
						"The compressed Digital Link has value encoding " + encoding + ", which is not defined");
			};
		}

		private String alphabet(int count, int width, String alphabet) {
			StringBuilder value = new StringBuilder(count);
			for (int i = 0; i < count; i++) {
				int index = read(width);
				if (index >= alphabet.length()) {
					throw new InvalidGs1DataException(
							"The compressed Digital Link has a character outside its alphabet");
				}
				value.append(alphabet.charAt(index));
			}
			return value.toString();
		}

		private String ascii(int count) {
			StringBuilder value = new StringBuilder(count);
			for (int i = 0; i < count; i++) {
				value.append((char) read(7));
			}
			return value.toString();
		}

		private int read(int width) {
			return readBig(width).intValueExact();
		}

		private BigInteger readBig(int width) {
			if (this.cursor + width > this.bits) {
				throw new InvalidGs1DataException("The compressed Digital Link ends in the middle of a value");
			}
			BigInteger value = BigInteger.ZERO;
			for (int i = 0; i < width; i++) {
				int position = this.cursor + i;
				int sextet = BASE64.indexOf(this.text.charAt(position / 6));
				int bit = (sextet >> (5 - position % 6)) & 1;
				value = value.shiftLeft(1).or(BigInteger.valueOf(bit));
			}
			this.cursor += width;
			return value;
		}

	}

	/** Bits that hold any number of {@code digits} decimal digits. */
	static int valueBits(int digits) {
		return (int) Math.ceil(digits * Math.log(10) / Math.log(2) + 0.01);
	}

	/** Bits of the length field of a value of at most {@code maxLength} characters. */
	static int lengthBits(int maxLength) {
		return (int) Math.ceil(Math.log(maxLength) / Math.log(2) + 0.01);
	}

	/**
	 * The number of digits of AIs starting with these two (GS1 General Specifications).
	 */
	private static int aiLength(String firstTwo) {
		return switch (firstTwo.charAt(0)) {
			case '2' -> (firstTwo.charAt(1) <= '2') ? 2 : 3;
			case '3' -> (firstTwo.equals("30") || firstTwo.equals("37")) ? 2 : 4;
			case '4' -> 3;
			case '7' -> (firstTwo.equals("71")) ? 3 : 4;
			case '8' -> 4;
			default -> 2;
		};
	}

	/**
	 * A value's format.
	 *
	 * @param numeric digits only
	 * @param fixed of exactly {@code length} characters
	 * @param length its (greatest) length
	 */
	private record Format(boolean numeric, boolean fixed, int length) {

	}

	private static Map<String, Format> formats() {
		Map<String, Format> formats = new LinkedHashMap<>();
		formats.put("01", new Format(true, true, 14));
		formats.put("10", new Format(false, false, 20));
		formats.put("21", new Format(false, false, 20));
		formats.put("22", new Format(false, false, 20));
		for (String date : List.of("11", "12", "13", "15", "16", "17")) {
			formats.put(date, new Format(true, true, 6));
		}
		formats.put("30", new Format(true, false, 8));
		formats.put("7003", new Format(true, true, 10));
		for (int decimals = 0; decimals <= 5; decimals++) {
			formats.put("310" + decimals, new Format(true, true, 6));
			formats.put("320" + decimals, new Format(true, true, 6));
		}
		for (int decimals = 0; decimals <= 9; decimals++) {
			formats.put("392" + decimals, new Format(true, false, 15));
		}
		formats.put("91", new Format(false, false, 90));
		return Map.copyOf(formats);
	}

	private static Map<String, List<String>> optimisations() {
		Map<String, List<String>> table = new LinkedHashMap<>();
		table.put("0A", List.of("01", "22"));
		table.put("0B", List.of("01", "10"));
		table.put("0C", List.of("01", "21"));
		table.put("0D", List.of("01", "17"));
		table.put("0E", List.of("01", "7003"));
		table.put("0F", List.of("01", "30"));
		table.put("1A", List.of("01", "10", "21", "17"));
		table.put("1B", List.of("01", "15"));
		table.put("1C", List.of("01", "11"));
		table.put("1D", List.of("01", "16"));
		table.put("1E", List.of("01", "91"));
		table.put("1F", List.of("01", "10", "15"));
		for (int decimals = 0; decimals <= 5; decimals++) {
			table.put("2" + (char) ('A' + decimals), List.of("01", "310" + decimals));
			table.put("3" + (char) ('A' + decimals), List.of("01", "320" + decimals));
		}
		for (int decimals = 0; decimals <= 9; decimals++) {
			table.put("A" + decimals, List.of("01", "392" + decimals));
		}
		return Map.copyOf(table);
	}

}
