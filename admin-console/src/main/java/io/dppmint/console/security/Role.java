package io.dppmint.console.security;

import java.util.Locale;

/**
 * What a caller may do. Console users have one of the first four (stored in
 * {@code console_users.role}); brand-portal clients authenticate with an API key and act
 * as {@link #API_CLIENT} of their brand.
 */
public enum Role {

	/** All brands, every change, job operations. */
	OPERATOR,

	/** Their brand only; may change it. */
	BRAND_OWNER,

	/** Their brand only; may change it (mint, revoke, sync runs). */
	COMPLIANCE_APPROVER,

	/** Read only: one brand, or every brand when not tied to one. */
	VIEWER,

	/** A brand-portal client holding one of its brand's API keys. */
	API_CLIENT;

	/** The value in {@code console_users.role}. */
	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Role fromDbValue(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	/** The Spring Security authority, e.g. {@code ROLE_OPERATOR}. */
	public String authority() {
		return "ROLE_" + name();
	}

	/** Whether this role may change anything at all. */
	public boolean canWrite() {
		return this != VIEWER;
	}

}
