package io.dppmint.mint.partition;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Remote partitioning settings.
 *
 * @param pollInterval how often a manager reads its partitions' states from the job
 * repository (and looks for lost workers)
 * @param claimTimeout how long a partition request may stay unclaimed, with no request
 * left waiting in the channel, before the manager concludes it was lost on its way and
 * sends it again
 * @param workerThreads partitions a worker process runs at once
 */
@ConfigurationProperties("dpp.mint.remote")
public record RemotePartitioningProperties(@DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("10s") Duration claimTimeout, @DefaultValue("4") int workerThreads) {

	public RemotePartitioningProperties {
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("dpp.mint.remote.poll-interval must be positive");
		}
		if (claimTimeout.compareTo(pollInterval) < 0) {
			throw new IllegalArgumentException("dpp.mint.remote.claim-timeout must be at least the poll interval");
		}
		if (workerThreads < 1) {
			throw new IllegalArgumentException("dpp.mint.remote.worker-threads must be positive");
		}
	}

}
