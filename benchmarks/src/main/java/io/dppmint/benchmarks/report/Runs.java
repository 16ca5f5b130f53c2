package io.dppmint.benchmarks.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Repeated runs of a benchmark and a baseline, taken in pairs (the baseline, then ours,
 * back to back, so that both see the same machine): each run's ratio, and the medians.
 * The ratio a benchmark reports is the median of the runs' ratios, which one noisy run
 * (the disk busy with a checkpoint, the other core taken) cannot move.
 */
public final class Runs {

	private final double[] baseline;

	private final double[] ours;

	private int count;

	/**
	 * @param runs how many runs will be added
	 */
	public Runs(int runs) {
		this.baseline = new double[runs];
		this.ours = new double[runs];
	}

	/**
	 * Check a {@code --runs} option.
	 * @param runs the option's value
	 * @return {@code runs}
	 * @throws IllegalArgumentException if it is not 1..50
	 */
	public static int checked(int runs) {
		if (runs < 1 || runs > 50) {
			throw new IllegalArgumentException("--runs must be 1..50");
		}
		return runs;
	}

	/** Add one run's seconds. */
	public void add(double baselineSeconds, double ourSeconds) {
		this.baseline[this.count] = baselineSeconds;
		this.ours[this.count] = ourSeconds;
		this.count++;
	}

	public double medianBaseline() {
		return median(Arrays.copyOf(this.baseline, this.count));
	}

	public double medianOurs() {
		return median(Arrays.copyOf(this.ours, this.count));
	}

	/** The median of the runs' ratios, ours / baseline. */
	public double medianRatio() {
		return median(ratios());
	}

	/**
	 * The runs' ratios, ours / baseline, in order, as printed: {@code "1.10 0.96 1.02"}.
	 */
	public String ratiosLine() {
		return Arrays.stream(ratios())
			.mapToObj((ratio) -> String.format(Locale.ROOT, "%.2f", ratio))
			.collect(Collectors.joining(" "));
	}

	private double[] ratios() {
		double[] ratios = new double[this.count];
		for (int i = 0; i < this.count; i++) {
			ratios[i] = this.ours[i] / this.baseline[i];
		}
		return ratios;
	}

	/**
	 * The median: of an odd count the middle value, of an even one the mean of the two.
	 */
	static double median(double[] values) {
		if (values.length == 0) {
			throw new IllegalStateException("No runs");
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
