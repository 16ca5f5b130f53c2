package io.dppmint.platform.process;

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

/**
 * An executable jar started as a separate JVM, the way an orchestrator runs it: its own
 * environment and arguments, its output in a log file (or the caller's terminal), health
 * checked over real HTTP, stopped with SIGTERM so that it shuts down gracefully.
 * <p>
 * The process ignores SIGINT: a Ctrl-C in the terminal reaches every process of the
 * foreground group, and the apps must stop in an order (mint-jobs, which may have started
 * the embedded PostgreSQL, last), which only their starter can keep. A SIGINT-ignoring
 * JVM still stops on SIGTERM and runs its shutdown hooks. The JVM is the same executable
 * as the starter's unless told otherwise.
 */
public final class JarProcess implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final Path log;

	private JarProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * A process of {@code jar} to configure and {@link Launch#start() start}.
	 * @param jar the executable jar
	 * @return its launch settings
	 */
	public static Launch of(Path jar) {
		return new Launch(jar);
	}

	public String name() {
		return this.name;
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

	/** The log file, or {@code null} when the output goes to the starter's terminal. */
	public Path log() {
		return this.log;
	}

	/** The output so far (empty when it goes to the terminal). */
	public String output() {
		if (this.log == null) {
			return "";
		}
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
	 * real HTTP (Spring Boot answers 503 while the app is not ready, its start-up runners
	 * included). Fails with the end of the log when the process exits first or the
	 * timeout passes.
	 * @param baseUrl the app's root URL
	 * @param timeout how long to wait
	 */
	public void awaitHealthy(String baseUrl, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited during start-up (status " + this.process.exitValue() + ")" + logHint(30));
			}
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(this.name + " did not become healthy at " + baseUrl + " in "
						+ timeout.toSeconds() + " s" + logHint(30));
			}
			sleep(Duration.ofMillis(250));
		}
	}

	/** Ask the process to stop (SIGTERM) without waiting. */
	public void requestStop() {
		this.process.destroy();
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
		return this.name + " (pid " + this.process.pid() + ((this.log != null) ? ", log " + this.log : "") + ")";
	}

	private String logHint(int lines) {
		return (this.log != null) ? "; its log: " + this.log + ", ending:\n" + outputTail(lines) : "";
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

	/** How to start one {@link JarProcess}. */
	public static final class Launch {

		private final Path jar;

		private String name;

		private String java = ProcessHandle.current().info().command().orElse("java");

		private final List<String> jvmOptions = new ArrayList<>();

		private final List<String> arguments = new ArrayList<>();

		private final Map<String, String> environment = new LinkedHashMap<>();

		private Path log;

		private boolean appendLog;

		private Launch(Path jar) {
			this.jar = jar;
			String file = jar.getFileName().toString();
			this.name = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
		}

		/** The name messages use (default: the jar's file name without {@code .jar}). */
		public Launch name(String name) {
			this.name = name;
			return this;
		}

		/** The {@code java} executable (default: the one running this JVM). */
		public Launch java(String java) {
			this.java = java;
			return this;
		}

		/** JVM options, before {@code -jar}. */
		public Launch jvmOptions(List<String> options) {
			this.jvmOptions.addAll(options);
			return this;
		}

		/** The app's arguments, after the jar. */
		public Launch arguments(List<String> arguments) {
			this.arguments.addAll(arguments);
			return this;
		}

		/**
		 * Variables added to the inherited environment (later calls win for a name).
		 */
		public Launch environment(Map<String, String> environment) {
			this.environment.putAll(environment);
			return this;
		}

		/**
		 * Write standard output and error to {@code log} (its folder is created),
		 * appended or replacing what is there; without a log they go to this process's
		 * own.
		 */
		public Launch log(Path log, boolean append) {
			this.log = log.toAbsolutePath();
			this.appendLog = append;
			return this;
		}

		public JarProcess start() {
			List<String> command = new ArrayList<>(List.of("sh", "-c", "trap '' INT; exec \"$@\"", this.name));
			command.add(this.java);
			command.addAll(this.jvmOptions);
			command.add("-jar");
			command.add(this.jar.toString());
			command.addAll(this.arguments);
			ProcessBuilder builder = new ProcessBuilder(command);
			builder.environment().putAll(this.environment);
			try {
				if (this.log != null) {
					Files.createDirectories(this.log.getParent());
					builder.redirectErrorStream(true)
						.redirectOutput(this.appendLog ? ProcessBuilder.Redirect.appendTo(this.log.toFile())
								: ProcessBuilder.Redirect.to(this.log.toFile()));
				}
				else {
					builder.inheritIO();
				}
				return new JarProcess(this.name, builder.start(), this.log);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start " + this.jar, ex);
			}
		}

	}

}
