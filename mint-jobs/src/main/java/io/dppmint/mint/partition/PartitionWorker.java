package io.dppmint.mint.partition;

import java.sql.SQLException;
import java.util.Optional;

import io.dppmint.core.lease.SessionLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The worker side of remote partitioning: runs the partition a request names, under the
 * partition's lease, with Spring Batch's {@link StepExecutionRequestHandler}. A request
 * whose partition another worker holds, or that has finished, is dropped: managers may
 * send a request twice when they think it lost.
 */
class PartitionWorker implements MessageHandler {

	private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

	private final StepExecutionRequestHandler steps;

	private final JobRepository jobRepository;

	private final PartitionLeases leases;

	PartitionWorker(StepExecutionRequestHandler steps, JobRepository jobRepository, PartitionLeases leases) {
		this.steps = steps;
		this.jobRepository = jobRepository;
		this.leases = leases;
	}

	@Override
	public void handleMessage(Message<?> message) {
		if (!(message.getPayload() instanceof StepExecutionRequest request)) {
			log.error("Dropping a message that is no partition request: {}", message.getPayload().getClass());
			return;
		}
		long id = request.getStepExecutionId();
		Optional<SessionLease> lease;
		try {
			lease = this.leases.tryAcquire(id);
		}
		catch (SQLException ex) {
			// The manager sees the partition unclaimed and sends it again.
			log.error("Could not take the lease of step execution {}: {}", id, ex.getMessage());
			return;
		}
		if (lease.isEmpty()) {
			log.info("Step execution {} runs on another worker; dropping the duplicate request", id);
			return;
		}
		try {
			StepExecution current = this.jobRepository.getStepExecution(id);
			if (current == null || !WorkerPartitionHandler.runnable(current.getStatus())) {
				log.info("Step execution {} is {}; nothing to run", id,
						(current != null) ? current.getStatus() : "unknown");
				return;
			}
			log.info("Running {} (step execution {}{})", current.getStepName(), id,
					(current.getStatus() == BatchStatus.STARTED) ? ", resuming after a lost worker" : "");
			StepExecution result = this.steps.handle(request);
			if (result.getStatus() == BatchStatus.FAILED && result.getEndTime() == null) {
				// The step failed before it could record it itself.
				this.jobRepository.update(result);
			}
			log.info("{} (step execution {}) ended {}", current.getStepName(), id, result.getStatus());
		}
		finally {
			// Only now, with the final status written, may the manager see it free.
			lease.get().close();
		}
	}

}