package io.dppmint.core.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerIntegrationTests {

	@TempDir
	Path home;

	@Test
	void startsOnceAttachesAfterwardsAndKeepsDataAcrossRestarts() throws IOException {
		int port = freePort();
		Path data = this.home.resolve("postgres");

		try (EmbeddedPostgresServer first = EmbeddedPostgresServer.attachOrStart(data, port)) {
			assertThat(first.owner()).isTrue();
			try (EmbeddedPostgresServer second = EmbeddedPostgresServer.attachOrStart(data, port)) {
				assertThat(second.owner()).isFalse();
				assertThat(second.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/dpp");
			}
			JdbcClient jdbc = client(first);
			jdbc.sql("create table kept (value text)").update();
			jdbc.sql("insert into kept values ('survives a restart')").update();
			assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
			assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
			assertThat(jdbc.sql("show listen_addresses").query(String.class).single()).isEqualTo("127.0.0.1");
		}

		try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.attachOrStart(data, port)) {
			assertThat(restarted.owner()).isTrue();
			assertThat(client(restarted).sql("select value from kept").query(String.class).single())
				.isEqualTo("survives a restart");
		}
	}

	private static JdbcClient client(EmbeddedPostgresServer server) {
		return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), server.jdbcUrl(),
				EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
