package io.dppmint.core.gs1;

/**
 * A value that breaks a GS1 rule. The message names the rule and the offending value, so
 * that it can be shown to the user as it is: values are quoted with every character
 * outside printable ASCII escaped, and cut short when long, so that a message never
 * carries control characters or unbounded input.
 */
public class InvalidGs1DataException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private static final int MAX_QUOTED_LENGTH = 64;

	public InvalidGs1DataException(String message) {
		super(message);
	}

	/**
	 * A value in single quotes for a message, e.g. {@code 'AB\u0009C'}.
	 */
	static String quote(CharSequence value) {
		StringBuilder quoted = new StringBuilder("'");
		int length = Math.min(value.length(), MAX_QUOTED_LENGTH);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				quoted.append(c);
			}
			else {
				quoted.append(String.format("\\u%04X", (int) c));
			}
		}
		if (value.length() > MAX_QUOTED_LENGTH) {
			quoted.append("...");
		}
		return quoted.append('\'').toString();
	}

	/**
	 * One character for a message, e.g. {@code ' ' (U+0020)}: shown as itself only when
	 * that is safe to print.
	 */
	static String describe(int codePoint) {
		String code = String.format("(U+%04X)", codePoint);
		boolean printable = (codePoint >= 0x20 && codePoint < 0x7f) || Character.isLetterOrDigit(codePoint);
		return printable ? "'" + Character.toString(codePoint) + "' " + code : code;
	}

}
