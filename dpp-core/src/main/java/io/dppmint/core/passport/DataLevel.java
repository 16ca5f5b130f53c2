package io.dppmint.core.passport;

import java.util.Locale;

/**
 * Where a passport datum lives (ESPR Art. 9(2)(d), Art. 10(1)(f)): once for the product
 * model, once per batch, or per item. A unit's passport is the model's data, its batch's
 * and its own.
 */
public enum DataLevel {

	/** Data of the product model, edited on the product. */
	MODEL,

	/** Data of a production batch (production date, facility). */
	BATCH,

	/** Data of one unit (a battery's state of health). */
	ITEM;

	/** The form used in schemas, the API and the database. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The level a code names.
	 * @param code {@code model}, {@code batch} or {@code item}
	 * @return the level
	 * @throws IllegalArgumentException for any other code
	 */
	public static DataLevel of(String code) {
		for (DataLevel level : values()) {
			if (level.code().equals(code)) {
				return level;
			}
		}
		throw new IllegalArgumentException("'" + code + "' is not a data level: use model, batch or item");
	}

}
