package io.dppmint.export.backup;

import java.util.List;

/**
 * A backup or restore that was refused before anything was written: the reasons, and
 * whether they are bad input (exit code 2: no such file or brand, not an archive, an
 * unknown format) or a failed check (exit code 1: a checksum, the identifier key, the
 * schema version, a conflict with this installation's data).
 */
class BackupRefusedException extends Exception {

	private static final long serialVersionUID = 1L;

	private final transient List<String> reasons;

	private final boolean badInput;

	BackupRefusedException(boolean badInput, List<String> reasons) {
		super(String.join("; ", reasons));
		this.badInput = badInput;
		this.reasons = List.copyOf(reasons);
	}

	static BackupRefusedException badInput(String reason) {
		return new BackupRefusedException(true, List.of(reason));
	}

	static BackupRefusedException failedCheck(String reason) {
		return new BackupRefusedException(false, List.of(reason));
	}

	List<String> reasons() {
		return this.reasons;
	}

	boolean badInput() {
		return this.badInput;
	}

}
