package io.dppmint.console.schedule;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import org.quartz.CronExpression;

/**
 * A schedule's timing: a Quartz cron expression in a time zone, validated once, with its
 * next fire times. Quartz's dialect (what its trigger runs): seconds, minutes, hours, day
 * of month, month, day of week and an optional year; one of the two day fields is
 * {@code ?}. {@code 0 0 2 * * ?} is every day at 02:00.
 *
 * @param expression the cron expression, trimmed
 * @param zone the time zone it is read in
 */
record CronSchedule(String expression, ZoneId zone) {

	/**
	 * The longest expression Quartz stores ({@code qrtz_cron_triggers.cron_expression}).
	 */
	static final int MAX_LENGTH = 120;

	static final String HELP = "a Quartz cron expression: seconds minutes hours day-of-month month day-of-week"
			+ " [year], one of the day fields '?', e.g. '0 0 2 * * ?' for every day at 02:00";

	/**
	 * Parse and validate.
	 * @param expression the cron expression
	 * @param timeZone an IANA time zone id such as {@code Europe/Paris}; {@code null} or
	 * blank for UTC
	 * @throws InvalidScheduleException naming the field and what is wrong
	 */
	static CronSchedule parse(String expression, String timeZone) {
		if (expression == null || expression.isBlank()) {
			throw new InvalidScheduleException("cron", "REQUIRED", "A cron expression is required: " + HELP);
		}
		String trimmed = expression.strip();
		if (trimmed.length() > MAX_LENGTH) {
			throw new InvalidScheduleException("cron", "TOO_LONG",
					"A cron expression has at most " + MAX_LENGTH + " characters");
		}
		try {
			CronExpression.validateExpression(trimmed);
		}
		catch (ParseException ex) {
			throw new InvalidScheduleException("cron", "INVALID_CRON",
					"'" + trimmed + "' is not a valid cron expression (" + ex.getMessage() + "): " + HELP);
		}
		ZoneId zone;
		try {
			zone = (timeZone == null || timeZone.isBlank()) ? ZoneId.of("UTC") : ZoneId.of(timeZone.strip());
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException("timeZone", "INVALID_TIME_ZONE",
					"'" + timeZone + "' is not a time zone: use an IANA id such as UTC or Europe/Paris");
		}
		CronSchedule schedule = new CronSchedule(trimmed, zone);
		if (schedule.nextRuns(Instant.now(), 1).isEmpty()) {
			throw new InvalidScheduleException("cron", "NEVER_FIRES",
					"'" + trimmed + "' never fires after now (a year in the past?)");
		}
		return schedule;
	}

	/** The expression as Quartz evaluates it, in this schedule's zone. */
	CronExpression quartz() {
		try {
			CronExpression cron = new CronExpression(this.expression);
			cron.setTimeZone(TimeZone.getTimeZone(this.zone));
			return cron;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A validated cron expression failed to parse: " + this.expression, ex);
		}
	}

	/** The next {@code count} fire times strictly after {@code after}. */
	List<Instant> nextRuns(Instant after, int count) {
		CronExpression cron = quartz();
		List<Instant> runs = new ArrayList<>(count);
		Date next = cron.getNextValidTimeAfter(Date.from(after));
		while (next != null && runs.size() < count) {
			runs.add(next.toInstant());
			next = cron.getNextValidTimeAfter(next);
		}
		return runs;
	}

	/**
	 * The shortest gap between consecutive fire times over the next {@code sample} runs,
	 * or {@code null} when it fires fewer than twice.
	 */
	Duration shortestGap(Instant after, int sample) {
		List<Instant> runs = nextRuns(after, sample);
		Duration shortest = null;
		for (int i = 1; i < runs.size(); i++) {
			Duration gap = Duration.between(runs.get(i - 1), runs.get(i));
			if (shortest == null || gap.compareTo(shortest) < 0) {
				shortest = gap;
			}
		}
		return shortest;
	}

}
