package io.dppmint.benchmarks.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.dppmint.core.database.EmbeddedPostgresServer;
import io.dppmint.core.secrets.PlatformSecrets;
import io.dppmint.core.secrets.SecretsProperties;
import io.dppmint.platform.Platform;

/**
 * The database a benchmark may write to. Benchmarks create brands, console users and up
 * to tens of millions of tokens, and delete tokens, so they never run on a database that
 * is not meant for them:
 * <ul>
 * <li>by default they use their own embedded PostgreSQL, data in
 * {@code $DPP_HOME/bench/postgres}, on {@code 127.0.0.1:$DPP_BENCH_DB_PORT} (5498, so a
 * running {@code ./dpp up} on 5499 is untouched), which they create and mark
 * themselves;</li>
 * <li>with {@code DPP_DB_URL} they run only when that database carries the mark,
 * {@code COMMENT ON DATABASE <name> IS 'dpp-benchmark'} (a database comment: it needs no
 * table in the schema, survives migrations and shows in {@code \l+}); otherwise they
 * refuse before writing anything ({@link NotABenchmarkDatabaseException}).</li>
 * </ul>
 * The same check applies when something else already answers on the benchmark port. One
 * benchmark runs at a time per {@code $DPP_HOME} (a lock file in its {@code bench}
 * folder): they would share the database and the cores, and disturb each other. The apps
 * the benchmarks start get this database and its keys through their environment
 * ({@link #appEnvironment()}); the benchmark process through Spring properties
 * ({@link #properties()}).
 */
public final class BenchmarkDatabase implements AutoCloseable {

	/** The comment that marks a database as meant for benchmarks. */
	public static final String MARK = "dpp-benchmark";

	/** Default port of the benchmarks' own embedded PostgreSQL. */
	public static final int DEFAULT_PORT = 5498;

	private final String url;

	private final String username;

	private final String password;

	private final Path home;

	private final EmbeddedPostgresServer embedded;

	private final String identifierKey;

	private final String downloadSigningKey;

	private final String auditKey;

	/**
	 * The code-signing KEK, or {@code null} when an external database's environment gives
	 * none.
	 */
	private final String signingKek;

	/**
	 * The NFC KEK (the resolver's NFC taps), or {@code null} when an external database's
	 * environment gives none.
	 */
	private final String nfcKek;

	private final BenchmarkLock lock;

	private BenchmarkDatabase(String url, String username, String password, Path home, EmbeddedPostgresServer embedded,
			String identifierKey, String downloadSigningKey, String auditKey, String signingKek, String nfcKek,
			BenchmarkLock lock) {
		this.signingKek = signingKek;
		this.nfcKek = nfcKek;
		this.url = url;
		this.username = username;
		this.password = password;
		this.home = home;
		this.embedded = embedded;
		this.identifierKey = identifierKey;
		this.downloadSigningKey = downloadSigningKey;
		this.auditKey = auditKey;
		this.lock = lock;
	}

	/**
	 * The benchmark database the environment names: {@code DPP_DB_URL} (with
	 * {@code DPP_DB_USERNAME}, {@code DPP_DB_PASSWORD} and the {@code DPP_SECRETS_*}
	 * keys) if it is marked, else the benchmarks' own embedded server under
	 * {@code DPP_HOME}, started (and marked) if it is not running.
	 * @param environment the process environment
	 * @return the database, checked
	 * @throws NotABenchmarkDatabaseException when it is not marked for benchmarks
	 */
	public static BenchmarkDatabase open(Map<String, String> environment) {
		Path home = Path.of(environment.getOrDefault("DPP_HOME", ".dpp-data")).resolve("bench").toAbsolutePath();
		BenchmarkLock lock = BenchmarkLock.acquire(home);
		try {
			return open(environment, home, lock);
		}
		catch (RuntimeException ex) {
			lock.close();
			throw ex;
		}
	}

	private static BenchmarkDatabase open(Map<String, String> environment, Path home, BenchmarkLock lock) {
		String url = environment.get("DPP_DB_URL");
		if (url != null && !url.isBlank()) {
			String username = environment.get("DPP_DB_USERNAME");
			String password = environment.get("DPP_DB_PASSWORD");
			requireMark(url, username, password, "DPP_DB_URL");
			return new BenchmarkDatabase(url, username, password, home, null,
					requiredKey(environment, "DPP_SECRETS_IDENTIFIER_KEY"),
					requiredKey(environment, "DPP_SECRETS_DOWNLOAD_SIGNING_KEY"),
					requiredKey(environment, "DPP_SECRETS_AUDIT_KEY"), environment.get("DPP_SECRETS_SIGNING_KEK"),
					environment.get("DPP_SECRETS_NFC_KEK"), lock);
		}
		int port = port(environment);
		EmbeddedPostgresServer server = EmbeddedPostgresServer.attachOrStart(home.resolve("postgres"), port);
		String embeddedUrl = server.jdbcUrl();
		try {
			if (server.owner()) {
				mark(embeddedUrl, home);
			}
			else {
				// Ours left running by a killed run, or someone else's server on this
				// port.
				requireMark(embeddedUrl, EmbeddedPostgresServer.OWNER, ownerPassword(home),
						"the PostgreSQL already running on 127.0.0.1:" + port + " (DPP_BENCH_DB_PORT)");
			}
			PlatformSecrets secrets = PlatformSecrets
				.resolve(new SecretsProperties(environment.get("DPP_SECRETS_IDENTIFIER_KEY"),
						environment.get("DPP_SECRETS_DOWNLOAD_SIGNING_KEY"), environment.get("DPP_SECRETS_AUDIT_KEY"),
						null, environment.get("DPP_SECRETS_SIGNING_KEK"), environment.get("DPP_SECRETS_NFC_KEK")),
						home);
			// The database's owner: benchmarks measure on a database of their own, and
			// the
			// measured app may be the one that migrates it.
			return new BenchmarkDatabase(embeddedUrl, EmbeddedPostgresServer.OWNER, ownerPassword(home), home, server,
					base64(secrets.identifierKey()), base64(secrets.downloadSigningKey()), base64(secrets.auditKey()),
					base64(secrets.signingKek()), base64(secrets.nfcKek()), lock);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * Whether the database carries the benchmark mark.
	 * @param connection a connection to it
	 * @return whether its comment is {@value #MARK}
	 * @throws SQLException if it cannot be read
	 */
	public static boolean isMarked(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"select shobj_description(oid, 'pg_database') from pg_database where datname = current_database()");
				ResultSet row = statement.executeQuery()) {
			return row.next() && MARK.equals(row.getString(1));
		}
	}

	/** The JDBC URL. */
	public String url() {
		return this.url;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	/**
	 * The benchmarks' folder, {@code $DPP_HOME/bench}: their embedded database, its keys,
	 * the apps' logs and home.
	 */
	public Path home() {
		return this.home;
	}

	/** Whether this is the benchmarks' own embedded server. */
	public boolean embedded() {
		return this.embedded != null;
	}

	/** What every app started for a benchmark needs to use this database. */
	public Map<String, String> appEnvironment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("DPP_DB_URL", this.url);
		environment.put("DPP_DB_USERNAME", this.username);
		environment.put("DPP_DB_PASSWORD", this.password);
		environment.put("DPP_SECRETS_IDENTIFIER_KEY", this.identifierKey);
		environment.put("DPP_SECRETS_DOWNLOAD_SIGNING_KEY", this.downloadSigningKey);
		environment.put("DPP_SECRETS_AUDIT_KEY", this.auditKey);
		if (this.signingKek != null) {
			environment.put("DPP_SECRETS_SIGNING_KEK", this.signingKek);
		}
		if (this.nfcKek != null) {
			environment.put("DPP_SECRETS_NFC_KEK", this.nfcKek);
		}
		return environment;
	}

	/**
	 * The benchmark process's own settings: this database, its keys, and migrations
	 * applied before any app starts (the apps then only validate the schema).
	 */
	public Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("dpp.db.url", this.url);
		properties.put("dpp.db.username", this.username);
		properties.put("dpp.db.password", this.password);
		properties.put("dpp.db.home", this.home.toString());
		properties.put("dpp.db.migrate", "true");
		properties.put("dpp.secrets.identifier-key", this.identifierKey);
		properties.put("dpp.secrets.download-signing-key", this.downloadSigningKey);
		properties.put("dpp.secrets.audit-key", this.auditKey);
		if (this.signingKek != null) {
			properties.put("dpp.secrets.signing-kek", this.signingKek);
		}
		if (this.nfcKek != null) {
			properties.put("dpp.secrets.nfc-kek", this.nfcKek);
		}
		return properties;
	}

	/**
	 * Stop the benchmarks' embedded server if this run started it, or if a killed run
	 * left it running (no other benchmark can be using it: this run holds the lock of
	 * {@code $DPP_HOME/bench}), then release the lock.
	 */
	@Override
	public void close() {
		try {
			if (this.embedded != null && this.embedded.owner()) {
				this.embedded.close();
			}
			else if (this.embedded != null) {
				Platform.stopOrphanedPostgres(this.home);
			}
		}
		finally {
			this.lock.close();
		}
	}

	private static String ownerPassword(Path home) {
		return EmbeddedPostgresServer.password(home, EmbeddedPostgresServer.OWNER);
	}

	private static void mark(String url, Path home) {
		try (Connection connection = connect(url, EmbeddedPostgresServer.OWNER, ownerPassword(home));
				Statement statement = connection.createStatement()) {
			statement.execute("comment on database " + EmbeddedPostgresServer.DATABASE + " is '" + MARK + "'");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not mark the benchmark database at " + url, ex);
		}
	}

	private static void requireMark(String url, String username, String password, String source) {
		String database;
		try (Connection connection = connect(url, username, password)) {
			if (isMarked(connection)) {
				return;
			}
			database = connection.getCatalog();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not connect to " + url + " (" + source + "): " + ex.getMessage(),
					ex);
		}
		throw new NotABenchmarkDatabaseException(url, source, database);
	}

	private static Connection connect(String url, String username, String password) throws SQLException {
		Properties properties = new Properties();
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		properties.setProperty("connectTimeout", "10");
		return DriverManager.getConnection(url, properties);
	}

	private static int port(Map<String, String> environment) {
		String value = environment.get("DPP_BENCH_DB_PORT");
		if (value == null || value.isBlank()) {
			return DEFAULT_PORT;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("DPP_BENCH_DB_PORT must be a port number, not '" + value + "'");
		}
	}

	private static String requiredKey(Map<String, String> environment, String name) {
		String value = environment.get(name);
		if (value != null && !value.isBlank()) {
			return value.strip();
		}
		throw new IllegalStateException("No " + name + ": with DPP_DB_URL the benchmarks and the apps they start need"
				+ " the database's keys (base64, 32 bytes each), as every app does with an external database");
	}

	private static String base64(byte[] key) {
		return Base64.getEncoder().encodeToString(key);
	}

}
