package io.dppmint.export.backup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import io.dppmint.jobs.cli.CommandOutcome;
import io.dppmint.jobs.cli.ExitCode;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * {@code ./dpp backup --brand CODE [--out FILE] [--without-grants]}: writes the brand's
 * backup archive and {@code FILE.sha256} beside it (docs/backup.md), and prints the
 * entries with their counts and checksums. Exit code: 0 when written; 2 for bad options
 * or an unknown brand; 1 when writing failed.
 */
class BackupCommand implements ApplicationRunner {

	static final String USAGE = "./dpp backup --brand CODE [--out FILE] [--without-grants]";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final BrandBackup backup;

	private final CommandOutcome outcome;

	private final PrintStream out = System.out;

	BackupCommand(BrandBackup backup, CommandOutcome outcome) {
		this.backup = backup;
		this.outcome = outcome;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		String brand;
		Path file;
		boolean withGrants;
		try {
			CommandOptions.allowOnly(arguments, Set.of("brand", "out", "without-grants"), USAGE);
			brand = CommandOptions.required(arguments, "brand", USAGE);
			String out = CommandOptions.optional(arguments, "out", USAGE);
			file = Path
				.of((out != null) ? out
						: brand + "-" + STAMP.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)) + ".zip")
				.toAbsolutePath();
			withGrants = !CommandOptions.flag(arguments, "without-grants", USAGE);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			this.outcome.set(ExitCode.REJECTED);
			return;
		}
		long started = System.nanoTime();
		BrandBackup.Written written;
		try {
			written = this.backup.write(brand, file, withGrants);
		}
		catch (BackupRefusedException ex) {
			ex.reasons().forEach((reason) -> System.err.println("Backup refused: " + reason));
			this.outcome.set(ex.badInput() ? ExitCode.REJECTED : ExitCode.FAILED);
			return;
		}
		BackupManifest manifest = written.manifest();
		this.out.printf("Backup of brand %s (schema version %s, installation %s)%n", manifest.brand(),
				manifest.schemaVersion(), manifest.installationId());
		print(this.out, manifest.entries());
		this.out.printf("tokens %d; identifier-key fingerprint %s%s%n", manifest.tokens(),
				manifest.identifierKeyFingerprint(), manifest.withGrants() ? "" : "; without access grants");
		this.out.printf("%s  %s (%d ms)%n", written.sha256(), file, (System.nanoTime() - started) / 1_000_000);
		this.out.printf("checksum in %s; the identifier key travels separately, never with the archive%n",
				BrandBackup.checksumFile(file));
		this.outcome.set(ExitCode.SUCCEEDED);
	}

	static void print(PrintStream out, List<BackupManifest.Entry> entries) {
		out.printf("%-26s %10s %12s  %s%n", "entry", "rows", "bytes", "sha256");
		for (BackupManifest.Entry entry : entries) {
			out.printf("%-26s %10d %12d  %s%n", entry.name(), entry.rows(), entry.bytes(), entry.sha256());
		}
	}

}
