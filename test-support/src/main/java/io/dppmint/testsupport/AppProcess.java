package io.dppmint.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.platform.process.JarProcess;

/**
 * A packaged Spring Boot app (its executable jar) started as a separate JVM against the
 * shared test database ({@link TestPostgres}), configured the way production is:
 * environment variables ({@code DPP_DB_*}: the app's own role, {@code DPP_SECRETS_*} from
 * {@link TestSecrets}, {@code SERVER_PORT=0} unless given) and command-line arguments,
 * with its standard output and error in a log file under {@code target/}. The process
 * itself is the platform launcher's {@link JarProcess}; this class adds the test database
 * and keys.
 */
public final class AppProcess implements AutoCloseable {

	private final JarProcess process;

	private AppProcess(JarProcess process) {
		this.process = process;
	}

	/**
	 * Start {@code jar} with the default environment, its output in
	 * {@code target/<logName>.log}.
	 */
	public static AppProcess start(Path jar, String logName, String... arguments) {
		return start(jar, logName, Map.of(), List.of(arguments));
	}

	/**
	 * Start {@code jar} with the default environment plus {@code environment} (which wins
	 * over the defaults), its output in {@code target/<logName>.log} ({@code logName} may
	 * contain directories).
	 */
	public static AppProcess start(Path jar, String logName, Map<String, String> environment, List<String> arguments) {
		return new AppProcess(JarProcess.of(jar)
			.name(logName)
			.environment(defaultEnvironment())
			.environment(environment)
			.arguments(arguments)
			.log(logFile(logName), false)
			.start());
	}

	/**
	 * The environment every app gets, as a deployment gives it: the shared test database,
	 * which each app logs in to as its own role (the one its {@code application.yml}
	 * names, every role with this JVM's test password), the owner's credentials for the
	 * migrating app's migrations only, this JVM's test keys and home, and a free port.
	 */
	public static Map<String, String> defaultEnvironment() {
		TestPostgres postgres = TestPostgres.get();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("DPP_DB_URL", postgres.jdbcUrl());
		environment.put("DPP_DB_PASSWORD", postgres.appRolePassword());
		environment.put("DPP_DB_MIGRATION_USERNAME", postgres.username());
		environment.put("DPP_DB_MIGRATION_PASSWORD", postgres.password());
		environment.put("DPP_SECRETS_IDENTIFIER_KEY", TestSecrets.IDENTIFIER_KEY);
		environment.put("DPP_SECRETS_DOWNLOAD_SIGNING_KEY", TestSecrets.DOWNLOAD_SIGNING_KEY);
		environment.put("DPP_SECRETS_AUDIT_KEY", TestSecrets.AUDIT_KEY);
		environment.put("DPP_SECRETS_SIGNING_KEK", TestSecrets.SIGNING_KEK);
		environment.put("DPP_SECRETS_NFC_KEK", TestSecrets.NFC_KEK);
		// This JVM's own home: an audit checkpoint there belongs to this database and
		// key.
		environment.put("DPP_HOME", TestPostgres.home().toString());
		environment.put("SERVER_PORT", "0");
		// Tests run on one machine, even when the CI runner is itself a Kubernetes pod;
		// a test about Kubernetes says so (SPRING_MAIN_CLOUD_PLATFORM=kubernetes).
		environment.put("SPRING_MAIN_CLOUD_PLATFORM", "none");
		return environment;
	}

	/**
	 * The executable jar that the current module packaged into {@code target/}
	 * ({@code <artifactId>.jar}); it exists in the integration-test phase.
	 */
	public static Path packagedJar(String artifactId) {
		Path jar = Path.of("target", artifactId + ".jar").toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No packaged " + jar + ": run the integration tests through ./mvnw verify");
		}
		return jar;
	}

	/** The output so far of the process started with {@code logName}. */
	public static String output(String logName) {
		try {
			return Files.readString(logFile(logName), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path logFile(String logName) {
		return Path.of("target", logName + ".log").toAbsolutePath();
	}

	public Process process() {
		return this.process.process();
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Path log() {
		return this.process.log();
	}

	/** The output so far. */
	public String output() {
		return this.process.output();
	}

	/** The last {@code lines} lines of the output. */
	public String outputTail(int lines) {
		return this.process.outputTail(lines);
	}

	/**
	 * Wait until {@code baseUrl + "/actuator/health"} answers 200 with status UP over
	 * real HTTP. Fails with the end of the log when the process exits first or the
	 * timeout passes.
	 */
	public void awaitHealthy(String baseUrl, Duration timeout) {
		this.process.awaitHealthy(baseUrl, timeout);
	}

	/**
	 * Stop the process as an orchestrator would (SIGTERM, so it shuts down gracefully),
	 * then kill it and whatever it started if it is still there after 30 seconds.
	 */
	public void stop() {
		this.process.stop();
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return this.process.toString();
	}

}
