package io.dppmint.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import io.dppmint.platform.process.JarProcess;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's security as it runs: each of the four apps logged in to PostgreSQL as
 * its own role, the audit chain sealed, checkpointed by mint-jobs outside the database
 * and verified by the console and by {@code ./dpp audit verify} (mint-jobs'
 * {@code audit-verify} command, in a JVM of its own), and print packs readable by their
 * owner only.
 */
class PlatformSecurityIntegrationTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	private final Platform platform = Platform.get();

	@Test
	void everyAppLogsInAsItsOwnDatabaseRole() {
		List<String> sessions = this.platform.jdbc()
			.sql("select distinct usename::text from pg_stat_activity where datname = current_database()")
			.query(String.class)
			.list();

		assertThat(sessions).containsAll(TestPostgres.APP_ROLES);
	}

	@Test
	void theAuditChainIsCheckpointedOutsideTheDatabaseAndVerifiesAgainstIt() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		Mints.minted(page, "ACME-TEE-001", "active", 5);
		long sealed = awaitSealed();
		Path checkpoint = this.platform.home().resolve("audit/checkpoint");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!covers(checkpoint, sealed) && System.nanoTime() < deadline) {
			Platform.sleep(Duration.ofMillis(500));
		}

		assertThat(covers(checkpoint, sealed)).as("mint-jobs moves the checkpoint on to " + sealed).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(checkpoint))).isEqualTo("rw-------");
		Map<String, String> environment = new HashMap<>(AppProcess.defaultEnvironment());
		environment.put("DPP_HOME", this.platform.home().toString());
		JarProcess verify = JarProcess.of(Path.of(System.getProperty("dpp.system-tests.jar.mint-jobs")))
			.name("audit-verify")
			.environment(environment)
			.arguments(List.of("audit-verify", "--logging.level.root=WARN"))
			.log(Path.of("target", "platform", "audit-verify.log").toAbsolutePath(), false)
			.start();
		assertThat(verify.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(verify.process().exitValue()).as(verify.output()).isZero();
		assertThat(verify.output()).contains("Audit chain intact").contains("against the checkpoint");
		APIResponse status = adminRequest("/api/v1/audit-chain");
		assertThat(JsonPath.<String>read(status.text(), "$.status")).isIn("intact", "pending");
	}

	@Test
	void writesPrintPacksOnlyItsOwnUserMayRead() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchId = Mints.minted(page, "ACME-TEE-001", "active", 3);
		Exports.completed(page, batchId);

		List<Path> stored = new ArrayList<>();
		try (Stream<Path> files = Files.walk(this.platform.packStorage())) {
			files.forEach(stored::add);
		}
		assertThat(stored).filteredOn(Files::isRegularFile)
			.isNotEmpty()
			.allSatisfy((file) -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
				.as(file.toString())
				.isEqualTo("rw-------"));
		assertThat(stored).filteredOn(Files::isDirectory)
			.allSatisfy((folder) -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
				.as(folder.toString())
				.isEqualTo("rwx------"));
	}

	private long awaitSealed() {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		long unsealed;
		do {
			unsealed = this.platform.jdbc()
				.sql("select count(*) from audit_events where chain_seq is null")
				.query(Long.class)
				.single();
			Platform.sleep(Duration.ofMillis(200));
		}
		while (unsealed > 0 && System.nanoTime() < deadline);
		return this.platform.jdbc().sql("select max(chain_seq) from audit_events").query(Long.class).single();
	}

	private static boolean covers(Path checkpoint, long position) {
		try {
			return Files.exists(checkpoint) && Files.readAllLines(checkpoint)
				.stream()
				.filter((line) -> line.startsWith("position "))
				.anyMatch((line) -> Long.parseLong(line.substring("position ".length())) >= position);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private APIResponse adminRequest(String path) {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		return page.request().get(this.platform.consoleUrl() + path);
	}

}
