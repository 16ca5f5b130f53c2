package io.dppmint.export.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportLockedException;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.ExportRejectedException;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.ExportSubmission;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.export.job.ExportFiles;
import io.dppmint.export.job.ExportLease;
import io.dppmint.jobs.cli.CommandFollower;
import io.dppmint.jobs.cli.CommandFollower.Progress;
import io.dppmint.jobs.cli.CommandOutcome;
import io.dppmint.jobs.cli.ExitCode;
import io.dppmint.jobs.runner.LeasedJobRunner;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * {@code ./dpp export --batch ID}: requests the batch's export through the same intake as
 * the API and the console, runs or resumes it in this process (or, if an export-jobs
 * service got to it first, follows it, and takes over if that process dies), then prints
 * the packs and their checksums. Exit code: 0 only when the export is completed; 1 when
 * it failed; 2 for a rejected request or bad options; 3 when another process holds the
 * export's live lease.
 */
class ExportCommand implements ApplicationRunner {

	static final String USAGE = "./dpp export --batch ID";

	private final ExportIntake intake;

	private final JdbcExportRepository exports;

	private final LeasedJobRunner<ExportLease> runner;

	private final CommandOutcome outcome;

	private final PrintStream out = System.out;

	ExportCommand(ExportIntake intake, JdbcExportRepository exports, LeasedJobRunner<ExportLease> runner,
			CommandOutcome outcome) {
		this.intake = intake;
		this.exports = exports;
		this.runner = runner;
		this.outcome = outcome;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		long batchId;
		ExportSubmission submission;
		try {
			batchId = batchId(arguments);
			submission = this.intake.request(batchId, null, "cli:" + System.getProperty("user.name", "unknown"));
		}
		catch (ExportRejectedException ex) {
			System.err.println("Export rejected (" + ex.reason().code() + "): " + ex.getMessage());
			this.outcome.set(ExitCode.REJECTED);
			return;
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			this.outcome.set(ExitCode.REJECTED);
			return;
		}
		catch (ExportLockedException ex) {
			System.err.println(ex.getMessage());
			this.outcome.set(ExitCode.LOCKED);
			return;
		}
		Export export = submission.export();
		this.out.printf("Export %d of batch %d: %d packs (%s)%n", export.id(), batchId, export.packCount(),
				switch (submission.outcome()) {
					case CREATED -> "new";
					case QUEUED -> "queued";
					case RESUMED -> "resuming after " + submission.packs().size() + " completed packs";
					case COMPLETED -> "already completed";
				});
		Export result = runToEnd(export.id());
		List<ExportPack> packs = this.exports.packs(result.id());
		this.out.printf("%6s %8s %12s  %s%n", "pack", "rows", "bytes", "sha256");
		for (ExportPack pack : packs) {
			this.out.printf("%6d %8d %12d  %s  %s%n", pack.packNumber(), pack.rowCount(), pack.byteSize(),
					pack.sha256(), ExportFiles.packFileName(result.id(), pack.packNumber()));
		}
		for (JdbcExportRepository.KeyPack keyPack : this.exports.keyPacks(result.id())) {
			this.out.printf("%6d %8s %12d  %s  %s%n", keyPack.packNumber(), "keys", keyPack.byteSize(),
					keyPack.sha256(), ExportFiles.keyPackFileName(result.id(), keyPack.packNumber()));
		}
		if (result.status() == ExportStatus.COMPLETED) {
			this.out.printf("manifest %d bytes  %s  %s%n", result.manifestByteSize(), result.manifestSha256(),
					ExportFiles.manifestFileName(result.id()));
		}
		this.out.printf("Export %d %s: %d of %d packs%s%n", result.id(), result.status().value(), packs.size(),
				result.packCount(), (result.error() != null) ? " (" + result.error() + ")" : "");
		this.outcome.set((result.status() == ExportStatus.COMPLETED) ? ExitCode.SUCCEEDED : ExitCode.FAILED);
	}

	private Export runToEnd(long exportId) throws InterruptedException {
		return CommandFollower.runToEnd(exportId, this.runner::run, () -> this.exports.find(exportId).orElseThrow(),
				(export) -> new Progress(this.exports.packs(exportId).size(), export.packCount(),
						export.status().value(), export.status().isFinal()),
				this.out);
	}

	private static long batchId(ApplicationArguments arguments) {
		for (String name : arguments.getOptionNames()) {
			if (!Set.of("batch").contains(name) && !name.contains(".")) {
				throw new IllegalArgumentException("Unknown option --" + name + ". Usage: " + USAGE);
			}
		}
		List<String> values = arguments.getOptionValues("batch");
		if (values == null || values.size() != 1 || values.get(0).isBlank()) {
			throw new IllegalArgumentException("--batch is required, once. Usage: " + USAGE);
		}
		try {
			return Long.parseLong(values.get(0).strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"--batch must be a batch id (a whole number), not '" + values.get(0) + "'");
		}
	}

}
