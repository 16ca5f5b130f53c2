package io.dppmint.core.minting;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A mint request that was not accepted, with every reason: nothing was written.
 */
public class MintRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Violation> violations;

	public MintRejectedException(List<Violation> violations) {
		super(violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

	/**
	 * One broken rule.
	 *
	 * @param field the request field it concerns (e.g. {@code quantity},
	 * {@code lots[1].lotNumber}, {@code productId})
	 * @param code a stable code (e.g. {@code QUANTITY_OUT_OF_RANGE},
	 * {@code REQUIRED_FIELD_MISSING})
	 * @param message a sentence for people
	 */
	public record Violation(String field, String code, String message) {

	}

}
