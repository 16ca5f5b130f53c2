package io.dppmint.core.catalog;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Commodity codes of products (ESPR Art. 13(1), Annex III (d)): what customs checks a
 * passport's registration against.
 */
public final class CommodityCode {

	private static final Pattern DIGITS = Pattern.compile("[0-9]{8}([0-9]{2})?");

	private CommodityCode() {
	}

	/**
	 * A commodity code: CN (8 digits: the Harmonized System's 6 and 2 of the Combined
	 * Nomenclature) or TARIC (10 digits), Regulation (EEC) No 2658/87 Art. 1; spaces and
	 * dots as printed in the tariff ({@code 6109.10.00}) are dropped. Chapter 00 does not
	 * exist and chapter 77 is reserved by the Harmonized System; chapters 98 and 99 are
	 * the CN's own (industrial plant, special codes) and are accepted. Only the syntax is
	 * checked: the CN is republished every year.
	 * @param code the code, or {@code null} or blank for none
	 * @return its digits, or {@code null}
	 */
	public static String normalize(String code) {
		if (code == null || code.isBlank()) {
			return null;
		}
		String digits = code.strip().replace(" ", "").replace(".", "");
		if (!DIGITS.matcher(digits).matches()) {
			throw new CatalogValidationException("commodityCode", "INVALID_COMMODITY_CODE", "'" + code
					+ "' is not a commodity code: a CN code has 8 digits, a TARIC code 10 (e.g. 6109.10.00)");
		}
		String chapter = digits.substring(0, 2);
		if (List.of("00", "77").contains(chapter)) {
			throw new CatalogValidationException("commodityCode", "INVALID_COMMODITY_CODE", "'" + code
					+ "' is in chapter " + chapter + ", which holds no goods (00 does not exist, 77 is reserved)");
		}
		return digits;
	}

}
