package io.dppmint.mint.audit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import io.dppmint.core.audit.AuditChainKey;
import io.dppmint.core.audit.AuditChainVerifier;
import io.dppmint.core.audit.AuditCheckpoint;
import io.dppmint.core.audit.AuditCheckpointFile;
import io.dppmint.core.audit.AuditCheckpointFile.InvalidCheckpointException;
import io.dppmint.core.audit.AuditVerification;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * {@code ./dpp audit verify [--checkpoint FILE]}: walks the whole audit chain with the
 * audit key and holds it against a checkpoint (the one mint-jobs keeps, or a copy the
 * operator kept elsewhere), prints the outcome and exits {@code 0} when the chain is
 * intact, {@code 1} when it is not (naming the first bad position) or the checkpoint
 * cannot be trusted.
 */
final class AuditVerifyCommand implements ApplicationRunner {

	private final AuditChainVerifier verifier;

	private final AuditChainKey key;

	private final AuditCheckpointFile defaultCheckpoint;

	private final PrintStream out;

	private final Outcome outcome;

	AuditVerifyCommand(AuditChainVerifier verifier, AuditChainKey key, AuditCheckpointFile defaultCheckpoint,
			PrintStream out, Outcome outcome) {
		this.verifier = verifier;
		this.key = key;
		this.defaultCheckpoint = defaultCheckpoint;
		this.out = out;
		this.outcome = outcome;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> given = args.getOptionValues("checkpoint");
		AuditCheckpointFile file = (given != null && !given.isEmpty())
				? new AuditCheckpointFile(Path.of(given.getFirst()), this.key) : this.defaultCheckpoint;
		AuditCheckpoint checkpoint;
		try {
			checkpoint = file.read().orElse(null);
		}
		catch (InvalidCheckpointException ex) {
			this.out.println("Audit chain NOT verified: the checkpoint cannot be trusted: " + ex.getMessage());
			return;
		}
		if (checkpoint == null) {
			this.out.println("No audit checkpoint at " + file.path()
					+ ": the chain is verified on its own, so a wiped or truncated chain cannot be told from a young one");
		}
		AuditVerification outcome = this.verifier.verify(checkpoint);
		String against = (checkpoint != null) ? " against the checkpoint of " + checkpoint.writtenAt() + " (position "
				+ checkpoint.position() + ", " + file.path() + ")" : "";
		if (outcome.intact()) {
			this.out.println("Audit chain intact: " + outcome.position() + " events verified" + against
					+ ((outcome.unkeyedEnd() > 0)
							? "; positions 1 to " + outcome.unkeyedEnd() + " were sealed before the audit key existed"
							: ""));
			this.outcome.exitCode = 0;
		}
		else {
			this.out.println("Audit chain BROKEN at position " + outcome.brokenAt() + ": " + outcome.problem()
					+ " (positions 1 to " + outcome.position() + " verify" + against + ")");
		}
	}

	/**
	 * The command's exit code: a bean of its own, since an exit code generator on the
	 * runner itself is lost (docs STACK: task wrapping).
	 */
	static final class Outcome implements ExitCodeGenerator {

		private int exitCode = 1;

		@Override
		public int getExitCode() {
			return this.exitCode;
		}

	}

}
