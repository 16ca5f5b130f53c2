package io.dppmint.systemtests;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: what is left once string literals, label
 * matchers, range and subquery brackets and the label lists of {@code by},
 * {@code without}, {@code on}, {@code ignoring} and {@code group_left/right} are taken
 * out, minus function calls, keywords and numbers. Enough for the dashboard's and the
 * alert rules' expressions, which {@code PromQlTests} covers.
 */
final class PromQl {

	private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern BRACES = Pattern.compile("\\{[^{}]*\\}");

	private static final Pattern BRACKETS = Pattern.compile("\\[[^\\[\\]]*\\]");

	private static final Pattern LABEL_LISTS = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Pattern MATCHER_KEY = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "offset", "bool", "inf", "nan", "atan2");

	private PromQl() {
	}

	/**
	 * The label names an expression matches on or groups by: the keys of its label
	 * matchers and the names in its {@code by}, {@code without}, {@code on},
	 * {@code ignoring} and {@code group_left/right} lists.
	 */
	static Set<String> labelNames(String expression) {
		String rest = STRINGS.matcher(expression).replaceAll("\"\"");
		Set<String> labels = new TreeSet<>();
		Matcher braces = BRACES.matcher(rest);
		while (braces.find()) {
			Matcher key = MATCHER_KEY.matcher(braces.group());
			while (key.find()) {
				labels.add(key.group(1));
			}
		}
		Matcher lists = LABEL_LISTS.matcher(rest);
		while (lists.find()) {
			String list = lists.group();
			for (String label : list.substring(list.indexOf('(') + 1, list.length() - 1).split(",")) {
				if (!label.isBlank()) {
					labels.add(label.strip());
				}
			}
		}
		return labels;
	}

	static Set<String> metricNames(String expression) {
		String rest = STRINGS.matcher(expression).replaceAll("\"\"");
		rest = BRACES.matcher(rest).replaceAll(" ");
		rest = BRACKETS.matcher(rest).replaceAll(" ");
		rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(rest);
		while (matcher.find()) {
			String name = matcher.group(1);
			boolean call = matcher.group(2) != null;
			if (!call && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

}
