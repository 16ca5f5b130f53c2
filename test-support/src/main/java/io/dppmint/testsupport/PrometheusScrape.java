package io.dppmint.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading what an app's {@code /actuator/prometheus} answered (the Prometheus text
 * format: one sample a line, {@code name{labels} value}).
 */
public final class PrometheusScrape {

	/** One sample: its metric name, its labels (if any) and its value. */
	public static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)",
			Pattern.MULTILINE);

	private PrometheusScrape() {
	}

	/**
	 * The sum of a metric's samples whose labels contain every one of {@code labels}
	 * ({@code outcome="unavailable"}, say); samples that are NaN (a gauge with nothing to
	 * say yet) are left out.
	 * @param scrape the scraped text
	 * @param name the metric's Prometheus name
	 * @param labels label texts every counted sample must contain
	 * @return the sum, 0 when no sample matched
	 */
	public static double sum(String scrape, String name, String... labels) {
		double sum = 0;
		Matcher sample = SAMPLE.matcher(scrape);
		while (sample.find()) {
			if (sample.group(1).equals(name) && hasAll(sample.group(2), labels)) {
				double value = Double.parseDouble(sample.group(3));
				if (!Double.isNaN(value)) {
					sum += value;
				}
			}
		}
		return sum;
	}

	private static boolean hasAll(String sampleLabels, String[] labels) {
		for (String label : labels) {
			if (!label.isEmpty() && (sampleLabels == null || !sampleLabels.contains(label))) {
				return false;
			}
		}
		return true;
	}

}
