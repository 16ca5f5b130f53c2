package io.dppmint.platform;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.dppmint.platform.process.JarProcess;
import io.dppmint.platform.process.LoopbackPorts;

/**
 * The command line of {@code dpp-platform.jar}, behind {@code ./dpp up} and
 * {@code ./dpp worker}:
 * <ul>
 * <li>{@code up [--demo] [--workers N]}: start the platform ({@link Platform}) on the
 * default ports (or {@code DPP_CONSOLE_PORT}, {@code DPP_RESOLVER_PORT},
 * {@code DPP_MINT_JOBS_PORT}, {@code DPP_EXPORT_JOBS_PORT}), print its URLs and the new
 * console users' passwords, and run until Ctrl-C (or until an app exits), then stop
 * everything;</li>
 * <li>{@code worker [--threads N] [--property=value ...]}: run one mint partition worker
 * in the foreground against the configured database.</li>
 * </ul>
 * The app jars are those of the source tree this jar was built in (or
 * {@code -Ddpp.root}); the apps inherit this process's environment ({@code DPP_HOME},
 * {@code DPP_DB_URL}, ...).
 */
public final class PlatformCommand {

	private final Map<String, String> environment;

	private final PrintStream out;

	private final PrintStream err;

	private PlatformCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
		this.environment = environment;
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		PlatformCommand command = new PlatformCommand(System.getenv(), System.out, System.err);
		String name = (args.length > 0) ? args[0] : "";
		List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
		int status = switch (name) {
			case "up" -> command.up(options);
			case "worker" -> command.worker(options);
			default -> {
				command.err.println("Usage: java -jar dpp-platform.jar up [--demo] [--workers N]"
						+ " | worker [--threads N] [--property=value ...]");
				yield 2;
			}
		};
		System.exit(status);
	}

	private int up(List<String> arguments) {
		UpOptions options;
		try {
			options = UpOptions.parse(arguments);
		}
		catch (IllegalArgumentException ex) {
			this.err.println("dpp up: " + ex.getMessage() + " (see ./dpp help)");
			return 2;
		}
		Path home = Path.of(this.environment.getOrDefault("DPP_HOME", ".dpp-data"));
		Platform.Builder builder = Platform.builder(AppJars.ofThisSourceTree())
			.home(home)
			.demo(options.demo())
			.progress((message) -> this.out.println("dpp: " + message));
		if (options.workers() >= 0) {
			builder.workers(options.workers());
		}
		for (App app : App.values()) {
			int port;
			try {
				port = port(app);
			}
			catch (IllegalArgumentException ex) {
				this.err.println("dpp up: " + ex.getMessage());
				return 2;
			}
			if (LoopbackPorts.inUse(port)) {
				this.err.println("dpp up: port " + port + " (" + app.module() + ") is already in use on 127.0.0.1;"
						+ " stop what listens there, or give " + app.module() + " another port: " + app.portVariable()
						+ "=<port> ./dpp up");
				return 1;
			}
			builder.port(app, port);
		}
		Platform platform = builder.build();
		AtomicBoolean interrupted = new AtomicBoolean();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			interrupted.set(true);
			this.out.println();
			this.out.println("dpp: stopping...");
			platform.stop();
			this.out.println("dpp: stopped");
		}, "dpp-stop"));
		try {
			platform.start();
		}
		catch (RuntimeException ex) {
			if (!interrupted.get()) {
				this.err.println("dpp: " + ex.getMessage());
			}
			return 1;
		}
		this.out.print(banner(platform, options));
		platform.initialCredentials().ifPresent(this.out::print);
		this.out.flush();
		JarProcess exited = platform.awaitAnyExit();
		if (interrupted.get()) {
			// Ctrl-C: the shutdown hook stops everything and ends this JVM.
			return 0;
		}
		this.err.println("dpp: " + exited.name() + " exited (status " + exited.process().exitValue() + "); its log: "
				+ exited.log() + ", ending:\n" + exited.outputTail(30));
		return 1;
	}

	private String banner(Platform platform, UpOptions options) {
		String database = platform.embeddedDatabase()
				? platform.databaseUrl() + " (embedded; user and password " + Platform.EMBEDDED_DATABASE + ")"
				: platform.databaseUrl();
		StringBuilder banner = new StringBuilder();
		banner.append("\nDPP Mint is up (data in ").append(platform.home()).append("):\n");
		banner.append("  admin console   ")
			.append(platform.url(App.CONSOLE))
			.append("  (API docs /swagger-ui.html, Spring Boot Admin /admin, jobs /jobs)\n");
		banner.append("  resolver        ").append(platform.url(App.RESOLVER)).append('\n');
		banner.append("  mint-jobs       ").append(platform.url(App.MINT_JOBS)).append("/actuator/health\n");
		if (options.workers() > 0) {
			banner.append("  mint workers    ")
				.append(options.workers())
				.append(" (logs ")
				.append(platform.workers().getFirst().log().getParent())
				.append("/mint-worker-*.log)\n");
		}
		banner.append("  export-jobs     ").append(platform.url(App.EXPORT_JOBS)).append("/actuator/health\n");
		banner.append("  PostgreSQL      ").append(database).append('\n');
		banner.append("Press Ctrl-C to stop everything.\n");
		return banner.toString();
	}

	private int port(App app) {
		String value = this.environment.get(app.portVariable());
		if (value == null || value.isBlank()) {
			return app.defaultPort();
		}
		try {
			int port = Integer.parseInt(value.strip());
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(app.portVariable() + " must be a port number, not '" + value + "'");
		}
	}

	private int worker(List<String> arguments) {
		List<String> converted = new ArrayList<>(Platform.workerArguments(0));
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			if (argument.equals("--threads") && i + 1 < arguments.size()) {
				converted.add("--dpp.mint.remote.worker-threads=" + arguments.get(++i));
			}
			else if (argument.startsWith("--threads=")) {
				converted.add("--dpp.mint.remote.worker-threads=" + argument.substring("--threads=".length()));
			}
			else {
				converted.add(argument);
			}
		}
		String javaOptions = this.environment.getOrDefault("DPP_JAVA_OPTS", "").strip();
		JarProcess worker = JarProcess.of(AppJars.ofThisSourceTree().existing(App.MINT_JOBS))
			.name("mint-worker")
			.jvmOptions(javaOptions.isEmpty() ? List.of() : List.of(javaOptions.split("\\s+")))
			.arguments(converted)
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(worker::stop, "dpp-worker-stop"));
		try {
			return worker.process().waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	/**
	 * The options of {@code up}.
	 *
	 * @param demo load the demo data
	 * @param workers worker processes with mint-jobs as their manager, or {@code -1} for
	 * a standalone mint-jobs
	 */
	record UpOptions(boolean demo, int workers) {

		static UpOptions parse(List<String> arguments) {
			boolean demo = false;
			int workers = -1;
			for (int i = 0; i < arguments.size(); i++) {
				String argument = arguments.get(i);
				String value = null;
				if (argument.equals("--demo")) {
					demo = true;
					continue;
				}
				if (argument.equals("--workers")) {
					value = (i + 1 < arguments.size()) ? arguments.get(++i) : "";
				}
				else if (argument.startsWith("--workers=")) {
					value = argument.substring("--workers=".length());
				}
				else {
					throw new IllegalArgumentException("unknown option " + argument);
				}
				if (!value.matches("[0-9]{1,4}")) {
					throw new IllegalArgumentException("--workers takes a number");
				}
				workers = Integer.parseInt(value);
			}
			return new UpOptions(demo, workers);
		}

	}

}
