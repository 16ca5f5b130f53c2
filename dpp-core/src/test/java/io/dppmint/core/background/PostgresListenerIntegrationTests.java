package io.dppmint.core.background;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.dppmint.testsupport.SilentProxy;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one LISTEN loop, against a real PostgreSQL: notifications arrive after the handler
 * was told it listens; a connection the server ends is noticed and listened on again; and
 * a connection that dies in silence (a NAT or proxy dropping it without a word, simulated
 * by a proxy that stops forwarding) is noticed by the probe within seconds.
 */
class PostgresListenerIntegrationTests {

	private final TestPostgres postgres = TestPostgres.get();

	private final JdbcClient jdbc = JdbcClient.create(this.postgres.dataSource());

	@Test
	void deliversNotificationsCommittedAfterItListens() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		PostgresListener listener = PostgresListener
			.named("listener-test", database(this.postgres.jdbcUrl()), "dpp_test_one", "dpp_test_two")
			.tick(Duration.ofMillis(200))
			.handler(handler);
		listener.start();
		try {
			assertThat(handler.events.poll(10, TimeUnit.SECONDS)).isEqualTo("listening");
			notify("dpp_test_one", "42");
			notify("dpp_test_two", "43");
			notify("dpp_test_other", "44");

			assertThat(handler.nextNotification()).isEqualTo("dpp_test_one:42");
			assertThat(handler.nextNotification()).isEqualTo("dpp_test_two:43");
			assertThat(handler.nextNotification()).isNull();
			assertThat(handler.ticks).isNotEmpty();
		}
		finally {
			listener.stop();
		}
		assertThat(handler.events).contains("lost");
	}

	@Test
	void listensAgainAfterTheServerEndsItsSession() throws Exception {
		RecordingHandler handler = new RecordingHandler();
		PostgresListener listener = PostgresListener
			.named("listener-reconnect", database(this.postgres.jdbcUrl()), "dpp_test_reconnect")
			.handler(handler);
		listener.start();
		try {
			assertThat(handler.events.poll(10, TimeUnit.SECONDS)).isEqualTo("listening");
			int terminated = this.jdbc
				.sql("""
						select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = 'listener-reconnect'""")
				.query(Integer.class)
				.single();
			assertThat(terminated).isPositive();

			assertThat(handler.nextEvent(10)).isEqualTo("lost");
			assertThat(handler.nextEvent(10)).isEqualTo("listening");
			notify("dpp_test_reconnect", "7");
			assertThat(handler.nextNotification()).isEqualTo("dpp_test_reconnect:7");
		}
		finally {
			listener.stop();
		}
	}

	@Test
	void noticesAConnectionThatDiedSilentlyWithinItsProbe() throws Exception {
		URI target = URI.create(this.postgres.jdbcUrl().substring("jdbc:".length()));
		try (SilentProxy proxy = new SilentProxy(target.getHost(), target.getPort())) {
			String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath();
			RecordingHandler handler = new RecordingHandler();
			PostgresListener listener = PostgresListener.named("listener-test", database(proxied), "dpp_test_silent")
				.probe(Duration.ofSeconds(1), Duration.ofSeconds(1))
				.handler(handler);
			listener.start();
			try {
				assertThat(handler.events.poll(10, TimeUnit.SECONDS)).isEqualTo("listening");
				long cut = System.nanoTime();
				proxy.goSilent();

				assertThat(handler.nextEvent(10)).isEqualTo("lost");
				assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(Duration.ofSeconds(5));
				proxy.speakAgain();
				assertThat(handler.nextEvent(15)).isEqualTo("listening");
				notify("dpp_test_silent", "9");
				assertThat(handler.nextNotification()).isEqualTo("dpp_test_silent:9");
			}
			finally {
				listener.stop();
			}
		}
	}

	private void notify(String channel, String payload) {
		this.jdbc.sql("select pg_notify(?, ?)").param(channel).param(payload).query().singleRow();
	}

	private JdbcConnectionDetails database(String url) {
		return new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return url;
			}

			@Override
			public String getUsername() {
				return PostgresListenerIntegrationTests.this.postgres.username();
			}

			@Override
			public String getPassword() {
				return PostgresListenerIntegrationTests.this.postgres.password();
			}

		};
	}

	private static final class RecordingHandler implements PostgresListener.Handler {

		private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

		private final BlockingQueue<String> notifications = new LinkedBlockingQueue<>();

		private final List<Long> ticks = new CopyOnWriteArrayList<>();

		@Override
		public void listening(Connection connection) throws SQLException {
			assertThat(connection.isValid(1)).isTrue();
			this.events.add("listening");
		}

		@Override
		public void notified(String channel, String payload) {
			this.notifications.add(channel + ":" + payload);
		}

		@Override
		public void lost() {
			this.events.add("lost");
		}

		@Override
		public void tick() {
			this.ticks.add(System.nanoTime());
		}

		String nextEvent(int seconds) throws InterruptedException {
			return this.events.poll(seconds, TimeUnit.SECONDS);
		}

		String nextNotification() throws InterruptedException {
			return this.notifications.poll(2, TimeUnit.SECONDS);
		}

	}

}
