package io.dppmint.console.schedule;

import java.time.Instant;

/**
 * A stored schedule.
 *
 * @param id its id
 * @param brandId the brand it works for, or {@code null} for every brand (set up by an
 * operator)
 * @param name a name for people
 * @param kind what it does
 * @param timing when it fires
 * @param enabled whether it fires
 * @param createdBy who created it
 * @param createdAt when; an {@link ScheduleKind#EXPORT_MINTED} schedule exports batches
 * minted since then
 * @param updatedAt when it last changed
 */
record Schedule(long id, Long brandId, String name, ScheduleKind kind, CronSchedule timing, boolean enabled,
		String createdBy, Instant createdAt, Instant updatedAt) {

}
