package io.dppmint.benchmarks.launch;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import io.dppmint.benchmarks.database.BenchmarkDatabase;
import io.dppmint.platform.App;
import io.dppmint.platform.AppJars;
import io.dppmint.platform.Platform;

/**
 * Starts the app a benchmark measures as it is deployed: its packaged jar as a separate
 * JVM through the platform launcher ({@link Platform}), on a free loopback port, against
 * the benchmark database with its keys, {@code DPP_HOME} at {@code $DPP_HOME/bench} and
 * its log in {@code $DPP_HOME/bench/logs/<app>.log} (replaced each run). Its JVM options
 * are the benchmark's, or {@code DPP_JAVA_OPTS} when set. It is stopped when the
 * benchmark closes it, or when the benchmark process is stopped (Ctrl-C, SIGTERM).
 */
public final class BenchmarkApps {

	private final BenchmarkDatabase database;

	private final AppJars jars;

	private final String javaOptions;

	private final PrintStream out;

	public BenchmarkApps(BenchmarkDatabase database, AppJars jars, String javaOptions, PrintStream out) {
		this.database = database;
		this.jars = jars;
		this.javaOptions = (javaOptions != null && !javaOptions.isBlank()) ? javaOptions.strip() : null;
		this.out = out;
	}

	/**
	 * Start {@code app} alone and wait until it is healthy.
	 * @param app the app to measure
	 * @param jvmOptions its JVM options unless {@code DPP_JAVA_OPTS} says otherwise
	 * @param settings further settings (arguments, workers, ...)
	 * @return the running app; stop it with {@link Platform#close()}
	 */
	public Platform start(App app, List<String> jvmOptions, Consumer<Platform.Builder> settings) {
		Platform.Builder builder = Platform.builder(this.jars)
			.apps(EnumSet.of(app))
			.freePorts()
			.home(this.database.home())
			.logDirectory(this.database.home().resolve("logs"))
			.appendLogs(false)
			.environment(this.database.appEnvironment())
			.jvmOptions((this.javaOptions != null) ? List.of(this.javaOptions.split("\\s+")) : jvmOptions)
			.progress((message) -> this.out.println("Benchmark: " + message));
		settings.accept(builder);
		Platform platform = builder.build();
		// The apps ignore Ctrl-C (so that a launcher stops them in order): stop them when
		// this process is interrupted, since its try-with-resources blocks do not unwind
		// then.
		Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "benchmark-apps-stop"));
		return platform.start();
	}

}
