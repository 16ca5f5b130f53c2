package io.dppmint.console.schedule;

import java.time.Instant;

/**
 * One run of a schedule, as its ledger row records it.
 *
 * @param scheduleId the schedule
 * @param fireTime the fire time it ran for (its key: one run per fire time)
 * @param startedAt when it started
 * @param finishedAt when it ended, or {@code null} while it runs
 * @param outcome {@code succeeded}, {@code failed}, {@code skipped}, or {@code null}
 * while it runs
 * @param summary what it did, or why it failed
 * @param instance the console instance (Quartz instance id) that ran it
 */
record ScheduleRun(long scheduleId, Instant fireTime, Instant startedAt, Instant finishedAt, String outcome,
		String summary, String instance) {

}
