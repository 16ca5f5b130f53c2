package io.dppmint.console.schedule;

/**
 * A schedule the console refuses, naming the request field and what is wrong with it.
 * Thrown before anything is written.
 */
class InvalidScheduleException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String code;

	InvalidScheduleException(String field, String code, String message) {
		super(message);
		this.field = field;
		this.code = code;
	}

	String field() {
		return this.field;
	}

	String code() {
		return this.code;
	}

}
