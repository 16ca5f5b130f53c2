package io.dppmint.resolver.resolution;

/**
 * The representations the resolver serves, chosen from the {@code Accept} header: a
 * person's browser gets HTML, a machine JSON (or JSON-LD, when it names
 * {@code application/ld+json}), and a GS1 linkset client the RFC 9264 linkset. Parsing is
 * lenient: a malformed or unsatisfiable {@code Accept} gets HTML.
 */
enum Format {

	HTML, JSON, JSON_LD, LINKSET;

	private static final int MAX_ACCEPT = 1024;

	static Format of(String accept) {
		if (accept == null || accept.isEmpty() || accept.length() > MAX_ACCEPT) {
			return HTML;
		}
		float html = -1;
		float json = -1;
		float linkset = -1;
		float jsonLd = -1;
		int htmlSpecificity = -1;
		int jsonSpecificity = -1;
		int linksetSpecificity = -1;
		int jsonLdSpecificity = -1;
		int start = 0;
		while (start <= accept.length()) {
			int end = accept.indexOf(',', start);
			if (end < 0) {
				end = accept.length();
			}
			String range = accept.substring(start, end);
			start = end + 1;
			int semicolon = range.indexOf(';');
			String type = ((semicolon < 0) ? range : range.substring(0, semicolon)).strip();
			float q = (semicolon < 0) ? 1 : quality(range.substring(semicolon + 1));
			int s;
			if ((s = specificity(type, "text", "html")) > htmlSpecificity) {
				htmlSpecificity = s;
				html = q;
			}
			if ((s = specificity(type, "application", "json")) > jsonSpecificity) {
				jsonSpecificity = s;
				json = q;
			}
			if ((s = specificity(type, "application", "linkset+json")) > linksetSpecificity) {
				linksetSpecificity = s;
				linkset = q;
			}
			if ((s = specificity(type, "application", "ld+json")) > jsonLdSpecificity) {
				jsonLdSpecificity = s;
				jsonLd = q;
			}
		}
		// Only an explicit linkset range asks for the linkset; wildcards mean the
		// default.
		if (linksetSpecificity == 2 && linkset > 0 && linkset >= html && linkset >= json) {
			return LINKSET;
		}
		if (jsonLdSpecificity == 2 && jsonLd > 0 && jsonLd >= html && jsonLd >= json) {
			return JSON_LD;
		}
		if (json > 0 && json > html) {
			return JSON;
		}
		return HTML;
	}

	/** 2 for an exact match, 1 for {@code type/*}, 0 for {@code *}{@code /*}, else -1. */
	private static int specificity(String range, String type, String subtype) {
		if (range.equals("*/*")) {
			return 0;
		}
		int slash = range.indexOf('/');
		if (slash < 0 || !range.regionMatches(true, 0, type, 0, type.length()) || slash != type.length()) {
			return -1;
		}
		String rangeSubtype = range.substring(slash + 1);
		if (rangeSubtype.equals("*")) {
			return 1;
		}
		return rangeSubtype.equalsIgnoreCase(subtype) ? 2 : -1;
	}

	private static float quality(String parameters) {
		for (String parameter : parameters.split(";")) {
			String p = parameter.strip();
			if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
				try {
					float q = Float.parseFloat(p.substring(2));
					return (q >= 0 && q <= 1) ? q : 0;
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 1;
	}

}
