package io.dppmint.resolver.telemetry;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.dppmint.core.background.BatchingWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Scan telemetry off the request path: {@link #record(ScanEvent)} only offers the event
 * to a bounded in-memory queue and returns at once; one background thread (a
 * {@link BatchingWriter}) drains the queue and writes each batch with a single
 * {@code COPY} into {@code scan_events}. When the queue is full (the database is slow or
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

	private static final Logger log = LoggerFactory.getLogger(ScanTelemetry.class);

	static final String COPY_SQL = """
			copy scan_events (scanned_at, token_id, batch_id, brand_id, identifier, network_prefix, country, region,
				user_agent, first_scan) from stdin (format csv)""";

	static final int MAX_USER_AGENT = 512;

	static final int MAX_IDENTIFIER = 256;

	static final int MAX_GEO = 64;

	private static final int MAX_NETWORK = 64;

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

	private final BatchingWriter<ScanEvent> writer;

	private final AtomicLong written = new AtomicLong();

	private final StringBuilder chunk = new StringBuilder(CHUNK + 2048);

	ScanTelemetry(DataSource dataSource, TelemetryProperties properties) {
		this.dataSource = dataSource;
		this.writer = BatchingWriter.named("scan-telemetry-writer", properties.queueCapacity())
			.maxBatch(properties.maxBatch())
			.gather(properties.flushInterval())
			.maxWeight(properties.queueBytes().toBytes(), ScanTelemetry::bytes)
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
				country, region, userAgent, event.firstScan());
	}

	/** What a queued event takes on the heap, about. */
	static long bytes(ScanEvent event) {
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

	private void write(List<ScanEvent> batch) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
			try {
				this.chunk.setLength(0);
				for (ScanEvent event : batch) {
					row(this.chunk, event);
					if (this.chunk.length() >= CHUNK) {
						send(copy, this.chunk);
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
			this.written.addAndGet(batch.size());
		}
		catch (SQLException ex) {
			log.warn("Dropped {} scan events: {}", batch.size(), ex.getClass().getSimpleName());
			throw new IllegalStateException("COPY into scan_events failed", ex);
		}
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
		out.append(event.firstScan() ? 't' : 'f').append('\n');
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
