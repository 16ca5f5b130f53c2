package io.dppmint.resolver.telemetry;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Scan telemetry off the request path: {@link #record(ScanEvent)} only offers the event
 * to a bounded in-memory queue and returns at once; one background thread drains the
 * queue and writes each batch with a single {@code COPY} into {@code scan_events}. When
 * the queue is full (the database is slow or down), the event is dropped and counted,
 * never waited for. Stopping the application flushes what is queued; a crash loses it (at
 * most {@code queueCapacity} events, normally the last {@code flushInterval} of scans).
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

	private static final int MAX_USER_AGENT = 512;

	private static final int MAX_IDENTIFIER = 256;

	private static final int MAX_GEO = 64;

	// Rows are sent to COPY in chunks of about this many characters.
	private static final int CHUNK = 32 * 1024;

	// How often a gathering writer looks whether a full batch is already waiting.
	private static final long GATHER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final BlockingQueue<ScanEvent> queue;

	private final DataSource dataSource;

	private final int maxBatch;

	private final long flushNanos;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong written = new AtomicLong();

	private volatile boolean running;

	private Thread writer;

	ScanTelemetry(DataSource dataSource, TelemetryProperties properties) {
		this.dataSource = dataSource;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.maxBatch = properties.maxBatch();
		this.flushNanos = properties.flushInterval().toNanos();
	}

	/**
	 * Queue a scan for writing; never blocks.
	 * @param event the scan
	 * @return whether it was queued ({@code false}: dropped because the queue is full)
	 */
	public boolean record(ScanEvent event) {
		if (this.queue.offer(event)) {
			return true;
		}
		this.dropped.incrementAndGet();
		return false;
	}

	/** Scans dropped because the queue was full, since start. */
	public long dropped() {
		return this.dropped.get();
	}

	/** Scans written to the database, since start. */
	public long written() {
		return this.written.get();
	}

	/** Scans waiting in the queue. */
	public int queued() {
		return this.queue.size();
	}

	@Override
	public void start() {
		this.running = true;
		this.writer = Thread.ofPlatform().name("scan-telemetry-writer").daemon().start(this::drainLoop);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.writer;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Stop after the web server, so that scans still in flight are recorded and flushed.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void drainLoop() {
		List<ScanEvent> batch = new ArrayList<>(this.maxBatch);
		StringBuilder chunk = new StringBuilder(CHUNK + 2048);
		try {
			while (this.running) {
				ScanEvent first = this.queue.poll(this.flushNanos, TimeUnit.NANOSECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				gather(System.nanoTime() + this.flushNanos);
				this.queue.drainTo(batch, this.maxBatch - 1);
				write(batch, chunk);
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			// Stopping.
		}
		// Stopping: flush whatever is still queued, with what was taken before the stop.
		// The interrupt that stopped the loop may still be pending, and the pool would
		// refuse a connection to an interrupted thread that has to wait for one.
		Thread.interrupted();
		do {
			this.queue.drainTo(batch, this.maxBatch - batch.size());
			write(batch, chunk);
			batch.clear();
		}
		while (!this.queue.isEmpty());
	}

	/** Wait until the deadline, or less if a full batch is already waiting. */
	private void gather(long deadline) throws InterruptedException {
		long left = deadline - System.nanoTime();
		while (left > 0 && this.queue.size() < this.maxBatch - 1) {
			TimeUnit.NANOSECONDS.sleep(Math.min(left, GATHER_SLICE_NANOS));
			left = deadline - System.nanoTime();
		}
	}

	private void write(List<ScanEvent> batch, StringBuilder chunk) {
		if (batch.isEmpty()) {
			return;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
			try {
				chunk.setLength(0);
				for (ScanEvent event : batch) {
					row(chunk, event);
					if (chunk.length() >= CHUNK) {
						send(copy, chunk);
					}
				}
				send(copy, chunk);
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
			this.written.addAndGet(batch.size());
		}
		catch (SQLException | RuntimeException ex) {
			this.dropped.addAndGet(batch.size());
			log.warn("Dropped {} scan events: {}", batch.size(), ex.getClass().getSimpleName());
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
		text(out, event.networkPrefix(), 64);
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
