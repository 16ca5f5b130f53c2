package io.dppmint.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
	void anOrphanedPostgresIsStoppedOnlyWhenItsPidFileNamesALiveProcess() throws Exception {
		assertThat(Platform.stopOrphanedPostgres(this.folder)).isFalse();
		Files.createDirectories(this.folder.resolve("postgres"));
		Files.writeString(this.folder.resolve("postgres/postmaster.pid"), "999999999\n/data\n");
		assertThat(Platform.stopOrphanedPostgres(this.folder)).isFalse();
	}

	@Test
	void workersNeitherLaunchNorMigrate() {
		assertThat(Platform.workerArguments(0)).containsExactly("--dpp.mint.role=worker", "--dpp.db.migrate=false",
				"--server.port=0");
	}

}
