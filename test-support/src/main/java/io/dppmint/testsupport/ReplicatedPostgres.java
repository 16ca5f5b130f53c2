package io.dppmint.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A primary PostgreSQL 18 and its streaming replica, both embedded servers of their own
 * (not the shared {@link TestPostgres}, which other tests keep using): for tests of what
 * happens when the primary stops. The primary is set up as the platform's database is
 * (owner {@code dpp}, the apps' roles with this JVM's test password, migrated); the
 * replica is a physical copy of it in hot-standby mode, streaming from it as
 * {@value #REPLICATION_ROLE}, so it serves reads and refuses writes.
 * <p>
 * The copy is a cold one (the primary is stopped cleanly while its folder is copied),
 * which PostgreSQL documents as a valid base backup ("File System Level Backup", and the
 * standby set up as "Setting Up a Standby Server": {@code standby.signal} and
 * {@code primary_conninfo}).
 */
public final class ReplicatedPostgres implements AutoCloseable {

	/** The role the replica streams as. */
	public static final String REPLICATION_ROLE = "dpp_replication";

	private static final String DATABASE = "dpp";

	private static final String OWNER = "dpp";

	/** Files of a running server that a copy must not take along. */
	private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

	private final Path primaryDirectory;

	private final Path replicaDirectory;

	private final String superuserPassword = TestPostgres.randomPassword();

	private final String ownerPassword = TestPostgres.randomPassword();

	private final String replicationPassword = TestPostgres.randomPassword();

	private int primaryPort;

	private EmbeddedPostgres primary;

	private EmbeddedPostgres replica;

	private ReplicatedPostgres(Path root) {
		this.primaryDirectory = root.resolve("primary");
		this.replicaDirectory = root.resolve("replica");
	}

	/**
	 * Start a migrated primary and its replica, streaming.
	 * @return the pair
	 */
	public static ReplicatedPostgres start() {
		try {
			ReplicatedPostgres pair = new ReplicatedPostgres(Files.createTempDirectory("dpp-replicated-postgres"));
			pair.initialisePrimary();
			pair.makeReplica();
			return pair;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a primary and its replica", ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare a primary and its replica", ex);
		}
	}

	/** The primary's JDBC URL (its port stays the same across a stop and start). */
	public String primaryUrl() {
		return url(this.primaryPort);
	}

	/** The replica's JDBC URL. */
	public String replicaUrl() {
		return url(this.replica.getPort());
	}

	/** Connections to the primary as the schema's owner (fixtures, assertions). */
	public DataSource primaryAsOwner() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), primaryUrl(), OWNER, this.ownerPassword);
	}

	/** Connections to the replica as the schema's owner (read only). */
	public DataSource replicaAsOwner() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), replicaUrl(), OWNER, this.ownerPassword);
	}

	/** The owner's password, for an app that migrates. */
	public String ownerPassword() {
		return this.ownerPassword;
	}

	/**
	 * Stop the primary (a fast shutdown: sessions are ended, nothing committed is lost).
	 */
	public void stopPrimary() throws IOException {
		this.primary.close();
		this.primary = null;
	}

	/** Start the stopped primary again, on its port; the replica reconnects by itself. */
	public void startPrimary() throws IOException {
		this.primary = server(this.primaryDirectory, this.primaryPort);
	}

	/**
	 * Wait until the replica has replayed everything the primary has written so far.
	 * @param timeout the longest wait
	 */
	public void awaitReplayed(Duration timeout) throws InterruptedException {
		String primaryPosition = JdbcClient.create(primaryAsOwner())
			.sql("select pg_current_wal_lsn()::text")
			.query(String.class)
			.single();
		JdbcClient replica = JdbcClient.create(replicaAsOwner());
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Boolean replayed = replica.sql("select pg_last_wal_replay_lsn() >= ?::pg_lsn")
				.param(primaryPosition)
				.query(Boolean.class)
				.single();
			if (Boolean.TRUE.equals(replayed)) {
				return;
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("The replica did not replay up to " + primaryPosition + " within " + timeout);
	}

	@Override
	public void close() throws IOException {
		for (EmbeddedPostgres server : new EmbeddedPostgres[] { this.replica, this.primary }) {
			if (server != null) {
				server.close();
			}
		}
		try (Stream<Path> files = Files.walk(this.primaryDirectory.getParent())) {
			for (Path path : files.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private void initialisePrimary() throws IOException, SQLException {
		Path passwordFile = Files.createTempFile("dpp-replicated-postgres", ".password",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		try {
			Files.writeString(passwordFile, this.superuserPassword + "\n");
			// As the shared test server: a password for every role, none trusted.
			// Not "clean": that would delete the folder when the primary stops.
			this.primary = builder(this.primaryDirectory).setCleanDataDirectory(false)
				.setLocaleConfig("auth", "scram-sha-256")
				.setLocaleConfig("pwfile", passwordFile.toString())
				.start();
		}
		finally {
			Files.delete(passwordFile);
		}
		this.primaryPort = this.primary.getPort();
		try (Connection connection = this.primary.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create role " + OWNER + " login");
			statement.execute("create role " + REPLICATION_ROLE + " login replication");
			PGConnection pg = connection.unwrap(PGConnection.class);
			pg.alterUserPassword(OWNER, this.ownerPassword.toCharArray(), "scram-sha-256");
			pg.alterUserPassword(REPLICATION_ROLE, this.replicationPassword.toCharArray(), "scram-sha-256");
			statement.execute("create database " + DATABASE + " owner " + OWNER);
			TestPostgres.createAppRoles(connection);
		}
		Flyway.configure()
			.dataSource(primaryUrl(), OWNER, this.ownerPassword)
			.locations("classpath:db/migration")
			.load()
			.migrate();
	}

	/**
	 * Stop the primary, copy its folder, make the copy a standby of it, start both.
	 */
	private void makeReplica() throws IOException, SQLException {
		stopPrimary();
		Files.createDirectories(this.replicaDirectory);
		try (Stream<Path> files = Files.walk(this.primaryDirectory)) {
			for (Path source : files.toList()) {
				if (NOT_COPIED.contains(source.getFileName().toString())) {
					continue;
				}
				Path target = this.replicaDirectory.resolve(this.primaryDirectory.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		Files.setPosixFilePermissions(this.replicaDirectory, PosixFilePermissions.fromString("rwx------"));
		Files.createFile(this.replicaDirectory.resolve("standby.signal"));
		// Values in single quotes, as postgresql.conf wants them (the passwords are
		// URL-safe Base64: no quote to escape).
		Files.writeString(this.replicaDirectory.resolve("postgresql.auto.conf"),
				"primary_conninfo = 'host=127.0.0.1 port=" + this.primaryPort + " user=" + REPLICATION_ROLE
						+ " password=" + this.replicationPassword + " application_name=replica'\n",
				StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		startPrimary();
		this.replica = builder(this.replicaDirectory).setCleanDataDirectory(false).start();
		try (Connection connection = DriverManager.getConnection(replicaUrl(), OWNER, this.ownerPassword);
				Statement statement = connection.createStatement();
				var rows = statement.executeQuery("select pg_is_in_recovery()")) {
			if (!rows.next() || !rows.getBoolean(1)) {
				throw new IllegalStateException("The copy did not start as a standby");
			}
		}
	}

	private EmbeddedPostgres server(Path directory, int port) throws IOException {
		return builder(directory).setCleanDataDirectory(false).setPort(port).start();
	}

	private EmbeddedPostgres.Builder builder(Path directory) {
		return EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setConnectConfig("password", this.superuserPassword)
			.setServerConfig("max_connections", "100")
			.setServerConfig("shared_buffers", "32MB")
			.setServerConfig("listen_addresses", "127.0.0.1")
			// Stopped by close(), or by the test that stops it.
			.setRegisterShutdownHook(false)
			.setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
			.setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
	}

	private static String url(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
	}

}
