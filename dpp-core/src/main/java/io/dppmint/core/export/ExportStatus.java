package io.dppmint.core.export;

/**
 * Where an export stands: {@code pending -> running -> completed}, or {@code failed}. A
 * failed export, or a running one whose lease expired with its process, is requested
 * again by moving it back to {@code pending}; it then resumes at its first incomplete
 * pack.
 */
public enum ExportStatus {

	PENDING("pending"), RUNNING("running"), COMPLETED("completed"), FAILED("failed");

	private final String value;

	ExportStatus(String value) {
		this.value = value;
	}

	/** Whether the export has ended, one way or the other: completed or failed. */
	public boolean isFinal() {
		return this == COMPLETED || this == FAILED;
	}

	/** The value stored in {@code exports.status}. */
	public String value() {
		return this.value;
	}

	public static ExportStatus of(String value) {
		for (ExportStatus status : values()) {
			if (status.value.equals(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unknown export status '" + value + "'");
	}

}
