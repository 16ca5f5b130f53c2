package io.dppmint.console.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Formatting helpers for templates ({@code ${@fmt.number(n)}}): one way to write numbers,
 * times (UTC, to the second) and sizes across the console.
 */
@Component("fmt")
public class Formats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	public String number(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	public String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

	/** Whole percent done, never 100 before everything is done. */
	public int percent(long done, long total) {
		if (total <= 0 || done <= 0) {
			return 0;
		}
		return (done >= total) ? 100 : (int) Math.min(99, (done * 100) / total);
	}

	public String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
	}

	/** Mode and status values as people read them: {@code first_scan} to "first scan". */
	public String label(String value) {
		return (value != null) ? value.replace('_', ' ') : "";
	}

}
