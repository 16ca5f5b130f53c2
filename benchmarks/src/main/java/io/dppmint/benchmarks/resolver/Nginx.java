package io.dppmint.benchmarks.resolver;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.dppmint.platform.process.LoopbackPorts;

/**
 * The resolver benchmark's baseline: nginx on a loopback port answering every request
 * with the same {@code 307} and {@code Location} (no lookup, no logging), driven by the
 * same wrk with the same paths, so that the resolver's figures can be read as a ratio to
 * what the machine gives the simplest possible redirect server. The benchmarks install
 * nothing: when nginx is missing they say so and how to install it.
 */
final class Nginx implements AutoCloseable {

	private static final List<String> FOLDERS = List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin");

	private final Process process;

	private final int port;

	private Nginx(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Why the resolver benchmark cannot run its baseline, or empty when nginx is
	 * installed.
	 * @return the message naming what is missing and the command that installs it
	 */
	static Optional<String> missing() {
		if (executable().isPresent()) {
			return Optional.empty();
		}
		String sudo = "root".equals(System.getProperty("user.name")) ? "" : "sudo ";
		return Optional.of("dpp bench resolver: nginx (the baseline the resolver is compared with: a fixed 307)"
				+ " is not installed. Install it with\n" + "    " + sudo + "apt-get install -y nginx\n"
				+ "(Debian and Ubuntu; elsewhere see https://nginx.org/en/linux_packages.html). Only the program is"
				+ " used: the benchmark starts its own nginx on a loopback port and stops it, whatever service the"
				+ " package set up. Then run the benchmark again.");
	}

	/**
	 * Start nginx on a free loopback port, as many workers as cores, answering
	 * {@code 307 Location: /passport/...} to everything.
	 * @param work a folder for its configuration, logs and pid file
	 * @return the running server
	 * @throws IOException if its files cannot be written
	 * @throws InterruptedException if interrupted while it starts
	 */
	static Nginx start(Path work) throws IOException, InterruptedException {
		Path binary = executable().orElseThrow(() -> new IllegalStateException(missing().orElse("")));
		int port = LoopbackPorts.free(1)[0];
		Path prefix = Files.createDirectories(work.resolve("nginx"));
		Path config = prefix.resolve("nginx.conf");
		Files.writeString(config, """
				worker_processes auto;
				daemon off;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log warn;
				events { worker_connections 4096; }
				http {
					access_log off;
					client_body_temp_path %1$s/client_body;
					proxy_temp_path %1$s/proxy;
					fastcgi_temp_path %1$s/fastcgi;
					uwsgi_temp_path %1$s/uwsgi;
					scgi_temp_path %1$s/scgi;
					keepalive_requests 100000000;
					server {
						listen 127.0.0.1:%2$d;
						location / { return 307 /passport/01/04099999000012/21/0000000000000; }
					}
				}
				""".formatted(prefix.toAbsolutePath(), port));
		Process process = new ProcessBuilder(binary.toString(), "-p", prefix.toAbsolutePath().toString(), "-c",
				config.toAbsolutePath().toString())
			.redirectErrorStream(true)
			.redirectOutput(prefix.resolve("stdout.log").toFile())
			.start();
		Nginx nginx = new Nginx(process, port);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!nginx.answers()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				nginx.close();
				throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("stdout.log"))
						+ readIfExists(prefix.resolve("error.log")));
			}
			Thread.sleep(50);
		}
		return nginx;
	}

	/** Its base URL. */
	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String readIfExists(Path file) throws IOException {
		return Files.exists(file) ? Files.readString(file) : "";
	}

	private static Optional<Path> executable() {
		String path = System.getenv("PATH");
		List<String> folders = new ArrayList<>(FOLDERS);
		if (path != null) {
			folders.addAll(0, List.of(path.split(File.pathSeparator)));
		}
		for (String folder : folders) {
			Path candidate = Path.of(folder.isEmpty() ? "." : folder, "nginx");
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
