/**
 * How benchmarks report repeated runs: per-run ratios and medians.
 */
package io.dppmint.benchmarks.report;
