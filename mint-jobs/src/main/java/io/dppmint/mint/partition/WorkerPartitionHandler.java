package io.dppmint.mint.partition;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.messaging.MessageChannel;
import org.springframework.integration.support.MessageBuilder;

/**
 * The manager side of remote partitioning: sends one {@link StepExecutionRequest} per
 * partition into the PostgreSQL-backed request channel, then follows the partitions in
 * the job repository until every one has finished, as Spring Batch's
 * {@code MessageChannelPartitionHandler} does when it polls the repository, with one
 * addition: it notices lost workers and hands their partitions to others.
 * <p>
 * Requests leave the channel before a worker runs them (at most once), so a worker that
 * dies takes its request with it. Every worker holds its partition's
 * {@link PartitionLeases lease} from before the step starts until after its final status
 * is written, so:
 * <ul>
 * <li>a partition that a worker started (status {@code STARTED}) and whose lease nobody
 * holds has lost its worker: its request is sent again at once, and the next worker
 * re-executes the same step execution, which resumes after its last committed chunk (its
 * reader position is in the step's execution context);</li>
 * <li>a partition not claimed for longer than {@code claimTimeout} since its request was
 * sent, while no request waits in the channel any more, lost its request between a
 * worker's poll and its lease (a worker killed in that instant): it is sent again
 * too.</li>
 * </ul>
 * A request sent twice is harmless: a worker runs a partition only under its lease and
 * only while it is still running, so the second copy finds it held or finished and is
 * dropped.
 */
public class WorkerPartitionHandler extends AbstractPartitionHandler {

	private static final Logger log = LoggerFactory.getLogger(WorkerPartitionHandler.class);

	private final String workerStepName;

	private final MessagingTemplate requests;

	private final MessageChannel requestChannel;

	private final JdbcChannelMessageStore store;

	private final Object requestGroup;

	private final JobRepository jobRepository;

	private final PartitionLeases leases;

	private final Duration pollInterval;

	private final Duration claimTimeout;

	WorkerPartitionHandler(String workerStepName, MessageChannel requestChannel, JdbcChannelMessageStore store,
			Object requestGroup, JobRepository jobRepository, PartitionLeases leases,
			RemotePartitioningProperties properties) {
		this.workerStepName = workerStepName;
		this.requests = new MessagingTemplate();
		this.requestChannel = requestChannel;
		this.store = store;
		this.requestGroup = requestGroup;
		this.jobRepository = jobRepository;
		this.leases = leases;
		this.pollInterval = properties.pollInterval();
		this.claimTimeout = properties.claimTimeout();
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution managerStepExecution, Set<StepExecution> partitions)
			throws Exception {
		Map<Long, Long> lastSent = new LinkedHashMap<>();
		for (StepExecution partition : partitions) {
			send(partition.getId(), partitions.size(), lastSent);
		}
		// Partitions handed over after a lost worker, not yet seen claimed again.
		Set<Long> handedOver = new HashSet<>();
		Map<Long, StepExecution> finished = new HashMap<>();
		while (finished.size() < partitions.size()) {
			Thread.sleep(this.pollInterval);
			for (Long id : lastSent.keySet()) {
				if (finished.containsKey(id)) {
					continue;
				}
				// The lease, then the status, then the lease again: a worker takes the
				// lease
				// before it writes STARTED and lets go only after the final status, so a
				// running status between two free leases means the worker is gone.
				boolean leased = this.leases.isHeld(id);
				StepExecution current = this.jobRepository.getStepExecution(id);
				if (current == null) {
					throw new IllegalStateException("Partition step execution " + id + " disappeared");
				}
				if (!current.getStatus().isRunning()) {
					finished.put(id, current);
				}
				else if (leased || this.leases.isHeld(id)) {
					handedOver.remove(id);
				}
				else if (current.getStatus() == BatchStatus.STARTED && handedOver.add(id)) {
					log.warn("The worker running {} (step execution {}) is gone; handing it to another worker",
							current.getStepName(), id);
					send(id, partitions.size(), lastSent);
				}
				else if (requestLost(id, lastSent)) {
					log.warn("The request for {} (step execution {}, {}) was taken but never claimed; sending it again",
							current.getStepName(), id, current.getStatus());
					send(id, partitions.size(), lastSent);
				}
			}
		}
		return new HashSet<>(finished.values());
	}

	private boolean requestLost(long id, Map<Long, Long> lastSent) {
		long waited = System.nanoTime() - lastSent.get(id);
		return waited > this.claimTimeout.toNanos() && this.store.messageGroupSize(this.requestGroup) == 0;
	}

	private void send(long stepExecutionId, int partitions, Map<Long, Long> lastSent) {
		this.requests.send(this.requestChannel,
				MessageBuilder.withPayload(new StepExecutionRequest(this.workerStepName, stepExecutionId))
					.setSequenceSize(partitions)
					.build());
		lastSent.put(stepExecutionId, System.nanoTime());
	}

	/** Whether a status is one a worker may still run. */
	static boolean runnable(BatchStatus status) {
		return status == BatchStatus.STARTING || status == BatchStatus.STARTED;
	}

}
