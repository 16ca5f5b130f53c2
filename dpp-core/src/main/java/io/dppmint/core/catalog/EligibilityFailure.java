package io.dppmint.core.catalog;

import java.util.Objects;

/**
 * One rule a product fails to be ready to mint.
 *
 * @param rule the rule
 * @param subject what the failure is about: the missing field's name, the GTIN, the
 * actual commercial status; {@code null} for {@link EligibilityRule#GTIN_MISSING}
 * @param message what is wrong and how to fix it, to show to the user as it is
 */
public record EligibilityFailure(EligibilityRule rule, String subject, String message) {

	public EligibilityFailure {
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(message, "message");
	}

}
