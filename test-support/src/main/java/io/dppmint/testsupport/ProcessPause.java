package io.dppmint.testsupport;

import java.io.IOException;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pauses and resumes a process with {@code SIGSTOP} and {@code SIGCONT}: a process that
 * stalls (a long GC pause, a frozen VM, a lost network) and wakes up later, unaware of
 * what happened meanwhile. For tests of leases and fencing.
 */
public final class ProcessPause {

	private ProcessPause() {
	}

	/**
	 * Pause a process at a moment when it holds no write transaction open in the test
	 * database (so that what others do meanwhile never waits for its locks): pauses it,
	 * and while some session has a transaction that wrote (idle, or in the middle of a
	 * statement such as a {@code COPY} still receiving rows), lets it run a moment and
	 * tries again. A paused {@code COPY} is {@code active}, not idle, in
	 * {@code pg_stat_activity}: only the transaction id tells that it holds rows another
	 * process writing the same keys would wait for, forever.
	 * @param process the process
	 * @param jdbc the test database
	 * @param timeout how long to keep trying
	 */
	public static void pauseOutsideTransactions(Process process, JdbcClient jdbc, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			signal(process, "STOP");
			boolean writing = jdbc
				.sql("""
						select exists (select 1 from pg_stat_activity
							where pid <> pg_backend_pid() and backend_type = 'client backend' and backend_xid is not null)""")
				.query(Boolean.class)
				.single();
			if (!writing) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Process " + process.pid() + " never paused outside a write transaction");
			}
			signal(process, "CONT");
			Thread.sleep(20);
		}
	}

	/** Let a paused process run on (nothing to do if it has ended). */
	public static void resume(Process process) throws InterruptedException {
		if (process.isAlive()) {
			signal(process, "CONT");
		}
	}

	private static void signal(Process process, String signal) throws InterruptedException {
		try {
			int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO()
				.start()
				.waitFor();
			if (exit != 0) {
				throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited " + exit);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not send SIG" + signal + " to " + process.pid(), ex);
		}
	}

}
