package io.dppmint.resolver.resolution;

/** A resolver path that is not well-formed: answered 400 with the message. */
class MalformedPathException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	MalformedPathException(String message) {
		super(message, null, false, false);
	}

}
