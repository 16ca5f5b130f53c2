package io.dppmint.core.minting;

import java.util.Locale;

/** A batch's progress: {@code queued -> processing -> minted}, or {@code failed}. */
public enum MintBatchStatus {

	QUEUED, PROCESSING, MINTED, FAILED;

	/** Whether the batch has ended, one way or the other: minted or failed. */
	public boolean isFinal() {
		return this == MINTED || this == FAILED;
	}

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static MintBatchStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
