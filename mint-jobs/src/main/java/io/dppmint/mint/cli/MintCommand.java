package io.dppmint.mint.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Optional;

import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintRejectedException;
import io.dppmint.core.minting.MintSubmission;
import io.dppmint.mint.launcher.BatchLease;
import io.dppmint.mint.launcher.MintJobRunner;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * {@code ./dpp mint}: submits one mint request through the same intake as the API and the
 * console, runs its job in this process (or, if another mint-jobs process got to it
 * first, follows it), shows progress, and sets the exit code: 0 only when the batch ends
 * minted, 1 when it fails, 2 for a rejected request.
 */
class MintCommand implements ApplicationRunner {

	private final MintRequests requests;

	private final JdbcMintBatchRepository batches;

	private final MintJobRunner runner;

	private final JdbcConnectionDetails database;

	private final CommandOutcome outcome;

	private final PrintStream out;

	MintCommand(MintRequests requests, JdbcMintBatchRepository batches, MintJobRunner runner,
			JdbcConnectionDetails database, CommandOutcome outcome) {
		this.requests = requests;
		this.batches = batches;
		this.runner = runner;
		this.database = database;
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
			this.outcome.set(2);
			return;
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			this.outcome.set(2);
			return;
		}
		MintBatch batch = submission.batch();
		this.out.printf("Batch %d: %,d units of product %d (%s, %s)%s%n", batch.id(), batch.quantity(),
				batch.productId(), batch.identityMode().value(), batch.activationMode().value(),
				submission.created() ? "" : " — already submitted with this idempotency key");
		MintBatch result = runToEnd(batch);
		this.out.printf("Batch %d %s: %,d of %,d units minted%s%n", result.id(), result.status().value(),
				result.mintedCount(), result.quantity(), (result.error() != null) ? " (" + result.error() + ")" : "");
		this.outcome.set((result.status() == MintBatchStatus.MINTED) ? 0 : 1);
	}

	private MintBatch runToEnd(MintBatch batch) throws SQLException, InterruptedException {
		ProgressBar progress = new ProgressBar(this.out, System.console() != null);
		Thread reporter = Thread.ofVirtual().start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				this.batches.find(batch.id())
					.ifPresent((current) -> progress.show(current.mintedCount(), current.quantity(),
							current.status().value()));
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		try {
			while (true) {
				MintBatch current = this.batches.find(batch.id()).orElseThrow();
				if (current.status() == MintBatchStatus.MINTED || current.status() == MintBatchStatus.FAILED) {
					return current;
				}
				Optional<BatchLease> lease = BatchLease.tryAcquire(this.database, batch.id());
				if (lease.isPresent()) {
					try (BatchLease held = lease.get()) {
						this.runner.run(held);
					}
				}
				else {
					// Another mint-jobs process runs it; follow it, and take over if that
					// process dies.
					Thread.sleep(500);
				}
			}
		}
		finally {
			reporter.interrupt();
			reporter.join();
			MintBatch last = this.batches.find(batch.id()).orElseThrow();
			progress.show(last.mintedCount(), last.quantity(), last.status().value());
			progress.finish();
		}
	}

}
