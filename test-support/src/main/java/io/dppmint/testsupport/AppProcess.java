package io.dppmint.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;

/**
 * A packaged Spring Boot app (its executable jar) started as a separate JVM against the
 * shared test database ({@link TestPostgres}), configured the way production is:
 * environment variables ({@code DPP_DB_*}, {@code DPP_SECRETS_*} from
 * {@link TestSecrets}, {@code SERVER_PORT=0} unless given) and command-line arguments,
 * with its standard output and error in a log file under {@code target/}.
 */
public final class AppProcess implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final Path log;

	private AppProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
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
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(defaultEnvironment());
		builder.environment().putAll(environment);
		Path log = logFile(logName);
		try {
			Files.createDirectories(log.getParent());
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			return new AppProcess(logName, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + jar, ex);
		}
	}

	/**
	 * The environment every app gets: the shared test database, this JVM's test keys and
	 * a free port.
	 */
	public static Map<String, String> defaultEnvironment() {
		TestPostgres postgres = TestPostgres.get();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("DPP_DB_URL", postgres.jdbcUrl());
		environment.put("DPP_DB_USERNAME", postgres.username());
		environment.put("DPP_DB_PASSWORD", postgres.password());
		environment.put("DPP_SECRETS_IDENTIFIER_KEY", TestSecrets.IDENTIFIER_KEY);
		environment.put("DPP_SECRETS_DOWNLOAD_SIGNING_KEY", TestSecrets.DOWNLOAD_SIGNING_KEY);
		environment.put("SERVER_PORT", "0");
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
		return this.process;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Path log() {
		return this.log;
	}

	/** The output so far. */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The last {@code lines} lines of the output. */
	public String outputTail(int lines) {
		List<String> all = output().lines().toList();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	/**
	 * Wait until {@code baseUrl + "/actuator/health"} answers 200 with status UP over
	 * real HTTP. Fails with the end of the log when the process exits first or the
	 * timeout passes.
	 */
	public void awaitHealthy(String baseUrl, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
						+ " before it was healthy at " + baseUrl + "; the end of " + this.log + ":\n" + outputTail(60));
			}
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && "UP".equals(JsonPath.read(response.body(), "$.status"))) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (JsonPathException ex) {
				// Something else answers on that port, or not yet the health endpoint.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(this.name + " was not healthy at " + baseUrl + " within " + timeout
						+ "; the end of " + this.log + ":\n" + outputTail(60));
			}
			sleep(Duration.ofMillis(250));
		}
	}

	/**
	 * Stop the process as an orchestrator would (SIGTERM, so it shuts down gracefully),
	 * then kill it and whatever it started if it is still there after 30 seconds.
	 */
	public void stop() {
		if (!this.process.isAlive()) {
			return;
		}
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ", log " + this.log + ")";
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

}
