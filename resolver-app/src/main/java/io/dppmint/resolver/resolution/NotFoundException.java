package io.dppmint.resolver.resolution;

/** A well-formed resolver path that names nothing issued: answered 404. */
class NotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	NotFoundException(String message) {
		super(message, null, false, false);
	}

}
