package io.dppmint.console.scans;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.core.tenancy.BrandScope;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scan statistics for the dashboard, read from the daily roll-ups
 * ({@code scan_daily_brand}, a few hundred rows a day whatever the traffic), never from
 * the raw events: one statement, one pass over the range's rows, grouped both by day and
 * by country. Scoped to the caller's brands in the SQL itself.
 */
public class ScanStatistics {

	/** Most days one request may cover. */
	public static final int MAX_DAYS = 366;

	/** Countries listed, most scans first. */
	static final int TOP_COUNTRIES = 10;

	private final JdbcClient jdbc;

	ScanStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The statistics of the days {@code from} to {@code to} (UTC, both included).
	 * @param scope the brands in scope
	 * @param from the first day
	 * @param to the last day
	 * @return per day (every day, zeros included), totals and the top countries
	 */
	public Statistics of(BrandScope scope, LocalDate from, LocalDate to) {
		if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to.plusDays(1))) {
			throw new IllegalArgumentException("A range is 1 to " + MAX_DAYS + " days, not " + from + " to " + to);
		}
		Map<LocalDate, Day> days = new HashMap<>();
		List<Country> countries = new ArrayList<>();
		// Operators read the roll-up over every brand: a year is a few thousand rows
		// whatever the number of brands.
		String rollUp = scope.allBrands() ? "scan_daily_all_brands where day between :from and :to"
				: "scan_daily_brand where day between :from and :to and brand_id = :brandId";
		this.jdbc.sql("""
				select grouping(day) as by_country, day, country, sum(scans) as scans, sum(first_scans) as first_scans,
					sum(robot_scans) as robot_scans
				from %s
				group by grouping sets ((day), (country))""".formatted(rollUp))
			.param("from", from)
			.param("to", to)
			.param("brandId", scope.brandId())
			.query((rs, row) -> {
				if (rs.getInt("by_country") == 1) {
					countries.add(new Country(rs.getString("country"), rs.getLong("scans"), rs.getLong("robot_scans")));
				}
				else {
					LocalDate day = rs.getObject("day", LocalDate.class);
					days.put(day,
							new Day(day, rs.getLong("scans"), rs.getLong("first_scans"), rs.getLong("robot_scans")));
				}
				return row;
			})
			.list();
		List<Day> series = new ArrayList<>();
		long scans = 0;
		long firstScans = 0;
		long robotScans = 0;
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			Day counted = days.getOrDefault(day, new Day(day, 0, 0, 0));
			series.add(counted);
			scans += counted.scans();
			firstScans += counted.firstScans();
			robotScans += counted.robotScans();
		}
		List<Country> top = countries.stream()
			.filter((country) -> country.scans() > 0)
			.sorted(Comparator.comparingLong(Country::scans)
				.reversed()
				.thenComparing(Country::country, Comparator.nullsLast(Comparator.naturalOrder())))
			.limit(TOP_COUNTRIES)
			.toList();
		return new Statistics(from, to, scans, firstScans, robotScans, series, top);
	}

	/**
	 * Scan statistics of a range of days.
	 *
	 * @param from the first day (UTC)
	 * @param to the last day (UTC)
	 * @param scans people's scans
	 * @param firstScans scans that activated a token
	 * @param robotScans robots' scans (not in {@code scans})
	 * @param days every day of the range
	 * @param topCountries the countries with the most people's scans ({@code null}: none
	 * reported by the edge)
	 */
	public record Statistics(LocalDate from, LocalDate to, long scans, long firstScans, long robotScans, List<Day> days,
			List<Country> topCountries) {

		/** Robots' share of all scans, in percent (0 without scans). */
		public double robotSharePercent() {
			long all = this.scans + this.robotScans;
			return (all == 0) ? 0 : 100.0 * this.robotScans / all;
		}

		/** The most people's scans of one day (for scaling a chart). */
		public long busiestDay() {
			return this.days.stream().mapToLong(Day::scans).max().orElse(0);
		}

	}

	/**
	 * One day.
	 *
	 * @param day the day (UTC)
	 * @param scans people's scans
	 * @param firstScans first scans (activations)
	 * @param robotScans robots' scans
	 */
	public record Day(LocalDate day, long scans, long firstScans, long robotScans) {
	}

	/**
	 * One country.
	 *
	 * @param country as the edge reported it, {@code null} for none
	 * @param scans people's scans
	 * @param robotScans robots' scans
	 */
	public record Country(String country, long scans, long robotScans) {
	}

}
