package io.dppmint.resolver;

/**
 * Writes the GS1 Digital Link: Compression form of a GTIN and serial, for tests: the
 * optimisation code {@code 0C} (AI 01 then AI 21), the GTIN in 47 bits, then the serial
 * in the URI-safe base64 encoding (3), after its 5-bit length.
 */
final class Compression {

	private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private Compression() {
	}

	/** The fully compressed path segment of {@code /01/{gtin}/21/{serial}}. */
	static String compress(String gtin, String serial) {
		StringBuilder bits = new StringBuilder();
		bits.append("00001100");
		bits.append(binary(Long.parseLong(gtin), 47));
		serial(bits, serial);
		return base64(bits);
	}

	/** The compressed segment of AI 21 alone, as it follows an uncompressed GTIN. */
	static String compressSerial(String serial) {
		StringBuilder bits = new StringBuilder("00100001");
		serial(bits, serial);
		return base64(bits);
	}

	private static void serial(StringBuilder bits, String serial) {
		bits.append("011").append(binary(serial.length(), 5));
		for (int i = 0; i < serial.length(); i++) {
			bits.append(binary(BASE64.indexOf(serial.charAt(i)), 6));
		}
	}

	private static String base64(StringBuilder bits) {
		while (bits.length() % 6 != 0) {
			bits.append('0');
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < bits.length(); i += 6) {
			out.append(BASE64.charAt(Integer.parseInt(bits.substring(i, i + 6), 2)));
		}
		return out.toString();
	}

	private static String binary(long value, int width) {
		String text = Long.toBinaryString(value);
		return "0".repeat(width - text.length()) + text;
	}

}
