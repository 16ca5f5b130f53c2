package io.dppmint.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.dppmint.core.audit.AuditCheckpointFile.InvalidCheckpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the audit chain on a schedule and keeps the outcome for the app's health and
 * the console. The first round, and one every {@code fullInterval}, walks the whole
 * chain; the rounds between verify only what was sealed since (the last intact position
 * must still hold its hash). Every round holds the chain against the checkpoint file, if
 * there is one.
 * <p>
 * In the sealing app ({@code writesCheckpoints}) a round that finds the chain intact
 * moves the checkpoint on to its end: a checkpoint is only ever written after the chain
 * was verified against the previous one, so each extends the last, and a chain that was
 * wiped, truncated or rebuilt never gets a checkpoint that would hide it. Events sealed
 * since the last checkpoint are the only ones whose removal from the end of the chain
 * cannot be told (the operator shortens that window with the interval).
 */
public final class AuditChainMonitor {

	private static final Logger log = LoggerFactory.getLogger(AuditChainMonitor.class);

	private final AuditChainVerifier verifier;

	private final AuditCheckpointFile checkpoints;

	private final boolean writesCheckpoints;

	private final Duration fullInterval;

	private final Clock clock;

	private volatile AuditVerification latest;

	private AuditChainVerifier.Anchor anchor;

	private Instant lastFull;

	/**
	 * @param verifier the verifier
	 * @param checkpoints the checkpoint file, or {@code null} when there is none
	 * @param writesCheckpoints whether this app moves the checkpoint on
	 * @param fullInterval how often the whole chain is walked
	 * @param clock the clock
	 */
	public AuditChainMonitor(AuditChainVerifier verifier, AuditCheckpointFile checkpoints, boolean writesCheckpoints,
			Duration fullInterval, Clock clock) {
		this.verifier = verifier;
		this.checkpoints = checkpoints;
		this.writesCheckpoints = writesCheckpoints && checkpoints != null;
		this.fullInterval = fullInterval;
		this.clock = clock;
	}

	/** The outcome of the last round, or {@code null} before the first one ended. */
	public AuditVerification latest() {
		return this.latest;
	}

	/** The checkpoint file, or {@code null} when there is none. */
	public AuditCheckpointFile checkpoints() {
		return this.checkpoints;
	}

	/**
	 * One round: verify, keep the outcome, and move the checkpoint on where this app
	 * does.
	 * @return the outcome
	 */
	public synchronized AuditVerification verifyNow() {
		Instant now = this.clock.instant();
		AuditCheckpoint checkpoint;
		try {
			// Read before the chain is: everything a checkpoint covers was committed
			// before it was written, so the chain read next holds it all.
			checkpoint = (this.checkpoints != null) ? this.checkpoints.read().orElse(null) : null;
		}
		catch (InvalidCheckpointException ex) {
			return keep(AuditVerification.refused("The audit checkpoint cannot be trusted: " + ex.getMessage(), now));
		}
		boolean full = this.anchor == null || this.lastFull == null
				|| !now.isBefore(this.lastFull.plus(this.fullInterval));
		AuditVerification outcome = full ? this.verifier.verify(checkpoint)
				: this.verifier.verifyAfter(this.anchor, checkpoint);
		if (outcome.intact()) {
			this.anchor = outcome.anchor();
			if (full) {
				this.lastFull = now;
			}
			if (this.writesCheckpoints && (checkpoint == null || outcome.position() > checkpoint.position())) {
				try {
					this.checkpoints.write(new AuditCheckpoint(outcome.position(), outcome.hash(), outcome.unkeyedEnd(),
							this.clock.instant()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not write the audit checkpoint " + this.checkpoints.path(),
							ex);
				}
			}
		}
		else {
			this.anchor = null;
			this.lastFull = null;
		}
		return keep(outcome);
	}

	private AuditVerification keep(AuditVerification outcome) {
		AuditVerification previous = this.latest;
		this.latest = outcome;
		if (!outcome.intact()
				&& (previous == null || previous.intact() || !Objects.equals(previous.problem(), outcome.problem()))) {
			log.error("The audit chain is NOT intact: {}{}", outcome.problem(),
					(outcome.brokenAt() != null) ? " (first bad position " + outcome.brokenAt() + ")" : "");
		}
		else if (outcome.intact() && previous != null && !previous.intact()) {
			log.warn("The audit chain verifies again ({} events)", outcome.position());
		}
		return outcome;
	}

}
