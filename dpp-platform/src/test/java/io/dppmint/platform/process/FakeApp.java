package io.dppmint.platform.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a packaged app, run from a jar by {@link JarProcessTests}: answers
 * {@code /actuator/health} on the port {@code SERVER_PORT} names, writes its arguments
 * and the file {@code stopped} (next to the log folder) from its shutdown hook.
 */
public final class FakeApp {

	private FakeApp() {
	}

	public static void main(String[] args) throws Exception {
		Path folder = Path.of(args[0]);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> write(folder.resolve("stopped"), "stopped")));
		HttpServer server = HttpServer.create(
				new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(System.getenv("SERVER_PORT"))),
				0);
		server.createContext("/actuator/health", (exchange) -> {
			byte[] body = "{\"components\":{\"db\":{\"status\":\"UP\"}},\"status\":\"UP\"}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		System.out.println("fake app up with " + String.join(" ", args) + " as " + System.getenv("FAKE_NAME"));
		Thread.sleep(Long.MAX_VALUE);
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
