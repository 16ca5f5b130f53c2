package io.dppmint.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.TestPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole platform as {@code ./dpp up --demo} runs it, shared by every test class of
 * this module: the test PostgreSQL, then mint-jobs (which applies the migrations and
 * loads the demo catalogue), then export-jobs, resolver-app and admin-console in
 * parallel, each a separate JVM from its packaged jar on a loopback port chosen up front,
 * wired to each other through environment variables. Started on first use; stopped when
 * the JVM exits (a shutdown hook), before the test database.
 * <p>
 * The console creates the demo users (operator {@code admin}, {@code acme-owner},
 * {@code acme-approver}, {@code nordic-owner}, {@code viewer}) with random passwords,
 * which it hands over in an owner-only file under {@code target/}: see
 * {@link #password(String)}. The demo brands resolve at the started resolver.
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
	private static final String JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m";

	private static final Object lock = new Object();

	private static Platform instance;

	private static RuntimeException failure;

	private final Path workDirectory = Path.of("target", "platform").toAbsolutePath();

	private final List<AppProcess> processes = new ArrayList<>();

	private final Map<String, String> passwords = new LinkedHashMap<>();

	private final int consolePort;

	private final int resolverPort;

	private final int mintJobsPort;

	private final int exportJobsPort;

	private TestPostgres postgres;

	private Platform() {
		int[] ports = freePorts(4);
		this.consolePort = ports[0];
		this.resolverPort = ports[1];
		this.mintJobsPort = ports[2];
		this.exportJobsPort = ports[3];
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
					platform.stop();
					throw ex;
				}
				instance = platform;
			}
			return instance;
		}
	}

	public String consoleUrl() {
		return url(this.consolePort);
	}

	public String resolverUrl() {
		return url(this.resolverPort);
	}

	public String mintJobsUrl() {
		return url(this.mintJobsPort);
	}

	public String exportJobsUrl() {
		return url(this.exportJobsPort);
	}

	/** Every app's base URL by name. */
	public Map<String, String> appUrls() {
		return Map.of("admin-console", consoleUrl(), "resolver-app", resolverUrl(), "mint-jobs", mintJobsUrl(),
				"export-jobs", exportJobsUrl());
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
		synchronized (this.processes) {
			return this.processes.stream()
				.filter((process) -> process.log().getFileName().toString().equals(app + ".log"))
				.findFirst()
				.map((process) -> process.log() + ":\n" + process.outputTail(lines))
				.orElse("no log of " + app);
		}
	}

	/** Where export-jobs stores print packs. */
	public Path packStorage() {
		return this.workDirectory.resolve("packs");
	}

	private void start() {
		long started = System.nanoTime();
		this.postgres = TestPostgres.get();
		// The apps stop while the database is still there.
		this.postgres.beforeShutdown(this::stop);
		Path credentials = this.workDirectory.resolve("secrets/initial-credentials.txt");
		try {
			Files.createDirectories(this.workDirectory);
			Files.deleteIfExists(credentials);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String registrationPassword = randomPassword();
		Map<String, String> common = new LinkedHashMap<>();
		common.put("JDK_JAVA_OPTIONS", JVM_OPTIONS);
		common.put("DPP_HOME", this.workDirectory.resolve("home").toString());
		// Every app registers with the console's Spring Boot Admin server, as ./dpp up
		// wires it.
		common.put("SPRING_BOOT_ADMIN_CLIENT_URL", consoleUrl() + "/admin");
		common.put("SPRING_BOOT_ADMIN_CLIENT_USERNAME", "dpp-app");
		common.put("SPRING_BOOT_ADMIN_CLIENT_PASSWORD", registrationPassword);
		// Whichever app loads the demo catalogue first creates the brands: both say the
		// same.
		common.put("DPP_DEMO_RESOLVER_BASE_URL", resolverUrl());

		// mint-jobs first: it applies the migrations that the others only validate.
		AppProcess mintJobs = launch("mint-jobs", this.mintJobsPort, common, Map.of(), "--dpp.demo=true",
				"--dpp.mint.role=standalone");
		mintJobs.awaitHealthy(mintJobsUrl(), START_TIMEOUT);
		AppProcess exportJobs = launch("export-jobs", this.exportJobsPort, common,
				Map.of("DPP_EXPORT_STORAGE_ROOT", packStorage().toString()));
		AppProcess resolver = launch("resolver-app", this.resolverPort, common, Map.of());
		AppProcess console = launch("admin-console", this.consolePort, common,
				Map.of("DPP_CONSOLE_REGISTRATION_PASSWORD", registrationPassword,
						"DPP_CONSOLE_EXPORT_DOWNLOAD_BASE_URL", exportJobsUrl()),
				"--dpp.demo=true", "--dpp.console.initial-credentials-file=" + credentials);
		exportJobs.awaitHealthy(exportJobsUrl(), START_TIMEOUT);
		resolver.awaitHealthy(resolverUrl(), START_TIMEOUT);
		console.awaitHealthy(consoleUrl(), START_TIMEOUT);
		readCredentials(credentials, console);
		log.info("Platform up in {} s: console {}, resolver {}, mint-jobs {}, export-jobs {}",
				Duration.ofNanos(System.nanoTime() - started).toSeconds(), consoleUrl(), resolverUrl(), mintJobsUrl(),
				exportJobsUrl());
	}

	private AppProcess launch(String app, int port, Map<String, String> common, Map<String, String> own,
			String... arguments) {
		Map<String, String> environment = new LinkedHashMap<>(common);
		environment.putAll(own);
		environment.put("SERVER_PORT", Integer.toString(port));
		AppProcess process = AppProcess.start(jar(app), "platform/" + app, environment, List.of(arguments));
		synchronized (this.processes) {
			this.processes.add(process);
		}
		log.info("Started {} on port {}", process, port);
		return process;
	}

	/**
	 * The console writes the file after it starts listening (an application runner), so
	 * wait for it to be complete: it ends with a line of {@code =}.
	 */
	private void readCredentials(Path file, AppProcess console) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			try {
				if (Files.exists(file)) {
					String text = Files.readString(file, StandardCharsets.UTF_8);
					if (text.stripTrailing().endsWith("=====")) {
						Matcher matcher = CREDENTIAL.matcher(text);
						while (matcher.find()) {
							this.passwords.put(matcher.group(1), matcher.group(2));
						}
						if (!this.passwords.keySet().containsAll(DEMO_USERS)) {
							throw new IllegalStateException(
									"The console created " + this.passwords.keySet() + ", not all of " + DEMO_USERS);
						}
						return;
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (!console.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("The console wrote no initial credentials to " + file
						+ "; the end of its log:\n" + console.outputTail(60));
			}
			sleep(Duration.ofMillis(200));
		}
	}

	/**
	 * Stop every app: all asked at once (SIGTERM) in reverse start order, then each
	 * waited for (and killed if it lingers).
	 */
	private void stop() {
		List<AppProcess> started;
		synchronized (this.processes) {
			started = new ArrayList<>(this.processes.reversed());
			this.processes.clear();
		}
		started.forEach((process) -> process.process().destroy());
		started.forEach(AppProcess::stop);
	}

	private static Path jar(String app) {
		String property = "dpp.system-tests.jar." + app;
		String location = System.getProperty(property);
		if (location == null) {
			throw new IllegalStateException(
					"No system property " + property + ": run the system tests through ./mvnw verify");
		}
		Path jar = Path.of(location).toAbsolutePath().normalize();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No packaged " + app + " at " + jar + ": build it first (./mvnw verify)");
		}
		return jar;
	}

	private static String url(int port) {
		return "http://127.0.0.1:" + port;
	}

	/** Free loopback ports, all held open together so that they differ. */
	private static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find free ports", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Nothing to do.
				}
			}
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
