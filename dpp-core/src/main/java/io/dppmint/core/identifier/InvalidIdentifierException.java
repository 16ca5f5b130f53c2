package io.dppmint.core.identifier;

/**
 * A string that is not a token identifier (serial or public id). The message names the
 * rule it breaks without echoing the input, which comes from untrusted URLs, so it can be
 * logged and shown as it is. A resolver answers it with 400, except for its subclass
 * {@link UnknownIdentifierException}.
 */
public class InvalidIdentifierException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public InvalidIdentifierException(String message) {
		super(message);
	}

}
