package io.dppmint.core.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.core.text.PlainText;

/**
 * The catalogue's input rules, shared by the input records. Each check either returns the
 * normalised value or throws a {@link CatalogValidationException} naming the field. The
 * same rules are repeated as check constraints in {@code V4__catalogue.sql}, which only
 * ever sees values that passed here.
 */
final class CatalogChecks {

	/** The code of text holding a control character. */
	static final String INVALID_CHARACTERS = "INVALID_CHARACTERS";

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_SKU_LENGTH = 64;

	static final int MAX_FIELD_NAME_LENGTH = 100;

	static final int MAX_ERP_REFERENCE_LENGTH = 100;

	static final int MAX_PASSPORT_FIELDS = 500;

	static final int MAX_PASSPORT_VALUE_LENGTH = 10_000;

	private static final Pattern BRAND_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final Pattern COMPANY_PREFIX = Pattern.compile("[0-9]{4,12}");

	private CatalogChecks() {
	}

	static String brandCode(String code) {
		String stripped = required("code", code);
		if (!BRAND_CODE.matcher(stripped).matches()) {
			throw new CatalogValidationException("code",
					"A brand code is 1 to 63 lowercase letters, digits and hyphens, starting with a letter or digit, not '"
							+ stripped + "'");
		}
		return stripped;
	}

	/**
	 * Non-blank single-line text of at most {@code maxLength} characters, stripped of
	 * surrounding white space.
	 */
	static String text(String field, String value, int maxLength) {
		String stripped = required(field, value);
		if (stripped.length() > maxLength) {
			throw new CatalogValidationException(field,
					"At most " + maxLength + " characters are allowed, not " + stripped.length());
		}
		if (!PlainText.isSingleLine(stripped)) {
			throw new CatalogValidationException(field, INVALID_CHARACTERS,
					"Control characters (line breaks, tabs, NUL, ...) are not allowed");
		}
		return stripped;
	}

	static List<String> fieldNames(String field, List<String> names) {
		if (names == null) {
			return List.of();
		}
		List<String> result = new ArrayList<>(names.size());
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < names.size(); i++) {
			String name = text(field + "[" + i + "]", names.get(i), MAX_FIELD_NAME_LENGTH);
			if (!seen.add(name)) {
				throw new CatalogValidationException(field + "[" + i + "]", "Field '" + name + "' is listed twice");
			}
			result.add(name);
		}
		return List.copyOf(result);
	}

	static String companyPrefix(String prefix, boolean gtinRequired) {
		if (prefix == null || prefix.isBlank()) {
			if (gtinRequired) {
				throw new CatalogValidationException("gs1CompanyPrefix",
						"A GS1-ready brand (GTIN required) needs the GS1 company prefix its GTINs are issued under");
			}
			return null;
		}
		String stripped = prefix.strip();
		if (!COMPANY_PREFIX.matcher(stripped).matches()) {
			throw new CatalogValidationException("gs1CompanyPrefix",
					"A GS1 company prefix is 4 to 12 digits, not '" + stripped + "'");
		}
		return stripped;
	}

	/**
	 * An absolute http(s) URL with a host and an optional path, without query, fragment
	 * or user info; trailing slashes are dropped since resolver paths are appended to it.
	 */
	static String resolverBaseUrl(String url) {
		String stripped = required("resolverBaseUrl", url);
		while (stripped.endsWith("/")) {
			stripped = stripped.substring(0, stripped.length() - 1);
		}
		URI uri;
		try {
			uri = new URI(stripped);
		}
		catch (URISyntaxException ex) {
			throw new CatalogValidationException("resolverBaseUrl",
					"'" + url.strip() + "' is not a valid URL: " + ex.getReason());
		}
		if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
			throw new CatalogValidationException("resolverBaseUrl",
					"The resolver base URL must start with https:// (or http:// for development), not '" + url.strip()
							+ "'");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null) {
			throw new CatalogValidationException("resolverBaseUrl",
					"The resolver base URL needs a host name and no user info, not '" + url.strip() + "'");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new CatalogValidationException("resolverBaseUrl",
					"Resolver paths are appended to the base URL, so it cannot carry a query or fragment: '"
							+ url.strip() + "'");
		}
		if (stripped.length() > 1000) {
			throw new CatalogValidationException("resolverBaseUrl", "At most 1000 characters are allowed");
		}
		return stripped;
	}

	/** A GTIN-8, -12, -13 or -14 normalised to 14 digits, or {@code null} for none. */
	static String gtin(String gtin) {
		if (gtin == null || gtin.isBlank()) {
			return null;
		}
		try {
			return Gtin.parse(gtin).value();
		}
		catch (InvalidGs1DataException ex) {
			throw new CatalogValidationException("gtin", ex.getMessage());
		}
	}

	/**
	 * Passport fields with stripped non-blank names and non-null values, sorted by name.
	 * A blank value is kept: it is a field not yet populated, which eligibility reports.
	 */
	static Map<String, String> passport(Map<String, String> passport) {
		if (passport == null) {
			return Map.of();
		}
		if (passport.size() > MAX_PASSPORT_FIELDS) {
			throw new CatalogValidationException("passport",
					"At most " + MAX_PASSPORT_FIELDS + " fields are allowed, not " + passport.size());
		}
		TreeMap<String, String> result = new TreeMap<>();
		passport.forEach((name, value) -> {
			if (name == null || name.isBlank()) {
				throw new CatalogValidationException("passport", "A passport field name cannot be blank");
			}
			String field = text("passport", name, MAX_FIELD_NAME_LENGTH);
			if (value == null) {
				throw new CatalogValidationException("passport." + field,
						"A passport field needs a value (leave the field out instead of null)");
			}
			if (value.length() > MAX_PASSPORT_VALUE_LENGTH) {
				throw new CatalogValidationException("passport." + field,
						"At most " + MAX_PASSPORT_VALUE_LENGTH + " characters are allowed, not " + value.length());
			}
			if (!PlainText.isMultiLine(value)) {
				throw new CatalogValidationException("passport." + field, INVALID_CHARACTERS,
						"Control characters other than line breaks and tabs (NUL, ...) are not allowed");
			}
			if (result.put(field, value) != null) {
				throw new CatalogValidationException("passport." + field,
						"Field '" + field + "' is given twice (names differ only in surrounding white space)");
			}
		});
		return Collections.unmodifiableSortedMap(result);
	}

	static long id(String field, long id) {
		if (id <= 0) {
			throw new CatalogValidationException(field, "An id is a positive number, not " + id);
		}
		return id;
	}

	static <T> T notNull(String field, T value) {
		if (value == null) {
			throw new CatalogValidationException(field, "A value is required");
		}
		return value;
	}

	private static String required(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new CatalogValidationException(field, "A value is required");
		}
		return value.strip();
	}

}
