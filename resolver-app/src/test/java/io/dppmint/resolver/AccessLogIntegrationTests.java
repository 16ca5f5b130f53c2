package io.dppmint.resolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Tomcat's access log switched on, it shows the client's truncated network and never
 * its address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessLogIntegrationTests {

	private static final Path directory = createDirectory();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void accessLog(DynamicPropertyRegistry registry) {
		registry.add("server.tomcat.accesslog.enabled", () -> "true");
		registry.add("server.tomcat.accesslog.buffered", () -> "false");
		registry.add("server.tomcat.accesslog.directory", directory::toString);
	}

	@Test
	void logsTheTruncatedNetworkNeverTheAddress() throws Exception {
		ScanHttp http = new ScanHttp(this.port);

		http.get("/t/0000000000000");
		http.get("/01/09506000134352/21/X?trace=1");
		http.get("/no/such/page");

		String log = awaitLog("/no/such/page");
		assertThat(log).contains("127.0.0.0/24").contains("GET /t/0000000000000").doesNotContain("127.0.0.1");
	}

	private static String awaitLog(String expected) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String log = "";
		while (System.nanoTime() < deadline) {
			StringBuilder all = new StringBuilder();
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.toList()) {
					all.append(Files.readString(file, StandardCharsets.UTF_8));
				}
			}
			log = all.toString();
			if (log.contains(expected)) {
				return log;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("The access log did not show " + expected + ": " + log);
	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("resolver-access-log");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
