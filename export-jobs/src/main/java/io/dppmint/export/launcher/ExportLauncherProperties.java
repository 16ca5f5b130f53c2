package io.dppmint.export.launcher;

import java.time.Duration;

import io.dppmint.jobs.launcher.LauncherSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The background launcher of the export-jobs app.
 *
 * @param enabled whether this process picks up requested exports (the command-line task
 * does not)
 * @param maxConcurrentJobs exports this process runs at once
 * @param sweepInterval how often it also scans for pending exports and expired leases, to
 * take over exports whose process died and catch requests made while no launcher listened
 */
@ConfigurationProperties("dpp.export.launcher")
public record ExportLauncherProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2") int maxConcurrentJobs,
		@DefaultValue("15s") Duration sweepInterval) implements LauncherSettings {

}
