package io.dppmint.resolver.resolution;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses among the links the resolver offers for an identifier, as the GS1-Conformant
 * Resolver standard 1.2 says (sections 4.3 and 4.4): the request's {@code linkType}
 * parameter picks the link type (a CURIE such as {@code gs1:pip} or the full URI, in any
 * of the GS1 Web Vocabulary's spellings), then its {@code context} parameter, its
 * {@code Accept-Language} and its {@code Accept} header rank the links of that type by
 * their {@code context}, {@code hreflang} and {@code type}, in that order. Links that
 * rank the same keep the order they were published in; two that rank the same and carry
 * the same metadata cannot be told apart ({@link Choice#ambiguous()}). Headers are read
 * leniently and within bounds: a malformed or oversized one ranks nothing.
 */
final class Negotiation {

	/** The namespace of the GS1 Web Vocabulary, as the resolver writes link types. */
	static final String GS1_VOC = "https://gs1.org/voc/";

	/** Every spelling of the GS1 Web Vocabulary namespace a request may use. */
	private static final List<String> GS1_PREFIXES = List.of("gs1:", GS1_VOC, "http://gs1.org/voc/",
			"https://www.gs1.org/voc/", "http://www.gs1.org/voc/", "https://ref.gs1.org/voc/",
			"http://ref.gs1.org/voc/");

	private static final int MAX_HEADER = 1024;

	private static final int MAX_PARAMETER = 256;

	private Negotiation() {
	}

	/**
	 * The link type a query string asks for: its GS1 Web Vocabulary term without prefix
	 * (e.g. {@code pip}; {@code linkset} and {@code all} as they are), another
	 * vocabulary's term as written, or {@code null} when it asks for none.
	 */
	static String linkType(String query) {
		String value = parameter(query, "linkType");
		if (value == null || value.isEmpty()) {
			return null;
		}
		for (String prefix : GS1_PREFIXES) {
			if (value.regionMatches(true, 0, prefix, 0, prefix.length())) {
				return value.substring(prefix.length());
			}
		}
		return value;
	}

	/** The {@code context} a query string asks for, or {@code null}. */
	static String context(String query) {
		String value = parameter(query, "context");
		return (value == null || value.isEmpty()) ? null : value;
	}

	/** The decoded value of the first parameter with this name, or {@code null}. */
	static String parameter(String query, String name) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		int start = 0;
		while (start < query.length()) {
			int end = query.indexOf('&', start);
			if (end < 0) {
				end = query.length();
			}
			if (query.startsWith(name, start) && query.length() > start + name.length()
					&& query.charAt(start + name.length()) == '=') {
				String raw = query.substring(start + name.length() + 1, end);
				if (raw.length() > MAX_PARAMETER) {
					return null;
				}
				try {
					return URLDecoder.decode(raw, StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
			start = end + 1;
		}
		return null;
	}

	/**
	 * The query string without any parameter of this name, or {@code null} when nothing
	 * is left.
	 */
	static String without(String query, String name) {
		if (query == null || query.indexOf(name) < 0) {
			return query;
		}
		StringBuilder kept = new StringBuilder(query.length());
		for (String parameter : query.split("&")) {
			boolean named = parameter.startsWith(name)
					&& (parameter.length() == name.length() || parameter.charAt(name.length()) == '=');
			if (!named && !parameter.isEmpty()) {
				kept.append((kept.length() > 0) ? "&" : "").append(parameter);
			}
		}
		return (kept.length() > 0) ? kept.toString() : null;
	}

	/**
	 * Rank links of one link type for a request.
	 * @param links the candidates, in publication order (not empty)
	 * @param context the request's {@code context}, or {@code null}
	 * @param acceptLanguage the {@code Accept-Language} header, or {@code null}
	 * @param accept the {@code Accept} header, or {@code null}
	 * @return the best link, and whether another one ranks the same with the same
	 * metadata
	 */
	static Choice choose(List<OfferedLink> links, String context, String acceptLanguage, String accept) {
		List<Range> languages = ranges(acceptLanguage);
		List<Range> types = ranges(accept);
		OfferedLink best = null;
		double[] bestScore = null;
		boolean ambiguous = false;
		for (OfferedLink link : links) {
			double[] score = { contextScore(link.context(), context), languageScore(link.hreflang(), languages),
					typeScore(link.type(), types) };
			int order = (bestScore == null) ? 1 : compare(score, bestScore);
			if (order > 0) {
				best = link;
				bestScore = score;
				ambiguous = false;
			}
			else if (order == 0 && link.sameMetadata(best)) {
				ambiguous = true;
			}
		}
		return new Choice(best, ambiguous);
	}

	private static int compare(double[] a, double[] b) {
		for (int i = 0; i < a.length; i++) {
			int order = Double.compare(a[i], b[i]);
			if (order != 0) {
				return order;
			}
		}
		return 0;
	}

	private static double contextScore(String linkContext, String requested) {
		if (requested == null) {
			return 1;
		}
		if (linkContext == null) {
			return 0.5;
		}
		return linkContext.equalsIgnoreCase(requested) ? 1 : 0;
	}

	private static double languageScore(String hreflang, List<Range> ranges) {
		if (ranges.isEmpty()) {
			return 1;
		}
		if (hreflang == null) {
			return 0.001;
		}
		double best = 0;
		String primary = primary(hreflang);
		for (Range range : ranges) {
			double score;
			if (range.value().equalsIgnoreCase(hreflang)) {
				score = range.quality();
			}
			else if (primary(range.value()).equalsIgnoreCase(primary)) {
				score = range.quality() * 0.9;
			}
			else if (range.value().equals("*")) {
				score = range.quality() * 0.5;
			}
			else {
				score = 0;
			}
			best = Math.max(best, score);
		}
		return best;
	}

	private static double typeScore(String type, List<Range> ranges) {
		if (ranges.isEmpty()) {
			return 1;
		}
		if (type == null) {
			return 0.001;
		}
		double best = 0;
		int slash = type.indexOf('/');
		String major = (slash > 0) ? type.substring(0, slash) : type;
		for (Range range : ranges) {
			String value = range.value();
			double score;
			if (value.equalsIgnoreCase(type)) {
				score = range.quality();
			}
			else if (value.endsWith("/*") && value.regionMatches(true, 0, major, 0, major.length())
					&& value.length() == major.length() + 2) {
				score = range.quality() * 0.9;
			}
			else if (value.equals("*/*")) {
				score = range.quality() * 0.5;
			}
			else {
				score = 0;
			}
			best = Math.max(best, score);
		}
		return best;
	}

	private static String primary(String tag) {
		int dash = tag.indexOf('-');
		return (dash > 0) ? tag.substring(0, dash) : tag;
	}

	/** The ranges of an {@code Accept} or {@code Accept-Language} header with their q. */
	private static List<Range> ranges(String header) {
		List<Range> ranges = new ArrayList<>();
		if (header == null || header.isBlank() || header.length() > MAX_HEADER) {
			return ranges;
		}
		for (String part : header.split(",")) {
			int semicolon = part.indexOf(';');
			String value = ((semicolon < 0) ? part : part.substring(0, semicolon)).strip();
			if (value.isEmpty()) {
				continue;
			}
			double quality = 1;
			if (semicolon >= 0) {
				for (String parameter : part.substring(semicolon + 1).split(";")) {
					String p = parameter.strip().toLowerCase(Locale.ROOT);
					if (p.startsWith("q=")) {
						try {
							quality = Double.parseDouble(p.substring(2));
						}
						catch (NumberFormatException ex) {
							quality = 0;
						}
					}
				}
			}
			if (quality > 0 && quality <= 1) {
				ranges.add(new Range(value, quality));
			}
		}
		return ranges;
	}

	private record Range(String value, double quality) {

	}

	/**
	 * The outcome of ranking.
	 *
	 * @param link the best link
	 * @param ambiguous whether another link ranks the same with the same metadata (the
	 * resolver cannot choose: {@code 300 Multiple Choices})
	 */
	record Choice(OfferedLink link, boolean ambiguous) {

	}

}
