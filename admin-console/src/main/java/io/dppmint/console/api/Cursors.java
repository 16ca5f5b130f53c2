package io.dppmint.console.api;

/**
 * Opaque page cursors over numeric keys, so clients cannot mistake them for ids.
 */
public final class Cursors {

	private Cursors() {
	}

	public static String of(long key) {
		return "k" + Long.toString(key, 36);
	}

	/**
	 * The key of a cursor made by {@link #of(long)}, or {@code null} for none.
	 * @throws ApiException (400) for anything else
	 */
	public static Long key(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			if (cursor.charAt(0) == 'k' && cursor.length() <= 14) {
				long key = Long.parseLong(cursor.substring(1), 36);
				if (key >= 0) {
					return key;
				}
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw ApiException.invalid("cursor", "INVALID_CURSOR", "'" + cursor + "' is not a cursor this API issued");
	}

}
