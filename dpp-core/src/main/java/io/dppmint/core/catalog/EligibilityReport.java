package io.dppmint.core.catalog;

import java.util.List;

/**
 * Whether a product is ready to mint, and if not, every rule it fails: the report never
 * stops at the first failure, so the user sees everything to fix at once.
 *
 * @param ready whether the product is ready to mint, exactly when nothing failed
 * @param failures every failed rule, in a stable order: required fields in the brand's
 * order, then the GTIN, then the commercial status
 */
public record EligibilityReport(boolean ready, List<EligibilityFailure> failures) {

	public EligibilityReport {
		failures = List.copyOf(failures);
		if (ready != failures.isEmpty()) {
			throw new IllegalArgumentException("A report is ready exactly when no rule failed: " + failures);
		}
	}

	/**
	 * The report of these failures.
	 * @param failures the failed rules, none when the product is ready
	 * @return the report
	 */
	public static EligibilityReport of(List<EligibilityFailure> failures) {
		return new EligibilityReport(failures.isEmpty(), failures);
	}

	/**
	 * Whether {@code rule} failed (for any subject).
	 * @param rule the rule
	 * @return whether it is among the failures
	 */
	public boolean failed(EligibilityRule rule) {
		return this.failures.stream().anyMatch((failure) -> failure.rule() == rule);
	}

}
