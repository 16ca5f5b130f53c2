package io.dppmint.export;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;

/**
 * The packaged export-jobs app started as a separate JVM against the test database,
 * configured the way production is (environment variables), storing packs under
 * {@link #STORAGE_ROOT}, with its output in {@code target/}.
 */
public final class ExportJobsProcess {

	/** Where processes started here store packs. */
	public static final Path STORAGE_ROOT = Path.of("target", "process-packs").toAbsolutePath();

	private ExportJobsProcess() {
	}

	public static Process start(String logName, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-jar");
		command.add(jar().toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		TestPostgres postgres = TestPostgres.get();
		Map<String, String> environment = builder.environment();
		environment.put("DPP_DB_URL", postgres.jdbcUrl());
		environment.put("DPP_DB_USERNAME", postgres.username());
		environment.put("DPP_DB_PASSWORD", postgres.password());
		environment.put("DPP_SECRETS_IDENTIFIER_KEY", TestSecrets.IDENTIFIER_KEY);
		environment.put("DPP_SECRETS_DOWNLOAD_SIGNING_KEY", TestSecrets.DOWNLOAD_SIGNING_KEY);
		environment.put("DPP_EXPORT_STORAGE_ROOT", STORAGE_ROOT.toString());
		environment.put("SERVER_PORT", "0");
		File log = Path.of("target", logName + ".log").toFile();
		builder.redirectErrorStream(true).redirectOutput(log);
		return builder.start();
	}

	public static String output(String logName) throws IOException {
		return Files.readString(Path.of("target", logName + ".log"));
	}

	private static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("export-jobs-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No packaged export-jobs jar in target/: run the integration tests through ./mvnw verify"));
		}
	}

}
