package io.dppmint.console.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a schedule does when it fires. */
enum ScheduleKind {

	/**
	 * Export the minted batches that have no completed export: batches minted since the
	 * schedule was created get their export queued, and their failed exports are resumed
	 * at their first missing pack (a nightly export). Batches minted before the schedule
	 * existed are left to their owners.
	 */
	EXPORT_MINTED("Export minted batches"),

	/**
	 * Re-queue failed mint batches, which resume from their last committed chunks; each
	 * batch at most {@code dpp.console.schedules.max-automatic-restarts} times, so a
	 * batch that fails for good is left for a person.
	 */
	RESTART_FAILED_MINTS("Restart failed mint batches");

	private final String label;

	ScheduleKind(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/** The value in {@code schedules.kind} and the API: {@code export_minted}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ScheduleKind fromCode(String code) {
		for (ScheduleKind kind : values()) {
			if (kind.code().equals(code)) {
				return kind;
			}
		}
		throw new InvalidScheduleException("kind", "INVALID_KIND", "'" + code + "' is not a kind of schedule: one of "
				+ Arrays.stream(values()).map(ScheduleKind::code).collect(Collectors.joining(", ")));
	}

}
