package io.dppmint.jobs.cli;

/**
 * The exit codes of the job commands ({@code ./dpp mint}, {@code ./dpp export}), which
 * schedulers act on.
 */
public enum ExitCode {

	/** The job's work is done: the batch is minted, the export completed. */
	SUCCEEDED(0),

	/** The job ended failed (its committed work stays, restartable). */
	FAILED(1),

	/** The request or the options were rejected; nothing was changed. */
	REJECTED(2),

	/** Another live process holds the work's lease. */
	LOCKED(3);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	/** The process exit status. */
	public int code() {
		return this.code;
	}

}
