package io.dppmint.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The one real PostgreSQL that tests use: a Testcontainers PostgreSQL 18 where a Docker
 * engine answers, the embedded PostgreSQL 18 server otherwise. Started once per JVM and
 * migrated with whatever {@code db/migration} the test's classpath holds. If neither can
 * start, the error fails the test: database tests are never skipped.
 * <p>
 * The embedded server stops when the JVM exits, after the tasks given to
 * {@link #beforeShutdown(Runnable)} (apps started as processes against it stop while it
 * is still up).
 */
public final class TestPostgres {

	private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

	private static final String DATABASE = "dpp";

	/**
	 * The apps' database roles, as {@code V18__app_roles.sql} creates them (dpp-core's
	 * {@code AppRole}; a test there checks that the three agree).
	 */
	public static final List<String> APP_ROLES = List.of("dpp_resolver", "dpp_console", "dpp_mint", "dpp_export");

	private static final SecureRandom random = new SecureRandom();

	/** The password of every app role in this JVM's test database. */
	private static final String APP_ROLE_PASSWORD = randomPassword();

	private static final Path HOME = Path.of("target", "dpp-home", UUID.randomUUID().toString()).toAbsolutePath();

	private static volatile TestPostgres instance;

	private final String jdbcUrl;

	private final String username;

	private final String password;

	private final HikariDataSource dataSource;

	private final AutoCloseable server;

	private final List<Runnable> beforeShutdown = new CopyOnWriteArrayList<>();

	private TestPostgres(String jdbcUrl, String username, String password, AutoCloseable server) {
		this.server = server;
		this.jdbcUrl = jdbcUrl;
		this.username = username;
		this.password = password;
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setUsername(username);
		config.setPassword(password);
		config.setMaximumPoolSize(20);
		config.setPoolName("test-postgres");
		this.dataSource = new HikariDataSource(config);
	}

	private static RuntimeException failure;

	/** The shared test database, started and migrated on first use. */
	public static TestPostgres get() {
		TestPostgres current = instance;
		if (current == null) {
			synchronized (TestPostgres.class) {
				current = instance;
				if (current == null) {
					// A database that failed once fails every later test at once, instead
					// of each test class starting (and leaving behind) a server of its
					// own.
					if (failure != null) {
						throw new IllegalStateException("The test database could not be started", failure);
					}
					try {
						current = start();
						Runtime.getRuntime().addShutdownHook(new Thread(current::shutdown, "test-postgres-shutdown"));
						current.migrate();
					}
					catch (RuntimeException ex) {
						failure = ex;
						throw ex;
					}
					instance = current;
				}
			}
		}
		return current;
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	/** Connections as the schema's owner (fixtures, assertions, tampering). */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * A {@code DPP_HOME} of this JVM's own under {@code target/} (development secrets,
	 * audit checkpoints): what an app kept there belongs to this JVM's database and keys.
	 */
	public static Path home() {
		return HOME;
	}

	/** The password of every app role ({@link #APP_ROLES}) in the test database. */
	public String appRolePassword() {
		return APP_ROLE_PASSWORD;
	}

	/**
	 * Connections as one app's role, to check what it may and may not do.
	 * @param role one of {@link #APP_ROLES}
	 * @return a data source (no pool) that logs in as it
	 */
	public DataSource dataSourceAs(String role) {
		return dataSourceAs(role, this.jdbcUrl);
	}

	/**
	 * Connections as one app's role to a schema of its own ({@link #freshSchema()}).
	 */
	public DataSource dataSourceAs(String role, Schema schema) {
		return dataSourceAs(role, schema.jdbcUrl());
	}

	private DataSource dataSourceAs(String role, String url) {
		if (!APP_ROLES.contains(role)) {
			throw new IllegalArgumentException("Not an app role: " + role);
		}
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url, role, APP_ROLE_PASSWORD);
	}

	/**
	 * A schema of its own, migrated from scratch, for a test that needs a database state
	 * nobody else shares (no operator yet, an audit chain to tamper with) without
	 * disturbing the shared schema.
	 * @return the schema, with a data source (as the owner) whose search path is it
	 */
	public Schema freshSchema() {
		String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		Flyway.configure()
			.dataSource(this.jdbcUrl, this.username, this.password)
			.schemas(name)
			.defaultSchema(name)
			.locations("classpath:db/migration")
			.load()
			.migrate();
		String url = this.jdbcUrl + (this.jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
		return new Schema(name, url,
				new SimpleDriverDataSource(new org.postgresql.Driver(), url, this.username, this.password));
	}

	/**
	 * A schema of its own ({@link #freshSchema()}).
	 *
	 * @param name its name
	 * @param jdbcUrl a JDBC URL whose search path is the schema
	 * @param dataSource connections to it as the owner
	 */
	public record Schema(String name, String jdbcUrl, DataSource dataSource) {
	}

	/**
	 * Run {@code task} when the JVM exits, before the database stops (tasks given later
	 * run first).
	 */
	public void beforeShutdown(Runnable task) {
		this.beforeShutdown.addFirst(task);
	}

	private void shutdown() {
		for (Runnable task : this.beforeShutdown) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.warn("A shutdown task failed", ex);
			}
		}
		this.dataSource.close();
		if (this.server != null) {
			try {
				this.server.close();
			}
			catch (Exception ex) {
				log.warn("Could not stop the embedded PostgreSQL", ex);
			}
		}
	}

	private void migrate() {
		if (Thread.currentThread().getContextClassLoader().getResource("db/migration") == null) {
			return;
		}
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
	}

	/**
	 * Create the apps' roles with this JVM's test password, as a DBA does before the
	 * first deployment (the migrations grant them their rights): apps log in as their
	 * roles from their first start, before anything is migrated.
	 */
	static void createAppRoles(Connection superuser) throws SQLException {
		try (Statement statement = superuser.createStatement()) {
			for (String role : APP_ROLES) {
				try (var rows = statement.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
					if (!rows.next()) {
						statement.execute("create role " + role + " login");
					}
				}
				superuser.unwrap(PGConnection.class)
					.alterUserPassword(role, APP_ROLE_PASSWORD.toCharArray(), "scram-sha-256");
			}
		}
	}

	private static TestPostgres start() {
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:18").withDatabaseName(DATABASE);
			container.start();
			log.info("Tests use PostgreSQL in a container at {}", container.getJdbcUrl());
			try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(),
					container.getPassword())) {
				createAppRoles(connection);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not create the apps' roles", ex);
			}
			// Testcontainers' reaper removes the container when the JVM exits.
			return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(), null);
		}
		try {
			Path dataDirectory = Files.createTempDirectory("dpp-test-postgres");
			String superuserPassword = randomPassword();
			Path passwordFile = Files.createTempFile("dpp-test-postgres", ".password",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(passwordFile, superuserPassword + "\n");
			// As the platform's embedded server: passwords for every role, none trusted.
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(true)
				.setLocaleConfig("auth", "scram-sha-256")
				.setLocaleConfig("pwfile", passwordFile.toString())
				.setConnectConfig("password", superuserPassword)
				.setServerConfig("max_connections", "300")
				.setServerConfig("shared_buffers", "256MB")
				.setServerConfig("max_wal_size", "4GB")
				// Stopped by this class's own hook, after the tasks that need it.
				.setRegisterShutdownHook(false)
				.start();
			Files.delete(passwordFile);
			String ownerPassword = randomPassword();
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				// The schema's owner, as on the platform's embedded server: no superuser,
				// creating no roles (the apps' are made here, as a DBA would).
				statement.execute("create role dpp login");
				connection.unwrap(PGConnection.class)
					.alterUserPassword("dpp", ownerPassword.toCharArray(), "scram-sha-256");
				statement.execute("create database " + DATABASE + " owner dpp");
				// Tests play the operator who ends a process's database session (a lost
				// lease); the apps' sessions are their roles', not the owner's.
				statement.execute("grant pg_signal_backend to dpp");
				createAppRoles(connection);
			}
			String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
			log.info("No Docker engine: tests use the embedded PostgreSQL at {}", url);
			return new TestPostgres(url, "dpp", ownerPassword, postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare the embedded PostgreSQL for tests", ex);
		}
	}

	static String randomPassword() {
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
