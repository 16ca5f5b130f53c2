package io.dppmint.core.gs1;

/**
 * A value that breaks a GS1 rule. The message names the rule and the offending value, so
 * that it can be shown to the user as it is.
 */
public class InvalidGs1DataException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public InvalidGs1DataException(String message) {
		super(message);
	}

}
