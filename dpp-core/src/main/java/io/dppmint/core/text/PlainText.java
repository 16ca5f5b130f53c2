package io.dppmint.core.text;

/**
 * The characters free text may hold wherever the platform stores or looks it up: names,
 * references, search prefixes, reasons. PostgreSQL refuses a NUL character in text (a
 * query carrying one fails as a server error), and no control character means anything in
 * these values, so inputs holding one are refused before they reach the database. Line
 * breaks and tabs are allowed only in multi-line text (a revocation reason).
 */
public final class PlainText {

	private PlainText() {
	}

	/**
	 * Whether {@code value} holds no control character (C0, DEL, C1); {@code null}
	 * passes.
	 */
	public static boolean isSingleLine(String value) {
		if (value == null) {
			return true;
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether {@code value} holds no control character other than tab, line feed and
	 * carriage return; {@code null} passes.
	 */
	public static boolean isMultiLine(String value) {
		if (value == null) {
			return true;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				return false;
			}
		}
		return true;
	}

}
