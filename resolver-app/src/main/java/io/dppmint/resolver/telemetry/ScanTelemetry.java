package io.dppmint.resolver.telemetry;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.dppmint.core.background.BatchingWriter;
import io.dppmint.core.database.DatabaseUnavailable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.context.SmartLifecycle;

/**
 * Scan telemetry off the request path: {@link #record(ScanEvent)} only offers the event
 * to a bounded in-memory queue and returns at once; one background thread (a
 * {@link BatchingWriter}) drains the queue and writes each batch with a single
 * {@code COPY} into {@code scan_events}. Robots' scans go through the same queue but are
 * only counted: each batch adds them up per day, brand, product and country into a few
 * rows of {@code scan_robot_counts}, in the same transaction (the robot share of the scan
 * statistics, without a row per robot). When the queue is full (the database is slow or
 * down), the event is dropped and counted, never waited for. Stopping the application
 * flushes what is queued; a crash loses it (at most {@code queueCapacity} events,
 * normally the last {@code flushInterval} of scans).
 * <p>
 * The queue is bounded in bytes as well as in events: every text of an event is cut to
 * what the table keeps before it is queued (a user agent to 512 characters), and the
 * queue refuses events once their texts add up to {@code queueBytes}, so a flood of scans
 * with huge headers cannot fill the heap.
 * <p>
 * The writer gathers scans for {@code flushInterval} (or until {@code maxBatch} wait)
 * before each {@code COPY}: writing whatever had arrived as soon as the previous
 * {@code COPY} ended gave hundreds of small transactions a second at 20,000 scans/s, and
 * their per-statement and per-commit work cost PostgreSQL about half a core. Rows are
 * streamed to the {@code COPY} in chunks, so a batch never needs one large buffer.
 */
public class ScanTelemetry implements SmartLifecycle {

	static final String COPY_SQL = """
			copy scan_events (scanned_at, token_id, batch_id, brand_id, identifier, network_prefix, country, region,
				user_agent, first_scan, product_id) from stdin (format csv)""";

	static final String ROBOT_COPY_SQL = """
			copy scan_robot_counts (scanned_at, brand_id, product_id, country, scans) from stdin (format csv)""";

	static final int MAX_USER_AGENT = 512;

	static final int MAX_IDENTIFIER = 256;

	static final int MAX_GEO = 64;

	private static final int MAX_NETWORK = 64;

	private static final long SECONDS_PER_DAY = 86_400;

	// What an event costs the heap besides its texts: the record, its boxed numbers and
	// instant, the strings' headers, the queue's slot.
	private static final int EVENT_OVERHEAD = 256;

	// Rows are sent to COPY in chunks of about this many characters.
	private static final int CHUNK = 32 * 1024;

	/**
	 * Stops after the web server, so that scans still in flight are recorded and flushed.
	 */
	private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final DataSource dataSource;

	private final BatchingWriter<Scan> writer;

	private final AtomicLong written = new AtomicLong();

	private final AtomicLong robotsCounted = new AtomicLong();

	private final StringBuilder chunk = new StringBuilder(CHUNK + 2048);

	ScanTelemetry(DataSource dataSource, TelemetryProperties properties) {
		this.dataSource = dataSource;
		this.writer = BatchingWriter.named("scan-telemetry-writer", properties.queueCapacity())
			.maxBatch(properties.maxBatch())
			.gather(properties.flushInterval())
			.maxWeight(properties.queueBytes().toBytes(), ScanTelemetry::bytes)
			// While the primary is down the batch waits for it (and the queue fills)
			// instead
			// of being dropped: events are lost only when the queue is full.
			.holdWhile(DatabaseUnavailable::test, properties.retryEvery())
			.phase(PHASE)
			.sink(this::write);
	}

	/**
	 * Queue a scan for writing; never blocks. Its texts are cut to what the table keeps
	 * first.
	 * @param event the scan
	 * @return whether it was queued ({@code false}: dropped because the queue is full)
	 */
	public boolean record(ScanEvent event) {
		return this.writer.offer(bounded(event));
	}

	/**
	 * Count a robot's scan; never blocks. It shares the queue (and its bounds) with the
	 * people's scans and is written with their batch: one row per day, brand, product and
	 * country in {@code scan_robot_counts}, in the same transaction as the batch's
	 * events.
	 * @param scan the robot's scan
	 * @return whether it was queued ({@code false}: dropped because the queue is full)
	 */
	public boolean recordRobot(RobotScan scan) {
		String country = cut(scan.country(), MAX_GEO);
		return this.writer.offer((country == scan.country()) ? scan
				: new RobotScan(scan.scannedAt(), scan.brandId(), scan.productId(), country));
	}

	/** Robot scans written to the database as counts, since start. */
	public long robotsCounted() {
		return this.robotsCounted.get();
	}

	/** Scans dropped because the queue was full or their batch failed, since start. */
	public long dropped() {
		return this.writer.refused() + this.writer.failed();
	}

	/** Scans written to the database, since start. */
	public long written() {
		return this.written.get();
	}

	/** Scans waiting in the queue. */
	public int queued() {
		return this.writer.queued();
	}

	/** The approximate heap the queued scans take, in bytes. */
	public long queuedBytes() {
		return this.writer.queuedWeight();
	}

	@Override
	public void start() {
		this.writer.start();
	}

	@Override
	public void stop() {
		this.writer.stop();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isRunning() {
		return this.writer.isRunning();
	}

	/** The event with every text cut to what its column keeps. */
	static ScanEvent bounded(ScanEvent event) {
		String userAgent = cut(event.userAgent(), MAX_USER_AGENT);
		String identifier = cut(event.identifier(), MAX_IDENTIFIER);
		String network = cut(event.networkPrefix(), MAX_NETWORK);
		String country = cut(event.country(), MAX_GEO);
		String region = cut(event.region(), MAX_GEO);
		if (userAgent == event.userAgent() && identifier == event.identifier() && network == event.networkPrefix()
				&& country == event.country() && region == event.region()) {
			return event;
		}
		return new ScanEvent(event.scannedAt(), event.tokenId(), event.batchId(), event.brandId(), identifier, network,
				country, region, userAgent, event.firstScan(), event.productId());
	}

	/** What a queued scan takes on the heap, about. */
	static long bytes(Scan scan) {
		return switch (scan) {
			case ScanEvent event -> eventBytes(event);
			case RobotScan robot -> EVENT_OVERHEAD + 2L * length(robot.country());
		};
	}

	private static long eventBytes(ScanEvent event) {
		return EVENT_OVERHEAD + 2L * (length(event.userAgent()) + length(event.identifier())
				+ length(event.networkPrefix()) + length(event.country()) + length(event.region()));
	}

	private static int length(String text) {
		return (text != null) ? text.length() : 0;
	}

	private static String cut(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		int end = max;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end);
	}

	/**
	 * Writes the batch in one transaction: the people's scans with one {@code COPY} into
	 * {@code scan_events}, the robots' added up per day (UTC), brand, product and country
	 * into {@code scan_robot_counts}; a failed batch writes neither.
	 */
	private void write(List<Scan> batch) {
		Map<RobotGroup, long[]> robots = new HashMap<>();
		int events = 0;
		for (Scan scan : batch) {
			if (scan instanceof RobotScan robot) {
				RobotGroup group = new RobotGroup(Math.floorDiv(robot.scannedAt().getEpochSecond(), SECONDS_PER_DAY),
						robot.brandId(), robot.productId(), robot.country());
				long[] tally = robots.computeIfAbsent(group, (key) -> new long[2]);
				tally[0]++;
				tally[1] = Math.max(tally[1], robot.scannedAt().toEpochMilli());
			}
			else {
				events++;
			}
		}
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				if (events > 0) {
					copyEvents(connection, batch);
				}
				if (!robots.isEmpty()) {
					copyRobots(connection, robots);
				}
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			this.written.addAndGet(events);
			this.robotsCounted.addAndGet(batch.size() - events);
		}
		catch (SQLException ex) {
			// The writer logs it, and holds or drops the batch.
			throw new IllegalStateException("Writing scan telemetry failed", ex);
		}
	}

	private void copyEvents(Connection connection, List<Scan> batch) throws SQLException {
		CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
		try {
			this.chunk.setLength(0);
			for (Scan scan : batch) {
				if (scan instanceof ScanEvent event) {
					row(this.chunk, event);
					if (this.chunk.length() >= CHUNK) {
						send(copy, this.chunk);
					}
				}
			}
			send(copy, this.chunk);
			copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

	private void copyRobots(Connection connection, Map<RobotGroup, long[]> robots) throws SQLException {
		CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(ROBOT_COPY_SQL);
		try {
			this.chunk.setLength(0);
			robots.forEach((group, tally) -> robotRow(this.chunk, group, tally[0], Instant.ofEpochMilli(tally[1])));
			send(copy, this.chunk);
			copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

	/** One {@code COPY ... (format csv)} row of robot scans counted together. */
	static void robotRow(StringBuilder out, RobotGroup group, long scans, Instant latest) {
		out.append(latest).append(',');
		number(out, group.brandId());
		number(out, group.productId());
		text(out, group.country(), MAX_GEO);
		out.append(scans).append('\n');
	}

	/** The robot scans one row of {@code scan_robot_counts} adds up. */
	record RobotGroup(long epochDay, Long brandId, Long productId, String country) {

	}

	private static void send(CopyIn copy, StringBuilder chunk) throws SQLException {
		if (!chunk.isEmpty()) {
			byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
			copy.writeToCopy(bytes, 0, bytes.length);
			chunk.setLength(0);
		}
	}

	/**
	 * Append one {@code COPY ... (format csv)} row for the event.
	 */
	static void row(StringBuilder out, ScanEvent event) {
		out.append(event.scannedAt()).append(',');
		number(out, event.tokenId());
		number(out, event.batchId());
		number(out, event.brandId());
		text(out, event.identifier(), MAX_IDENTIFIER);
		text(out, event.networkPrefix(), MAX_NETWORK);
		text(out, event.country(), MAX_GEO);
		text(out, event.region(), MAX_GEO);
		text(out, event.userAgent(), MAX_USER_AGENT);
		out.append(event.firstScan() ? 't' : 'f').append(',');
		if (event.productId() != null) {
			out.append(event.productId().longValue());
		}
		out.append('\n');
	}

	private static void number(StringBuilder out, Long value) {
		if (value != null) {
			out.append(value.longValue());
		}
		out.append(',');
	}

	/**
	 * A quoted CSV field (an unquoted empty field is SQL null). Control characters, which
	 * PostgreSQL text cannot hold (NUL) or logs would misread, become spaces.
	 */
	private static void text(StringBuilder out, String value, int max) {
		if (value != null) {
			out.append('"');
			int end = Math.min(value.length(), max);
			if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
				end--;
			}
			for (int i = 0; i < end; i++) {
				char c = value.charAt(i);
				if (c == '"') {
					out.append("\"\"");
				}
				else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) && !validSurrogate(value, i)) {
					out.append(' ');
				}
				else {
					out.append(c);
				}
			}
			out.append('"');
		}
		out.append(',');
	}

	private static boolean validSurrogate(String value, int i) {
		char c = value.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
	}

}
