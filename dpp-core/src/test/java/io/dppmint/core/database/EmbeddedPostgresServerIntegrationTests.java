package io.dppmint.core.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

	@Test
	void letsNoRoleInWithoutItsPasswordAndKeepsThePasswordsOwnerOnly() throws IOException {
		int port = freePort();
		Path data = this.home.resolve("postgres");

		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.attachOrStart(data, port)) {
			String url = server.jdbcUrl();
			String postgresUrl = url.replace("/dpp", "/postgres");
			for (String role : List.of(EmbeddedPostgresServer.SUPERUSER, EmbeddedPostgresServer.OWNER)) {
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> DriverManager.getConnection(postgresUrl, role, "guess").close())
					.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> DriverManager.getConnection(postgresUrl, role, "dpp").close())
					.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
			}
			assertThat(client(server).sql("select current_user").query(String.class).single()).isEqualTo("dpp");
			assertThat(client(server).sql("select rolsuper from pg_roles where rolname = 'dpp'")
				.query(Boolean.class)
				.single()).isFalse();
			assertThat(Files.readAllLines(data.resolve("pg_hba.conf"))).filteredOn((line) -> !line.startsWith("#"))
				.noneMatch((line) -> line.contains("trust"));
		}
		assertThat(permissions(this.home.resolve("secrets"))).isEqualTo("rwx------");
		assertThat(permissions(this.home.resolve("secrets/db-postgres.password"))).isEqualTo("rw-------");
		assertThat(permissions(this.home.resolve("secrets/db-dpp.password"))).isEqualTo("rw-------");
	}

	@Test
	void convertsAClusterThatTrustedEveryLocalUser() throws IOException {
		int port = freePort();
		Path data = this.home.resolve("postgres");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.attachOrStart(data, port)) {
			assertThat(server.owner()).isTrue();
		}
		// As clusters made before passwords were required were set up.
		Path hba = data.resolve("pg_hba.conf");
		Files.writeString(hba, Files.readString(hba).replace("scram-sha-256", "trust"));

		try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.attachOrStart(data, port)) {
			assertThat(client(restarted).sql("select 1").query(Integer.class).single()).isOne();
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> DriverManager.getConnection(restarted.jdbcUrl(), "postgres", "guess").close())
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
		}
	}

	private JdbcClient client(EmbeddedPostgresServer server) {
		return JdbcClient.create(
				new SimpleDriverDataSource(new org.postgresql.Driver(), server.jdbcUrl(), EmbeddedPostgresServer.OWNER,
						EmbeddedPostgresServer.password(this.home, EmbeddedPostgresServer.OWNER)));
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
