package io.dppmint.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.dppmint.platform.App;
import io.dppmint.platform.AppJars;
import io.dppmint.platform.process.JarProcess;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.TestPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The whole platform as {@code ./dpp up --demo} runs it, shared by every test class of
 * this module, started by the same launcher ({@link io.dppmint.platform.Platform}) with
 * this module's own ports, database and work folder: the test PostgreSQL, then mint-jobs
 * (which applies the migrations and loads the demo catalogue), then export-jobs,
 * resolver-app and admin-console, each a separate JVM from its packaged jar on a free
 * loopback port. Started on first use; stopped when the JVM exits (a shutdown hook),
 * before the test database.
 * <p>
 * The console creates the demo users (operator {@code admin}, {@code acme-owner},
 * {@code acme-approver}, {@code nordic-owner}, {@code viewer}) with random passwords,
 * which the launcher takes from its owner-only file: see {@link #password(String)}. The
 * demo brands resolve at the started resolver.
 */
public final class Platform {

	/** The demo users the console creates with {@code dpp.demo=true}. */
	public static final List<String> DEMO_USERS = List.of("admin", "acme-owner", "acme-approver", "nordic-owner",
			"viewer");

	private static final Logger log = LoggerFactory.getLogger(Platform.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

	private static final Pattern CREDENTIAL = Pattern.compile("^\\s*(\\S+) / (\\S+)\\s+\\(", Pattern.MULTILINE);

	/**
	 * Faster start-up on a small machine (C1 only, serial GC), bounded heaps so that four
	 * JVMs, the test JVM and Chromium fit beside each other.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

	private static final Object lock = new Object();

	private static Platform instance;

	private static RuntimeException failure;

	private final Path workDirectory = Path.of("target", "platform").toAbsolutePath();

	private final Map<String, String> passwords = new LinkedHashMap<>();

	private TestPostgres postgres;

	private io.dppmint.platform.Platform running;

	private Platform() {
	}

	/**
	 * The running platform, started by the first caller; a failed start fails every later
	 * caller the same way, without starting again.
	 */
	public static Platform get() {
		synchronized (lock) {
			if (failure != null) {
				throw new IllegalStateException("The platform failed to start earlier", failure);
			}
			if (instance == null) {
				Platform platform = new Platform();
				try {
					platform.start();
				}
				catch (RuntimeException ex) {
					failure = ex;
					throw ex;
				}
				instance = platform;
			}
			return instance;
		}
	}

	public String consoleUrl() {
		return this.running.url(App.CONSOLE);
	}

	public String resolverUrl() {
		return this.running.url(App.RESOLVER);
	}

	public String mintJobsUrl() {
		return this.running.url(App.MINT_JOBS);
	}

	public String exportJobsUrl() {
		return this.running.url(App.EXPORT_JOBS);
	}

	/** Every app's base URL by name. */
	public Map<String, String> appUrls() {
		Map<String, String> urls = new LinkedHashMap<>();
		for (App app : App.values()) {
			urls.put(app.module(), this.running.url(app));
		}
		return urls;
	}

	/** The console password of a demo user ({@link #DEMO_USERS}). */
	public String password(String user) {
		String password = this.passwords.get(user);
		if (password == null) {
			throw new IllegalArgumentException("No console user '" + user + "'; there are " + this.passwords.keySet());
		}
		return password;
	}

	/** The platform's database, for assertions and fixtures. */
	public DataSource dataSource() {
		return this.postgres.dataSource();
	}

	public JdbcClient jdbc() {
		return JdbcClient.create(dataSource());
	}

	/** The last lines of an app's log ({@code mint-jobs}, ...), for failure messages. */
	public String logTail(String app, int lines) {
		for (App each : App.values()) {
			if (each.module().equals(app)) {
				JarProcess process = this.running.process(each);
				return process.log() + ":\n" + process.outputTail(lines);
			}
		}
		return "no log of " + app;
	}

	/** The apps' {@code DPP_HOME}. */
	public Path home() {
		return this.running.home();
	}

	/** Where export-jobs stores print packs (its default under the apps' home). */
	public Path packStorage() {
		return this.running.home().resolve("packs");
	}

	private void start() {
		long started = System.nanoTime();
		this.postgres = TestPostgres.get();
		Map<App, Path> jars = new EnumMap<>(App.class);
		for (App app : App.values()) {
			jars.put(app, jar(app.module()));
		}
		// Every app logs in as its own role; the platform's home is this run's, fresh
		// (what an earlier run kept there, such as an audit checkpoint, belongs to its
		// database and keys).
		Map<String, String> environment = new LinkedHashMap<>(AppProcess.defaultEnvironment());
		environment.remove("DPP_HOME");
		// export-jobs looks for EPCIS events to push every second, not every ten.
		environment.put("DPP_EPCIS_CAPTURE_POLLEVERY", "1s");
		try {
			FileSystemUtils.deleteRecursively(this.workDirectory.resolve("home"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		io.dppmint.platform.Platform platform = io.dppmint.platform.Platform.builder(AppJars.of(jars))
			.home(this.workDirectory.resolve("home"))
			.logDirectory(this.workDirectory)
			.appendLogs(false)
			.freePorts()
			.demo(true)
			.environment(environment)
			.jvmOptions(JVM_OPTIONS)
			.startTimeout(START_TIMEOUT)
			.progress(log::info)
			.build();
		// The apps stop while the database is still there.
		this.postgres.beforeShutdown(platform::stop);
		platform.start();
		this.running = platform;
		String credentials = platform.initialCredentials()
			.orElseThrow(() -> new IllegalStateException("The console created no users; the end of its log:\n"
					+ platform.process(App.CONSOLE).outputTail(60)));
		Matcher matcher = CREDENTIAL.matcher(credentials);
		while (matcher.find()) {
			this.passwords.put(matcher.group(1), matcher.group(2));
		}
		if (!this.passwords.keySet().containsAll(DEMO_USERS)) {
			throw new IllegalStateException(
					"The console created " + this.passwords.keySet() + ", not all of " + DEMO_USERS);
		}
		log.info("Platform up in {} s: {}", Duration.ofNanos(System.nanoTime() - started).toSeconds(), appUrls());
	}

	private static Path jar(String app) {
		String property = "dpp.system-tests.jar." + app;
		String location = System.getProperty(property);
		if (location == null) {
			throw new IllegalStateException(
					"No system property " + property + ": run the system tests through ./mvnw verify");
		}
		return Path.of(location).toAbsolutePath().normalize();
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
