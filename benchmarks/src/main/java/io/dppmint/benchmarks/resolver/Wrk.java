package io.dppmint.benchmarks.resolver;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * wrk, the HTTP load generator the resolver benchmark drives the resolver with, and the
 * baseline it drives the same way (nginx). The benchmarks install nothing: when one is
 * missing they say so and how to install it.
 */
public final class Wrk {

	private Wrk() {
	}

	/**
	 * Why the resolver benchmark cannot run, or empty when wrk is on the {@code PATH}.
	 * @return the message naming what is missing and the command that installs it
	 */
	public static Optional<String> missing() {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String folder : path.split(File.pathSeparator)) {
				Path candidate = Path.of(folder.isEmpty() ? "." : folder, "wrk");
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return Optional.empty();
				}
			}
		}
		String sudo = "root".equals(System.getProperty("user.name")) ? "" : "sudo ";
		return Optional.of("dpp bench resolver: wrk (the HTTP load generator) is not installed. Install it with\n"
				+ "    " + sudo + "apt-get install -y wrk\n"
				+ "(Debian and Ubuntu; elsewhere see https://github.com/wg/wrk) and run the benchmark again.");
	}

	/**
	 * Why the resolver benchmark cannot run its baseline (nginx answering a fixed 307),
	 * or empty when it can.
	 * @return the message naming what is missing and the command that installs it
	 */
	public static Optional<String> missingBaseline() {
		return Nginx.missing();
	}

}
