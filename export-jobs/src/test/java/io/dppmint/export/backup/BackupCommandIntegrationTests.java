package io.dppmint.export.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./dpp backup} and {@code ./dpp restore} as a scheduler runs them: the packaged
 * export-jobs app as a process of its own, connecting as the database owner through
 * {@code DPP_DB_MIGRATION_*}, with its exit codes (0 done, 1 refused by a check with
 * nothing written, 2 bad usage or input).
 */
class BackupCommandIntegrationTests {

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	@TempDir
	Path directory;

	@Test
	void backsUpAndRestoresAsProcessesWithTheirExitCodes() throws Exception {
		Brand brand = this.fixtures.aGs1Brand().create();
		Product product = this.fixtures.aProductOf(brand).create();
		this.fixtures.aMintedBatch(product).quantity(120).firstScan().create();
		this.fixtures.aMintedBatch(product).quantity(80).create();
		Path archive = this.directory.resolve("backup.zip");

		assertThat(run("backup-cli-ok", Map.of(), "backup", "--brand=" + brand.code(), "--out=" + archive)).isZero();
		assertThat(AppProcess.output(log("backup-cli-ok"))).contains("tokens 200")
			.contains(Files.readString(BrandBackup.checksumFile(archive)).split(" ")[0]);
		assertThat(run("backup-cli-unknown", Map.of(), "backup", "--brand=no-such-brand", "--out=" + archive))
			.isEqualTo(2);
		assertThat(run("backup-cli-usage", Map.of(), "backup", "--out=" + archive)).isEqualTo(2);

		TestPostgres.Schema fresh = TestPostgres.get().freshSchema();
		Map<String, String> target = Map.of("DPP_DB_URL", fresh.jdbcUrl());
		Path tampered = this.directory.resolve("tampered.zip");
		byte[] bytes = Files.readAllBytes(archive);
		bytes[bytes.length / 2] ^= 0x20;
		Files.write(tampered, bytes);
		Files.writeString(BrandBackup.checksumFile(tampered),
				Files.readString(BrandBackup.checksumFile(archive)).replace("backup.zip", "tampered.zip"));
		assertThat(run("restore-cli-tampered", target, "restore", "--file=" + tampered)).isEqualTo(1);
		assertThat(AppProcess.output(log("restore-cli-tampered"))).contains("Nothing was written");
		assertThat(run("restore-cli-missing", target, "restore", "--file=" + this.directory.resolve("none.zip")))
			.isEqualTo(2);
		assertThat(brands(fresh)).isZero();

		assertThat(run("restore-cli-ok", target, "restore", "--file=" + archive)).isZero();
		assertThat(AppProcess.output(log("restore-cli-ok"))).contains("Restored brand " + brand.code())
			.contains("with 200 tokens");
		assertThat(brands(fresh)).isOne();
		assertThat(JdbcClient.create(fresh.dataSource()).sql("select count(*) from tokens").query(Long.class).single())
			.isEqualTo(200);
	}

	private static String log(String name) {
		return "backup-cli/" + name;
	}

	private static long brands(TestPostgres.Schema schema) {
		return JdbcClient.create(schema.dataSource()).sql("select count(*) from brands").query(Long.class).single();
	}

	private static int run(String logName, Map<String, String> environment, String... arguments) throws Exception {
		String log = log(logName);
		Process process = AppProcess.start(AppProcess.packagedJar("export-jobs"), log, environment, List.of(arguments))
			.process();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("export-jobs did not finish in 180 s: " + AppProcess.output(log));
		}
		return process.exitValue();
	}

}
