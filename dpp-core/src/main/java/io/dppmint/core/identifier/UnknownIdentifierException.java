package io.dppmint.core.identifier;

/**
 * A well-formed identifier that no token can have: it decrypts to a number outside the
 * token range (zero or above 2^63 - 1). About half of all well-formed strings are such; a
 * resolver answers them exactly like a valid identifier whose token does not exist (404),
 * so that the response says nothing about the permutation.
 */
public class UnknownIdentifierException extends InvalidIdentifierException {

	private static final long serialVersionUID = 1L;

	public UnknownIdentifierException(String message) {
		super(message);
	}

}
