package io.dppmint.console.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;

/**
 * The Quartz job of every schedule: the schedule's id is its job data. Quartz
 * instantiates it through Spring (Boot's job factory autowires the constructor). One
 * execution per schedule at a time, across the cluster.
 */
@DisallowConcurrentExecution
class ScheduledWorkJob implements Job {

	static final String SCHEDULE_ID = "scheduleId";

	private final ScheduledWork work;

	ScheduledWorkJob(ScheduledWork work) {
		this.work = work;
	}

	@Override
	public void execute(JobExecutionContext context) {
		long scheduleId = context.getMergedJobDataMap().getLong(SCHEDULE_ID);
		String instance;
		try {
			instance = context.getScheduler().getSchedulerInstanceId();
		}
		catch (SchedulerException ex) {
			instance = "unknown";
		}
		this.work.run(scheduleId, context.getScheduledFireTime().toInstant(), instance);
	}

}
