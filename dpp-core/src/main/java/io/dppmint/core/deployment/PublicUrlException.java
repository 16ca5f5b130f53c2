package io.dppmint.core.deployment;

/**
 * A public URL the app cannot hand out, with what to do about it: reported by
 * {@link PublicUrlFailureAnalyzer} when it stops the start.
 */
class PublicUrlException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String description;

	private final String action;

	PublicUrlException(String description, String action) {
		super(description + " " + action);
		this.description = description;
		this.action = action;
	}

	String description() {
		return this.description;
	}

	String action() {
		return this.action;
	}

}
