package io.dppmint.core.passport;

/**
 * A passport or schema write that named a version (an {@code If-Match} precondition)
 * which is no longer the current one: somebody else saved in between. Nothing was
 * written; read the current version and apply the change to it.
 */
public class PassportVersionConflictException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int currentVersion;

	public PassportVersionConflictException(String subject, int expected, int currentVersion) {
		super(subject + " is at version " + currentVersion + ", not " + expected + ": it changed since it was read");
		this.currentVersion = currentVersion;
	}

	public int currentVersion() {
		return this.currentVersion;
	}

}
