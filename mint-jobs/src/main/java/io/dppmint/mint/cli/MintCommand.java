package io.dppmint.mint.cli;

import java.io.PrintStream;

import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintRejectedException;
import io.dppmint.core.minting.MintSubmission;
import io.dppmint.jobs.cli.CommandFollower;
import io.dppmint.jobs.cli.CommandFollower.Progress;
import io.dppmint.jobs.cli.CommandOutcome;
import io.dppmint.jobs.cli.ExitCode;
import io.dppmint.jobs.runner.LeasedJobRunner;
import io.dppmint.mint.job.BatchLease;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * {@code ./dpp mint}: submits one mint request through the same intake as the API and the
 * console, runs its job in this process (or, if another mint-jobs process got to it
 * first, follows it), shows progress, and sets the exit code: 0 only when the batch ends
 * minted, 1 when it fails, 2 for a rejected request.
 */
class MintCommand implements ApplicationRunner {

	private final MintRequests requests;

	private final JdbcMintBatchRepository batches;

	private final LeasedJobRunner<BatchLease> runner;

	private final CommandOutcome outcome;

	private final PrintStream out;

	MintCommand(MintRequests requests, JdbcMintBatchRepository batches, LeasedJobRunner<BatchLease> runner,
			CommandOutcome outcome) {
		this.requests = requests;
		this.batches = batches;
		this.runner = runner;
		this.outcome = outcome;
		this.out = System.out;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		MintSubmission submission;
		try {
			submission = this.requests.submit(MintCommandArguments.parse(arguments));
		}
		catch (MintRejectedException ex) {
			System.err.println("Mint request rejected:");
			ex.violations()
				.forEach((violation) -> System.err.println("  - " + violation.field() + ": " + violation.message()));
			this.outcome.set(ExitCode.REJECTED);
			return;
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			this.outcome.set(ExitCode.REJECTED);
			return;
		}
		MintBatch batch = submission.batch();
		this.out.printf("Batch %d: %,d units of product %d (%s, %s%s)%s%n", batch.id(), batch.quantity(),
				batch.productId(), batch.identityMode().value(), batch.activationMode().value(),
				batch.signed() ? ", signed: GS1 AI 8030" : "",
				submission.created() ? "" : " — already submitted with this idempotency key");
		MintBatch result = CommandFollower.runToEnd(batch.id(), this.runner::run,
				() -> this.batches.find(batch.id()).orElseThrow(), MintCommand::progress, this.out);
		this.out.printf("Batch %d %s: %,d of %,d units minted%s%n", result.id(), result.status().value(),
				result.mintedCount(), result.quantity(), (result.error() != null) ? " (" + result.error() + ")" : "");
		this.outcome.set((result.status() == MintBatchStatus.MINTED) ? ExitCode.SUCCEEDED : ExitCode.FAILED);
	}

	private static Progress progress(MintBatch batch) {
		return new Progress(batch.mintedCount(), batch.quantity(), batch.status().value(), batch.status().isFinal());
	}

}
