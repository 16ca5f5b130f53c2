package io.dppmint.platform.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JarProcessTests {

	@TempDir
	Path folder;

	@Test
	void startsAJarWithItsEnvironmentAndArgumentsAndWaitsForItsHealth() throws Exception {
		int port = LoopbackPorts.free(1)[0];
		try (JarProcess process = JarProcess.of(fakeAppJar())
			.name("fake")
			.arguments(List.of(this.folder.toString()))
			.environment(Map.of("SERVER_PORT", Integer.toString(port), "FAKE_NAME", "Fake"))
			.log(this.folder.resolve("logs/fake.log"), false)
			.start()) {
			process.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(30));
			assertThat(process.output()).contains("fake app up with " + this.folder + " as Fake");
			assertThat(process.log()).isEqualTo(this.folder.resolve("logs/fake.log"));
		}
	}

	@Test
	void ignoresCtrlCAndStopsGracefullyOnSigterm() throws Exception {
		int port = LoopbackPorts.free(1)[0];
		JarProcess process = JarProcess.of(fakeAppJar())
			.arguments(List.of(this.folder.toString()))
			.environment(Map.of("SERVER_PORT", Integer.toString(port)))
			.log(this.folder.resolve("fake.log"), false)
			.start();
		try {
			process.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(30));
			new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
			Thread.sleep(1000);
			assertThat(process.isAlive()).as("alive after SIGINT").isTrue();
		}
		finally {
			process.stop();
		}
		assertThat(process.isAlive()).isFalse();
		assertThat(process.process().exitValue()).isEqualTo(143);
		assertThat(this.folder.resolve("stopped")).hasContent("stopped");
	}

	@Test
	void aProcessThatExitsDuringStartUpFailsTheHealthWaitWithItsLog() throws Exception {
		int port = LoopbackPorts.free(1)[0];
		// No SERVER_PORT: the fake app fails at once.
		try (JarProcess process = JarProcess.of(fakeAppJar())
			.name("broken")
			.arguments(List.of(this.folder.toString()))
			.log(this.folder.resolve("broken.log"), false)
			.start()) {
			assertThatIllegalStateException()
				.isThrownBy(() -> process.awaitHealthy("http://127.0.0.1:" + port, Duration.ofSeconds(30)))
				.withMessageStartingWith("broken exited during start-up (status 1); its log: " + this.folder)
				.withMessageContaining("NumberFormatException");
		}
	}

	@Test
	void freePortsDifferAndAreFree() {
		int[] ports = LoopbackPorts.free(3);
		assertThat(ports).doesNotHaveDuplicates();
		for (int port : ports) {
			assertThat(LoopbackPorts.inUse(port)).isFalse();
		}
	}

	/** A jar whose manifest runs {@link FakeApp} from the test classes. */
	private Path fakeAppJar() throws IOException {
		Path jar = this.folder.resolve("fake-app.jar");
		if (Files.exists(jar)) {
			return jar;
		}
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeApp.class.getName());
		Path classes = Path.of(FakeApp.class.getProtectionDomain().getCodeSource().getLocation().getPath());
		manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
		try (OutputStream out = Files.newOutputStream(jar)) {
			// The manifest is the whole jar.
			new JarOutputStream(out, manifest).close();
		}
		return jar;
	}

}
