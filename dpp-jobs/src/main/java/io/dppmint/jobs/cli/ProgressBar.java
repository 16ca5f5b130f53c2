package io.dppmint.jobs.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on a terminal ({@code \r}-redrawn), or a line per tenth of the
 * work when the output is not a terminal (a scheduler's log).
 */
public final class ProgressBar {

	private static final int WIDTH = 40;

	private final PrintStream out;

	private final boolean terminal;

	private int lastTenth = -1;

	public ProgressBar(PrintStream out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	public void show(long done, long total, String status) {
		int percent = (int) ((total == 0) ? 100 : done * 100 / total);
		if (this.terminal) {
			int filled = percent * WIDTH / 100;
			this.out.printf("\r[%s%s] %3d%% %,d/%,d %s  ", "#".repeat(filled), " ".repeat(WIDTH - filled), percent,
					done, total, status);
			this.out.flush();
		}
		else if (percent / 10 != this.lastTenth) {
			this.lastTenth = percent / 10;
			this.out.printf("%3d%% %,d/%,d %s%n", percent, done, total, status);
		}
	}

	public void finish() {
		if (this.terminal) {
			this.out.println();
		}
	}

}
