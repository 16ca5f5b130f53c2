package io.dppmint.mint.partition;

import java.sql.DriverManager;
import java.time.Duration;

import javax.sql.DataSource;

import org.postgresql.jdbc.PgConnection;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.channel.PostgresChannelMessageTableSubscriber;
import org.springframework.integration.jdbc.channel.PostgresSubscribableChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Remote partitioning over PostgreSQL ({@code dpp.mint.role=manager} or {@code worker}):
 * partition requests are Spring Integration messages in the JDBC channel message store
 * ({@code int_channel_message}, region {@value #REGION}, group {@value #REQUESTS}).
 * Managers append to it through a {@link QueueChannel} over that group; the insert
 * trigger NOTIFYs, and workers, subscribed through a {@link PostgresSubscribableChannel}
 * (LISTEN on a dedicated connection), take requests one at a time per free worker thread.
 * The manager learns of completion from the job repository. In the default standalone
 * role none of this exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${dpp.mint.role:standalone}' != 'standalone'")
@EnableConfigurationProperties(RemotePartitioningProperties.class)
public class RemotePartitioningConfiguration {

	/** The store region of mint partition requests. */
	public static final String REGION = "dpp-mint";

	/** The message group (channel) of mint partition requests. */
	public static final String REQUESTS = "mint-partition-requests";

	@Bean
	JdbcChannelMessageStore mintPartitionMessageStore(DataSource dataSource) {
		JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
		store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
		store.setRegion(REGION);
		// Requests are Java-serialized; only these classes may be read back.
		store.addAllowedPatterns("org.springframework.batch.integration.partition.StepExecutionRequest",
				"org.springframework.messaging.support.GenericMessage", "org.springframework.messaging.MessageHeaders",
				"java.util.*", "java.lang.*");
		return store;
	}

	@Bean
	PartitionLeases partitionLeases(JdbcConnectionDetails database, JdbcClient jdbc) {
		return new PartitionLeases(database, jdbc);
	}

	@Bean
	@ConditionalOnExpression("'${dpp.mint.role:standalone}' == 'manager'")
	PartitionHandler mintPartitionHandler(JdbcChannelMessageStore mintPartitionMessageStore,
			JobRepository jobRepository, PartitionLeases partitionLeases, RemotePartitioningProperties properties) {
		QueueChannel requests = new QueueChannel(new MessageGroupQueue(mintPartitionMessageStore, REQUESTS));
		return new WorkerPartitionHandler("mintTokensStep", requests, mintPartitionMessageStore, REQUESTS,
				jobRepository, partitionLeases, properties);
	}

	@Bean
	@ConditionalOnExpression("'${dpp.mint.role:standalone}' == 'worker'")
	PostgresChannelMessageTableSubscriber mintPartitionSubscriber(JdbcConnectionDetails database) {
		// LISTEN needs a connection of its own, outside the pool.
		PostgresChannelMessageTableSubscriber subscriber = new PostgresChannelMessageTableSubscriber(
				new BackingOffConnectionSupplier(() -> DriverManager
					.getConnection(database.getJdbcUrl(), database.getUsername(), database.getPassword())
					.unwrap(PgConnection.class)));
		SimpleAsyncTaskExecutor listener = new SimpleAsyncTaskExecutor("mint-partition-listener-");
		listener.setVirtualThreads(true);
		subscriber.setTaskExecutor(listener);
		return subscriber;
	}

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnExpression("'${dpp.mint.role:standalone}' == 'worker'")
	ThreadPoolTaskExecutor mintPartitionWorkerExecutor(RemotePartitioningProperties properties) {
		// Each thread takes the next request only when it is free, so a busy worker
		// leaves requests to idle ones.
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(properties.workerThreads());
		executor.setMaxPoolSize(properties.workerThreads());
		executor.setThreadNamePrefix("mint-partition-worker-");
		// A worker that is asked to stop finishes the partitions it runs (a partition
		// is seconds of work) rather than leaving them to the lost-worker path.
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(120);
		executor.initialize();
		return executor;
	}

	@Bean
	@ConditionalOnExpression("'${dpp.mint.role:standalone}' == 'worker'")
	PostgresSubscribableChannel mintPartitionRequests(JdbcChannelMessageStore mintPartitionMessageStore,
			PostgresChannelMessageTableSubscriber mintPartitionSubscriber,
			ThreadPoolTaskExecutor mintPartitionWorkerExecutor) {
		PostgresSubscribableChannel channel = new PostgresSubscribableChannel(mintPartitionMessageStore, REQUESTS,
				mintPartitionSubscriber);
		channel.setDispatcherExecutor(mintPartitionWorkerExecutor);
		// The channel retries a failed poll at once, for as long as it fails: with the
		// database unreachable that is a busy loop. Pause between attempts instead.
		channel.setErrorHandler(new PausingErrorHandler(Duration.ofSeconds(1)));
		return channel;
	}

	@Bean
	@ConditionalOnExpression("'${dpp.mint.role:standalone}' == 'worker'")
	PartitionWorkerSubscription mintPartitionWorker(PostgresSubscribableChannel mintPartitionRequests,
			JobRepository jobRepository, PartitionLeases partitionLeases, BeanFactory beanFactory) {
		StepExecutionRequestHandler steps = new StepExecutionRequestHandler();
		steps.setJobRepository(jobRepository);
		BeanFactoryStepLocator locator = new BeanFactoryStepLocator();
		locator.setBeanFactory(beanFactory);
		steps.setStepLocator(locator);
		return new PartitionWorkerSubscription(mintPartitionRequests,
				new PartitionWorker(steps, jobRepository, partitionLeases));
	}

}
