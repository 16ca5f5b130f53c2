package io.dppmint.core.minting;

import java.util.Locale;

/** A batch's progress: {@code queued -> processing -> minted}, or {@code failed}. */
public enum MintBatchStatus {

	QUEUED, PROCESSING, MINTED, FAILED;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static MintBatchStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
