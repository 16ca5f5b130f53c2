package io.dppmint.jobs.runner;

import org.springframework.batch.core.job.JobExecution;

/**
 * Why a job execution failed, said for people: the first failure whose root cause is not
 * Spring Batch's own bookkeeping (a partition manager only reports that a partition
 * failed; the worker's failure says why).
 */
public final class JobFailures {

	private JobFailures() {
	}

	/**
	 * The reason an execution ended without completing.
	 * @param jobExecution the execution
	 * @return its first telling failure's root message, or its status
	 */
	public static String reason(JobExecution jobExecution) {
		return jobExecution.getAllFailureExceptions()
			.stream()
			.filter((failure) -> !rootCause(failure).getClass().getName().startsWith("org.springframework.batch"))
			.findFirst()
			.or(() -> jobExecution.getAllFailureExceptions().stream().findFirst())
			.map(JobFailures::rootMessage)
			.orElse("Job execution " + jobExecution.getId() + " ended " + jobExecution.getStatus());
	}

	static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	static String rootMessage(Throwable failure) {
		Throwable root = rootCause(failure);
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == failure) ? message : failure.getClass().getSimpleName() + ": " + message;
	}

}
