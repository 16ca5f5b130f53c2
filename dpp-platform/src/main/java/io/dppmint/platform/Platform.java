package io.dppmint.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.dppmint.platform.process.JarProcess;
import io.dppmint.platform.process.LoopbackPorts;

/**
 * The running platform, started the one way every launcher shares ({@code ./dpp up}, the
 * system tests, the benchmarks): each app a separate JVM from its packaged jar on a
 * loopback port, mint-jobs first and healthy before the others start (it applies the
 * migrations they validate and, with no {@code DPP_DB_URL}, starts the embedded
 * PostgreSQL they attach to), then export-jobs, the resolver and the console together,
 * then any mint workers. Every app gets {@code DPP_HOME}, its port, and the wiring
 * between them: Spring Boot Admin registration at the console with a password made up for
 * this run, the demo brands' resolver base URL, the console's export download URL. New
 * console users' passwords are handed over in an owner-only file that is read once, after
 * the console is healthy, and deleted ({@link #initialCredentials()}).
 * <p>
 * {@link #stop()} stops every app with SIGTERM, mint-jobs last (it may own the embedded
 * PostgreSQL the others use), then an embedded PostgreSQL left running by a process that
 * was killed outright.
 */
public final class Platform implements AutoCloseable {

	/** The user apps register with at the console's Spring Boot Admin server. */
	public static final String REGISTRATION_USER = "dpp-app";

	/** The database of the embedded PostgreSQL (development only). */
	public static final String EMBEDDED_DATABASE = "dpp";

	private static final int DEFAULT_EMBEDDED_PORT = 5499;

	private static final Duration CREDENTIALS_TIMEOUT = Duration.ofSeconds(30);

	private final Builder settings;

	private final Map<String, String> environment;

	private final List<JarProcess> started = Collections.synchronizedList(new ArrayList<>());

	private final Map<App, JarProcess> apps = Collections.synchronizedMap(new EnumMap<>(App.class));

	private final List<JarProcess> workers = Collections.synchronizedList(new ArrayList<>());

	private final Object lifecycle = new Object();

	private final AtomicBoolean starting = new AtomicBoolean();

	private boolean stopped;

	private String initialCredentials;

	private Platform(Builder settings) {
		this.settings = settings;
		this.environment = new LinkedHashMap<>(System.getenv());
		this.environment.putAll(settings.environment);
	}

	/**
	 * Settings of a platform whose apps are {@code jars}.
	 * @param jars where the apps' executable jars are
	 * @return settings to complete, then {@link Builder#start()}
	 */
	public static Builder builder(AppJars jars) {
		return new Builder(jars);
	}

	/** The root URL of a started app, e.g. {@code http://127.0.0.1:8080}. */
	public String url(App app) {
		return url(port(app));
	}

	public int port(App app) {
		return this.settings.ports.get(app);
	}

	/** The process of a started app. */
	public JarProcess process(App app) {
		JarProcess process = this.apps.get(app);
		if (process == null) {
			throw new IllegalArgumentException(app.module() + " was not started");
		}
		return process;
	}

	/** The mint worker processes, in start order. */
	public List<JarProcess> workers() {
		return List.copyOf(this.workers);
	}

	/** The apps' {@code DPP_HOME}. */
	public Path home() {
		return this.settings.home;
	}

	/**
	 * The passwords of the console users created at this start (the initial operator on a
	 * fresh install, the demo users with {@code demo}), as the console wrote them; empty
	 * when it created none. The file they came in is deleted.
	 */
	public Optional<String> initialCredentials() {
		return Optional.ofNullable(this.initialCredentials);
	}

	/** Whether the apps use the embedded PostgreSQL (no {@code DPP_DB_URL}). */
	public boolean embeddedDatabase() {
		return blank(this.environment.get("DPP_DB_URL"));
	}

	/** The JDBC URL of the apps' database. */
	public String databaseUrl() {
		return embeddedDatabase() ? "jdbc:postgresql://127.0.0.1:" + embeddedPort() + "/" + EMBEDDED_DATABASE
				: this.environment.get("DPP_DB_URL");
	}

	/**
	 * Block until one of the processes exits on its own.
	 * @return the process that exited
	 */
	public JarProcess awaitAnyExit() {
		List<JarProcess> all = List.copyOf(this.started);
		CompletableFuture<?>[] exits = all.stream()
			.map((process) -> process.process().onExit())
			.toArray(CompletableFuture[]::new);
		CompletableFuture.anyOf(exits).join();
		return all.stream().filter((process) -> !process.isAlive()).findFirst().orElseThrow();
	}

	/**
	 * Stop every process (idempotent): all but mint-jobs together with SIGTERM, each
	 * waited for (and killed after 30 s), then mint-jobs, then an orphaned embedded
	 * PostgreSQL.
	 */
	public void stop() {
		List<JarProcess> others;
		synchronized (this.lifecycle) {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
			others = new ArrayList<>(this.started.reversed());
		}
		JarProcess mintJobs = this.apps.get(App.MINT_JOBS);
		others.remove(mintJobs);
		others.forEach(JarProcess::requestStop);
		others.forEach(JarProcess::stop);
		if (mintJobs != null) {
			mintJobs.stop();
		}
		if (embeddedDatabase()) {
			stopOrphanedPostgres(this.settings.home);
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Stop the embedded PostgreSQL of {@code home} if it is still running after every app
	 * stopped (it outlives a process killed with {@code kill -9} by design): a fast
	 * shutdown (SIGINT) of the server named in {@code postgres/postmaster.pid}.
	 * @param home the platform's {@code DPP_HOME}
	 * @return whether a server was asked to stop
	 */
	public static boolean stopOrphanedPostgres(Path home) {
		Path pidFile = home.resolve("postgres").resolve("postmaster.pid");
		try {
			if (!Files.isRegularFile(pidFile)) {
				return false;
			}
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
			long pid = lines.isEmpty() ? 0 : Long.parseLong(lines.getFirst().strip());
			if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
				return false;
			}
			Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
			return kill.waitFor() == 0;
		}
		catch (IOException | NumberFormatException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * How an app logs in to an external database as its own role: the password in its
	 * {@link App#databasePasswordVariable()} (for example
	 * {@code DPP_RESOLVER_DB_PASSWORD}), over a {@code DPP_DB_PASSWORD} every app would
	 * share; the role's name is the app's own default unless {@code DPP_DB_USERNAME}
	 * names one role for all. Nothing on the embedded server, where each app reads its
	 * role's development password from {@code <home>/secrets/}.
	 * @param app the app
	 * @param environment the platform's environment
	 * @return the variables to give the app
	 */
	static Map<String, String> databaseRole(App app, Map<String, String> environment) {
		String password = environment.get(app.databasePasswordVariable());
		return (password != null && !password.isBlank()) ? Map.of("DPP_DB_PASSWORD", password) : Map.of();
	}

	/**
	 * The arguments that make mint-jobs a partition worker: no launcher, no migrations,
	 * no audit sealing.
	 * @param port its health port ({@code 0}: any free one)
	 * @return the arguments
	 */
	public static List<String> workerArguments(int port) {
		// A worker neither migrates nor seals, verifies or checkpoints the audit chain
		// (the
		// manager does): it needs neither the owner's credentials nor the audit key.
		return List.of("--dpp.mint.role=worker", "--dpp.db.migrate=false", "--dpp.audit.sealing.enabled=false",
				"--dpp.audit.verification.enabled=false", "--dpp.audit.checkpoint.write=false",
				"--server.port=" + port);
	}

	/**
	 * Start the apps and wait until they are all healthy; a {@link #stop()} meanwhile (a
	 * shutdown hook, say) stops what has started and fails the start. On failure whatever
	 * was started is stopped again.
	 * @return this platform, running
	 * @throws IllegalStateException naming the app that failed, with the end of its log
	 */
	public Platform start() {
		if (!this.starting.compareAndSet(false, true)) {
			throw new IllegalStateException("The platform was started already");
		}
		Builder settings = this.settings;
		Set<App> wanted = settings.apps;
		Path credentials = settings.home.resolve("secrets").resolve("initial-credentials.txt");
		String registrationPassword = randomPassword();
		Map<String, String> common = new LinkedHashMap<>();
		common.put("DPP_HOME", settings.home.toString());
		if (wanted.contains(App.CONSOLE)) {
			// Every app registers with the console's Spring Boot Admin server (/admin),
			// with a registration password made up for this run only.
			common.put("SPRING_BOOT_ADMIN_CLIENT_URL", url(App.CONSOLE) + "/admin");
			common.put("SPRING_BOOT_ADMIN_CLIENT_USERNAME", REGISTRATION_USER);
			common.put("SPRING_BOOT_ADMIN_CLIENT_PASSWORD", registrationPassword);
		}
		// Demo brands created now point their QR codes at this resolver, so that they
		// resolve while trying the platform out (an existing catalogue is left as it is).
		common.put("DPP_DEMO_RESOLVER_BASE_URL",
				this.environment.getOrDefault("DPP_DEMO_RESOLVER_BASE_URL", url(App.RESOLVER)));
		// One machine on loopback, whatever the host: a shell or a CI runner inside a
		// Kubernetes pod is not a deployment on Kubernetes (whose apps refuse loopback
		// public URLs, see PublicUrls).
		common.put("SPRING_MAIN_CLOUD_PLATFORM", "none");
		common.putAll(settings.environment);
		try {
			if (wanted.contains(App.MINT_JOBS)) {
				String role = (settings.workers >= 0) ? "manager" : "standalone";
				launch(App.MINT_JOBS, common, Map.of(),
						List.of("--dpp.demo=" + settings.demo, "--dpp.mint.role=" + role))
					.awaitHealthy(url(App.MINT_JOBS), settings.startTimeout);
			}
			if (wanted.contains(App.EXPORT_JOBS)) {
				launch(App.EXPORT_JOBS, common, Map.of(), List.of());
			}
			if (wanted.contains(App.RESOLVER)) {
				launch(App.RESOLVER, common,
						Map.of("DPP_RESOLVER_PUBLIC_BASE_URL",
								this.environment.getOrDefault("DPP_RESOLVER_PUBLIC_BASE_URL", url(App.RESOLVER))),
						List.of());
			}
			if (wanted.contains(App.CONSOLE)) {
				Files.deleteIfExists(credentials);
				launch(App.CONSOLE, common,
						Map.of("DPP_CONSOLE_REGISTRATION_PASSWORD", registrationPassword,
								"DPP_CONSOLE_EXPORT_DOWNLOAD_BASE_URL", url(App.EXPORT_JOBS)),
						List.of("--dpp.demo=" + settings.demo,
								"--dpp.console.initial-credentials-file=" + credentials));
			}
			for (App app : List.of(App.EXPORT_JOBS, App.RESOLVER, App.CONSOLE)) {
				if (wanted.contains(app)) {
					this.apps.get(app).awaitHealthy(url(app), settings.startTimeout);
				}
			}
			if (wanted.contains(App.CONSOLE)) {
				this.initialCredentials = takeCredentials(credentials);
			}
			startWorkers(common);
			return this;
		}
		catch (IOException ex) {
			stop();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	private void startWorkers(Map<String, String> common) {
		int count = Math.max(0, this.settings.workers);
		if (count == 0) {
			return;
		}
		int[] ports = LoopbackPorts.free(count);
		for (int i = 0; i < count; i++) {
			String name = "mint-worker-" + (i + 1);
			List<String> arguments = new ArrayList<>(workerArguments(ports[i]));
			arguments.addAll(this.settings.workerArguments);
			JarProcess worker = started(JarProcess.of(this.settings.jars.existing(App.MINT_JOBS))
				.name(name)
				.jvmOptions(this.settings.workerJvmOptions)
				.arguments(arguments)
				.environment(common)
				.environment(databaseRole(App.MINT_JOBS, this.environment))
				.log(this.settings.logDirectory.resolve(name + ".log"), this.settings.appendLogs));
			this.workers.add(worker);
			this.settings.progress.accept("starting " + name + " (log: " + worker.log() + ")");
		}
		for (int i = 0; i < count; i++) {
			this.workers.get(i).awaitHealthy(url(ports[i]), this.settings.startTimeout);
		}
	}

	private JarProcess launch(App app, Map<String, String> common, Map<String, String> own, List<String> arguments) {
		Map<String, String> environment = new LinkedHashMap<>(common);
		environment.putAll(own);
		environment.putAll(this.settings.environment);
		environment.putAll(databaseRole(app, this.environment));
		environment.put("SERVER_PORT", Integer.toString(port(app)));
		List<String> allArguments = new ArrayList<>(arguments);
		allArguments.addAll(this.settings.arguments.getOrDefault(app, List.of()));
		JarProcess process = started(JarProcess.of(this.settings.jars.existing(app))
			.name(app.module())
			.jvmOptions(this.settings.jvmOptions.getOrDefault(app, this.settings.defaultJvmOptions))
			.arguments(allArguments)
			.environment(environment)
			.log(this.settings.logDirectory.resolve(app.module() + ".log"), this.settings.appendLogs));
		this.apps.put(app, process);
		this.settings.progress.accept("starting " + app.module() + " (log: " + process.log() + ")");
		return process;
	}

	private JarProcess started(JarProcess.Launch launch) {
		synchronized (this.lifecycle) {
			if (this.stopped) {
				throw new IllegalStateException("The platform is stopping");
			}
			JarProcess process = launch.start();
			this.started.add(process);
			return process;
		}
	}

	/**
	 * The console writes the file from a start-up runner, which Spring Boot finishes
	 * before it reports the app ready (and so healthy); a file still being written is
	 * waited for (it ends with a line of {@code =}).
	 */
	private String takeCredentials(Path file) throws IOException {
		long deadline = System.nanoTime() + CREDENTIALS_TIMEOUT.toNanos();
		while (Files.exists(file)) {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			if (text.stripTrailing().endsWith("=====") || System.nanoTime() > deadline) {
				Files.deleteIfExists(file);
				return text;
			}
			sleep(Duration.ofMillis(100));
		}
		return null;
	}

	private int embeddedPort() {
		String port = this.environment.get("DPP_DB_EMBEDDED_PORT");
		return blank(port) ? DEFAULT_EMBEDDED_PORT : Integer.parseInt(port.strip());
	}

	private static String url(int port) {
		return "http://127.0.0.1:" + port;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String randomPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * How to start a {@link Platform}. Defaults are those of {@code ./dpp up}: all four
	 * apps on their default ports, no demo data, no workers, logs appended under
	 * {@code <home>/logs}, 180 s for each app to become healthy.
	 */
	public static final class Builder {

		private final AppJars jars;

		private Path home = Path.of(".dpp-data");

		private Path logDirectory;

		private boolean appendLogs = true;

		private final Set<App> apps = EnumSet.allOf(App.class);

		private final Map<App, Integer> ports = new EnumMap<>(App.class);

		private boolean demo;

		private int workers = -1;

		private final List<String> workerArguments = new ArrayList<>();

		private final Map<String, String> environment = new LinkedHashMap<>();

		private List<String> defaultJvmOptions = List.of();

		private final Map<App, List<String>> jvmOptions = new EnumMap<>(App.class);

		private List<String> workerJvmOptions = List.of();

		private final Map<App, List<String>> arguments = new EnumMap<>(App.class);

		private Duration startTimeout = Duration.ofSeconds(180);

		private Consumer<String> progress = (message) -> {
		};

		private Builder(AppJars jars) {
			this.jars = jars;
			for (App app : App.values()) {
				this.ports.put(app, app.defaultPort());
			}
		}

		/** The apps' {@code DPP_HOME}: embedded data, development secrets, packs. */
		public Builder home(Path home) {
			this.home = home;
			return this;
		}

		/** Where the apps' logs go (default {@code <home>/logs}). */
		public Builder logDirectory(Path logDirectory) {
			this.logDirectory = logDirectory;
			return this;
		}

		/** Whether logs are appended to (default) or replaced. */
		public Builder appendLogs(boolean append) {
			this.appendLogs = append;
			return this;
		}

		/**
		 * Start only these apps (a benchmark measures one); their database must then be
		 * migrated already unless mint-jobs is among them.
		 */
		public Builder apps(Set<App> apps) {
			this.apps.clear();
			this.apps.addAll(apps);
			return this;
		}

		public Builder port(App app, int port) {
			this.ports.put(app, port);
			return this;
		}

		/** Free loopback ports for every app. */
		public Builder freePorts() {
			int[] free = LoopbackPorts.free(App.values().length);
			for (App app : App.values()) {
				this.ports.put(app, free[app.ordinal()]);
			}
			return this;
		}

		/** Load the demo brands, products and users ({@code --demo}). */
		public Builder demo(boolean demo) {
			this.demo = demo;
			return this;
		}

		/**
		 * Run mint-jobs as a manager with {@code workers} worker processes (0 is a
		 * manager alone); without this call it runs standalone.
		 */
		public Builder workers(int workers) {
			if (workers < 0) {
				throw new IllegalArgumentException("--workers takes a number of 0 or more");
			}
			this.workers = workers;
			return this;
		}

		/** Arguments added to every worker's. */
		public Builder workerArguments(List<String> arguments) {
			this.workerArguments.addAll(arguments);
			return this;
		}

		/**
		 * Variables every app and worker gets, over the inherited environment and the
		 * platform's own wiring (the database and keys of a test, for example).
		 */
		public Builder environment(Map<String, String> environment) {
			this.environment.putAll(environment);
			return this;
		}

		/** JVM options of every app that has none of its own. */
		public Builder jvmOptions(List<String> options) {
			this.defaultJvmOptions = List.copyOf(options);
			return this;
		}

		/** JVM options of one app. */
		public Builder jvmOptions(App app, List<String> options) {
			this.jvmOptions.put(app, List.copyOf(options));
			return this;
		}

		public Builder workerJvmOptions(List<String> options) {
			this.workerJvmOptions = List.copyOf(options);
			return this;
		}

		/** Arguments added to one app's. */
		public Builder arguments(App app, List<String> arguments) {
			this.arguments.computeIfAbsent(app, (key) -> new ArrayList<>()).addAll(arguments);
			return this;
		}

		/** How long each app may take to become healthy. */
		public Builder startTimeout(Duration timeout) {
			this.startTimeout = timeout;
			return this;
		}

		/** Where progress messages go ("starting mint-jobs (log: ...)"). */
		public Builder progress(Consumer<String> progress) {
			this.progress = progress;
			return this;
		}

		/**
		 * The platform, not started yet (to register a shutdown hook that stops it first,
		 * for example).
		 */
		public Platform build() {
			if (this.logDirectory == null) {
				this.logDirectory = this.home.resolve("logs");
			}
			this.home = this.home.toAbsolutePath().normalize();
			this.logDirectory = this.logDirectory.toAbsolutePath().normalize();
			return new Platform(this);
		}

		/**
		 * Start the platform ({@link Platform#start()}).
		 * @return the running platform
		 */
		public Platform start() {
			return build().start();
		}

	}

}
