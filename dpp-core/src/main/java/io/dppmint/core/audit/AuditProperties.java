package io.dppmint.core.audit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit chain's settings ({@code dpp.audit.*}). Only the apps that hold the audit key
 * seal or verify: mint-jobs seals, verifies and moves the checkpoint on; the console
 * verifies (for its page and its health); the resolver and export-jobs only record
 * events.
 *
 * @param sealInterval pause between two sealing rounds
 * @param sealing sealing recorded events into the chain
 * @param verification the scheduled verification
 * @param checkpoint the checkpoint kept outside the database
 */
@ConfigurationProperties("dpp.audit")
public record AuditProperties(@DefaultValue("200ms") Duration sealInterval, @DefaultValue Sealing sealing,
		@DefaultValue Verification verification, @DefaultValue Checkpoint checkpoint) {

	/**
	 * Sealing.
	 *
	 * @param enabled whether this app seals (it needs the audit key)
	 */
	public record Sealing(@DefaultValue("false") boolean enabled) {
	}

	/**
	 * The scheduled verification, shown in {@code /actuator/health} ({@code auditChain})
	 * and in the console.
	 *
	 * @param enabled whether this app verifies (it needs the audit key)
	 * @param interval pause between two rounds (each verifies what was sealed since)
	 * @param fullInterval how often a round walks the whole chain
	 */
	public record Verification(@DefaultValue("false") boolean enabled, @DefaultValue("30s") Duration interval,
			@DefaultValue("1h") Duration fullInterval) {
	}

	/**
	 * The checkpoint file.
	 *
	 * @param file where it is; by default {@code <DPP_HOME>/audit/checkpoint}
	 * @param write whether this app moves it on after each intact verification (the
	 * sealing app)
	 */
	public record Checkpoint(Path file, @DefaultValue("false") boolean write) {
	}

}
