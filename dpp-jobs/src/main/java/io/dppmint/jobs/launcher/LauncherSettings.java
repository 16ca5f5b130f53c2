package io.dppmint.jobs.launcher;

import java.time.Duration;

/**
 * What a {@link NotifiedLauncher} is configured with; each job app binds its own
 * properties ({@code dpp.mint.launcher}, {@code dpp.export.launcher}) to a record of this
 * shape.
 */
public interface LauncherSettings {

	/** Whether this process picks up work (the command-line tasks do not). */
	boolean enabled();

	/** Jobs this process runs at once. */
	int maxConcurrentJobs();

	/**
	 * How often it also scans for unfinished work: to resume jobs whose process died and
	 * to catch requests made while no launcher listened.
	 */
	Duration sweepInterval();

}
