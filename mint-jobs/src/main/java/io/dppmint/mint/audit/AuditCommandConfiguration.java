package io.dppmint.mint.audit;

import io.dppmint.core.audit.AuditChainKey;
import io.dppmint.core.audit.AuditChainVerifier;
import io.dppmint.core.audit.AuditCheckpointFile;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code audit-verify} command of the mint-jobs app (the app that holds the audit key
 * and keeps the checkpoint): read-only, so not a recorded task.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.cli.command", havingValue = AuditCommandConfiguration.COMMAND)
public class AuditCommandConfiguration {

	/** The command's name. */
	public static final String COMMAND = "audit-verify";

	@Bean
	AuditVerifyCommand.Outcome auditVerifyOutcome() {
		return new AuditVerifyCommand.Outcome();
	}

	@Bean
	AuditVerifyCommand auditVerifyCommand(AuditChainVerifier verifier, AuditChainKey key,
			AuditCheckpointFile checkpoint, AuditVerifyCommand.Outcome outcome) {
		return new AuditVerifyCommand(verifier, key, checkpoint, System.out, outcome);
	}

}
