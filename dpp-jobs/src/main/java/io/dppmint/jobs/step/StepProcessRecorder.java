package io.dppmint.jobs.step;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records which process runs each step execution ({@code job_step_processes}), for the
 * console's job timeline: with remote partitioning a job's partitions run in several
 * worker processes, and Spring Batch's job repository does not say which. The process is
 * named {@code <app>@<host>:<pid>}, as an operator finds it in the process list or the
 * pod. A partition handed to another worker after its own died is the same step execution
 * run on: its record then names both, in order. Recording is best effort: a failure to
 * record is logged, never fails the step.
 */
public final class StepProcessRecorder implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(StepProcessRecorder.class);

	private final JdbcClient jdbc;

	private final String process;

	/**
	 * @param jdbc the job repository's database
	 * @param application the app's name ({@code spring.application.name})
	 */
	public StepProcessRecorder(JdbcClient jdbc, String application) {
		this.jdbc = jdbc;
		this.process = processName(application);
	}

	/** This process as the timeline names it: {@code mint-jobs@host:4711}. */
	public String process() {
		return this.process;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		try {
			this.jdbc.sql("""
					insert into job_step_processes (step_execution_id, job_execution_id, process)
					values (:step, :job, :process)
					on conflict (step_execution_id) do update
						set process = job_step_processes.process || ' → ' || excluded.process, recorded_at = now()
						where job_step_processes.process not like '%' || excluded.process""")
				.param("step", stepExecution.getId())
				.param("job", stepExecution.getJobExecutionId())
				.param("process", this.process)
				.update();
		}
		catch (DataAccessException ex) {
			log.warn("Could not record that {} runs step execution {}", this.process, stepExecution.getId(), ex);
		}
	}

	static String processName(String application) {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return application + "@" + host + ":" + ProcessHandle.current().pid();
	}

}
