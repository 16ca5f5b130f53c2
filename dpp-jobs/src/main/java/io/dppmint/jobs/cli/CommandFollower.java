package io.dppmint.jobs.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import io.dppmint.core.background.BackgroundLoop;

/**
 * What a job command does once its request is accepted: runs the instance's job here, or,
 * if another process got to it first, follows that process and takes over if it dies,
 * until the instance has finished; meanwhile a progress bar shows how far it is.
 */
public final class CommandFollower {

	private static final Duration REFRESH = Duration.ofMillis(250);

	private static final Duration FOLLOW = Duration.ofMillis(500);

	private CommandFollower() {
	}

	/**
	 * Run or follow an instance to its end.
	 * @param <T> what the instance reads as
	 * @param id the instance
	 * @param run runs the instance here if its lease is free (a
	 * {@link io.dppmint.jobs.runner.LeasedJobRunner}); returns whether it ran
	 * @param read reads the instance now
	 * @param progress how far an instance read is
	 * @param out where the progress bar goes
	 * @return the instance as it ended
	 * @throws InterruptedException if interrupted while following
	 */
	public static <T> T runToEnd(long id, LongPredicate run, Supplier<T> read, Function<T, Progress> progress,
			PrintStream out) throws InterruptedException {
		ProgressBar bar = new ProgressBar(out, System.console() != null);
		BackgroundLoop reporter = BackgroundLoop.named("progress")
			.every(REFRESH, () -> show(bar, progress.apply(read.get())));
		reporter.start();
		try {
			while (true) {
				T current = read.get();
				if (progress.apply(current).finished()) {
					return current;
				}
				if (!run.test(id)) {
					// Another process runs it: follow it, and take over if it dies.
					Thread.sleep(FOLLOW);
				}
			}
		}
		finally {
			reporter.stop();
			show(bar, progress.apply(read.get()));
			bar.finish();
		}
	}

	private static void show(ProgressBar bar, Progress progress) {
		synchronized (bar) {
			bar.show(progress.done(), progress.total(), progress.status());
		}
	}

	/**
	 * How far an instance is.
	 *
	 * @param done units (or packs) done
	 * @param total units (or packs) to do
	 * @param status its status, as users read it
	 * @param finished whether it has ended, one way or the other
	 */
	public record Progress(long done, long total, String status, boolean finished) {

	}

}
