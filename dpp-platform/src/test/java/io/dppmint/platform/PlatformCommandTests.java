package io.dppmint.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.dppmint.platform.PlatformCommand.UpOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlatformCommandTests {

	@TempDir
	Path folder;

	@Test
	void upTakesDemoAndWorkersInEitherForm() {
		assertThat(UpOptions.parse(List.of())).isEqualTo(new UpOptions(false, -1));
		assertThat(UpOptions.parse(List.of("--demo"))).isEqualTo(new UpOptions(true, -1));
		assertThat(UpOptions.parse(List.of("--demo", "--workers", "2"))).isEqualTo(new UpOptions(true, 2));
		assertThat(UpOptions.parse(List.of("--workers=0"))).isEqualTo(new UpOptions(false, 0));
	}

	@Test
	void upRejectsUnknownOptionsAndBadWorkerCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> UpOptions.parse(List.of("--dmeo")))
			.withMessage("unknown option --dmeo");
		assertThatIllegalArgumentException().isThrownBy(() -> UpOptions.parse(List.of("--workers", "two")))
			.withMessage("--workers takes a number");
		assertThatIllegalArgumentException().isThrownBy(() -> UpOptions.parse(List.of("--workers")))
			.withMessage("--workers takes a number");
	}

	@Test
	void appJarsOfASourceTreeHaveNoVersionInTheirName() {
		AppJars jars = AppJars.inSourceTree(Path.of("/src/dpp"));
		assertThat(jars.jar(App.MINT_JOBS)).isEqualTo(Path.of("/src/dpp/mint-jobs/target/mint-jobs.jar"));
		assertThat(jars.jar(App.CONSOLE)).isEqualTo(Path.of("/src/dpp/admin-console/target/admin-console.jar"));
	}

	@Test
	void givesEachAppThePasswordOfItsOwnDatabaseRoleWhereOneIsSet() {
		Map<String, String> environment = Map.of("DPP_DB_URL", "jdbc:postgresql://db/dpp", "DPP_DB_PASSWORD", "shared",
				"DPP_RESOLVER_DB_PASSWORD", "resolver-secret", "DPP_MINT_JOBS_DB_PASSWORD", "mint-secret");

		assertThat(Platform.databaseRole(App.RESOLVER, environment))
			.containsExactly(Map.entry("DPP_DB_PASSWORD", "resolver-secret"));
		assertThat(Platform.databaseRole(App.MINT_JOBS, environment))
			.containsExactly(Map.entry("DPP_DB_PASSWORD", "mint-secret"));
		assertThat(Platform.databaseRole(App.CONSOLE, environment)).isEmpty();
		assertThat(Stream.of(App.values()).map(App::databasePasswordVariable)).containsExactly(
				"DPP_MINT_JOBS_DB_PASSWORD", "DPP_EXPORT_JOBS_DB_PASSWORD", "DPP_RESOLVER_DB_PASSWORD",
				"DPP_CONSOLE_DB_PASSWORD");
	}

	@Test
	void anOrphanedPostgresIsStoppedOnlyWhenItsPidFileNamesALiveProcess() throws Exception {
		assertThat(Platform.stopOrphanedPostgres(this.folder)).isFalse();
		Files.createDirectories(this.folder.resolve("postgres"));
		Files.writeString(this.folder.resolve("postgres/postmaster.pid"), "999999999\n/data\n");
		assertThat(Platform.stopOrphanedPostgres(this.folder)).isFalse();
	}

	@Test
	void workersNeitherLaunchNorMigrateNorSeal() {
		assertThat(Platform.workerArguments(0)).containsExactly("--dpp.mint.role=worker", "--dpp.db.migrate=false",
				"--dpp.audit.sealing.enabled=false", "--dpp.audit.verification.enabled=false",
				"--dpp.audit.checkpoint.write=false", "--server.port=0");
	}

}
