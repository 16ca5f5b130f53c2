package io.dppmint.mint.launcher;

import java.time.Duration;

import io.dppmint.jobs.launcher.LauncherSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The background launcher of the mint-jobs app.
 *
 * @param enabled whether this process picks up queued batches (the command-line task does
 * not)
 * @param maxConcurrentJobs mint jobs this process runs at once
 * @param sweepInterval how often it also scans for unfinished batches, to resume
 * interrupted jobs and catch requests queued while no launcher listened
 */
@ConfigurationProperties("dpp.mint.launcher")
public record MintLauncherProperties(@DefaultValue("true") boolean enabled, @DefaultValue("4") int maxConcurrentJobs,
		@DefaultValue("15s") Duration sweepInterval) implements LauncherSettings {

}
