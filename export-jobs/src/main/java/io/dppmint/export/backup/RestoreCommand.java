package io.dppmint.export.backup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.dppmint.jobs.cli.CommandOutcome;
import io.dppmint.jobs.cli.ExitCode;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * {@code ./dpp restore --file FILE [--dry-run]}: verifies a backup archive and restores
 * its brand into this installation in one transaction (docs/backup.md); with
 * {@code --dry-run}, verifies and reports what it would restore, writing nothing. Exit
 * code: 0 restored (or would be); 1 refused by a check (a checksum, the identifier key,
 * the schema version, a conflict with this installation's data) or failed, nothing
 * written; 2 bad options or not a readable archive.
 */
class RestoreCommand implements ApplicationRunner {

	static final String USAGE = "./dpp restore --file FILE [--dry-run]";

	private final BrandRestore restore;

	private final CommandOutcome outcome;

	private final PrintStream out = System.out;

	RestoreCommand(BrandRestore restore, CommandOutcome outcome) {
		this.restore = restore;
		this.outcome = outcome;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		Path file;
		boolean dryRun;
		try {
			CommandOptions.allowOnly(arguments, Set.of("file", "dry-run"), USAGE);
			file = Path.of(CommandOptions.required(arguments, "file", USAGE)).toAbsolutePath();
			dryRun = CommandOptions.flag(arguments, "dry-run", USAGE);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			this.outcome.set(ExitCode.REJECTED);
			return;
		}
		long started = System.nanoTime();
		BrandRestore.Restored restored;
		try {
			restored = this.restore.restore(file, dryRun, "cli:" + System.getProperty("user.name", "unknown"));
		}
		catch (BackupRefusedException ex) {
			ex.reasons().forEach((reason) -> System.err.println("Restore refused: " + reason));
			System.err.println("Nothing was written.");
			this.outcome.set(ex.badInput() ? ExitCode.REJECTED : ExitCode.FAILED);
			return;
		}
		BackupManifest manifest = restored.manifest();
		this.out.printf("Archive %s verified: sha256 %s, brand %s from installation %s (schema version %s, %s)%n", file,
				restored.archiveSha256(), manifest.brand(), manifest.installationId(), manifest.schemaVersion(),
				manifest.createdAt());
		this.out.printf("%-26s %10s%n", "entry", "rows");
		for (Map.Entry<String, Long> entry : restored.rows().entrySet()) {
			this.out.printf("%-26s %10d%n", entry.getKey(), entry.getValue());
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		if (restored.dryRun()) {
			this.out.printf("Dry run: brand %s and its %d tokens would be restored; nothing was written (%d ms)%n",
					manifest.brand(), restored.tokens(), millis);
		}
		else {
			this.out.printf("Restored brand %s (id %d here) with %d tokens in %d ms%n", manifest.brand(),
					restored.brandId(), restored.tokens(), millis);
		}
		this.outcome.set(ExitCode.SUCCEEDED);
	}

}
