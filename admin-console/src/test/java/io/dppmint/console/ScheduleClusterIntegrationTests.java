package io.dppmint.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two console replicas' schedulers (the app's own and a second one built from the same
 * settings, as another replica would run it) share the Quartz cluster on the real
 * PostgreSQL: a schedule firing every two seconds runs at each of its fire times exactly
 * once, none missed and none twice.
 */
@TestPropertySource(properties = "dpp.console.schedules.minimum-interval=1s")
class ScheduleClusterIntegrationTests extends ApiTestSupport {

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	QuartzProperties quartzProperties;

	@Autowired
	ApplicationContext context;

	@Autowired
	Scheduler scheduler;

	@Test
	void eachFireTimeRunsInExactlyOneReplica() throws Exception {
		SchedulerFactoryBean replica = secondReplica();
		try {
			assertThat(replica.getScheduler().getSchedulerInstanceId())
				.isNotEqualTo(this.scheduler.getSchedulerInstanceId());
			Tenant tenant = tenant();
			long id = api(tenant)
				.post("/api/v1/schedules",
						Map.of("name", "Every two seconds", "kind", "export_minted", "cron", "*/2 * * * * ?"))
				.json()
				.path("id")
				.asLong();
			List<Instant> fireTimes = awaitFinishedRuns(id, 5);
			api(tenant).send("DELETE", "/api/v1/schedules/" + id, null, Map.of());

			// Consecutive fire times of the cron expression: none missed.
			for (int i = 1; i < fireTimes.size(); i++) {
				assertThat(Duration.between(fireTimes.get(i - 1), fireTimes.get(i))).isEqualTo(Duration.ofSeconds(2));
			}
			// None twice: one audited run per fire time, whichever replica ran it.
			List<String> audited = this.jdbc.sql("""
					select details ->> 'fireTime' from audit_events
					where entity_type = 'schedule' and entity_id = ? and action = 'ran'""")
				.param(Long.toString(id))
				.query(String.class)
				.list();
			assertThat(audited).doesNotHaveDuplicates().containsAll(fireTimes.stream().map(Instant::toString).toList());
		}
		finally {
			replica.destroy();
		}
	}

	private SchedulerFactoryBean secondReplica() throws Exception {
		SchedulerFactoryBean replica = new SchedulerFactoryBean();
		replica.setDataSource(this.dataSource);
		replica.setTransactionManager(this.transactionManager);
		replica.setSchedulerName(this.quartzProperties.getSchedulerName());
		Properties properties = new Properties();
		properties.putAll(this.quartzProperties.getProperties());
		replica.setQuartzProperties(properties);
		SpringBeanJobFactory jobFactory = new SpringBeanJobFactory();
		jobFactory.setApplicationContext(this.context);
		replica.setJobFactory(jobFactory);
		replica.setApplicationContext(this.context);
		replica.afterPropertiesSet();
		replica.start();
		return replica;
	}

	/** The fire times of the schedule's first {@code count} finished runs, in order. */
	private List<Instant> awaitFinishedRuns(long id, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		while (System.nanoTime() < deadline) {
			List<Instant> fireTimes = this.jdbc.sql("""
					select fire_time from schedule_runs where schedule_id = ? and outcome = 'succeeded'
					order by fire_time""")
				.param(id)
				.query(java.sql.Timestamp.class)
				.list()
				.stream()
				.map(java.sql.Timestamp::toInstant)
				.toList();
			if (fireTimes.size() >= count) {
				return fireTimes;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Schedule " + id + " did not run " + count + " times in 40 s");
	}

}
