package io.dppmint.core.registry;

import java.util.Locale;

/**
 * Where a minted batch stands with the EU DPP registry. A batch starts
 * {@link #NOT_SUBMITTED} (it has no row); the operator marks it {@link #SUBMITTED} once
 * the registry file is uploaded, then records what the registry answered:
 * {@link #REGISTERED} with a registration identifier, or {@link #REJECTED} with a reason.
 */
public enum RegistryState {

	/** No registry file recorded as uploaded. */
	NOT_SUBMITTED,

	/** The registry file was uploaded; no answer recorded yet. */
	SUBMITTED,

	/** The registry returned a registration identifier. */
	REGISTERED,

	/** The registry refused the submission. */
	REJECTED;

	/** The value stored and shown, e.g. {@code not_submitted}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The state a stored value names.
	 * @param value e.g. {@code registered}
	 * @return the state
	 */
	public static RegistryState of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
