package io.dppmint.benchmarks.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One benchmark at a time per {@code $DPP_HOME}: an OS file lock on
 * {@code $DPP_HOME/bench/benchmark.lock}, released when the run ends (or its process
 * dies). Two runs would share the database and the cores and disturb each other's
 * figures, and the benchmarks' embedded server found running without a lock holder is
 * known to be left over from a killed run.
 */
final class BenchmarkLock implements AutoCloseable {

	private final FileChannel channel;

	private final FileLock lock;

	private BenchmarkLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	static BenchmarkLock acquire(Path home) {
		Path file = home.resolve("benchmark.lock");
		try {
			Files.createDirectories(home);
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				throw new IllegalStateException("Another benchmark is running with this DPP_HOME (it holds " + file
						+ "); wait for it to end: two at once would disturb each other's figures");
			}
			return new BenchmarkLock(channel, lock);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not lock " + file, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.lock.release();
			this.channel.close();
		}
		catch (IOException ex) {
			// The lock goes with the channel, or with the process.
		}
	}

}
