package io.dppmint.console.web;

import java.time.Duration;
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

	/** A period as people say it: "45 seconds", "90 minutes", "24 hours", "30 days". */
	public String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60 || seconds % 60 != 0) {
			return plural(seconds, "second");
		}
		long minutes = seconds / 60;
		if (minutes < 120 || minutes % 60 != 0) {
			return plural(minutes, "minute");
		}
		long hours = minutes / 60;
		return (hours <= 72 || hours % 24 != 0) ? plural(hours, "hour") : plural(hours / 24, "day");
	}

	private String plural(long count, String unit) {
		return number(count) + " " + unit + ((count == 1) ? "" : "s");
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
