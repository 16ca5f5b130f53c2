package io.dppmint.mint;

import java.util.ArrayList;
import java.util.List;

import io.dppmint.core.cli.AppCommand;
import io.dppmint.mint.audit.AuditCommandConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The mint-jobs app. Without arguments it runs as a service: it picks up queued mint
 * requests, resumes interrupted jobs and owns the schema migrations. With a command
 * ({@code mint ...}) it runs that one command as a Spring Cloud Task and exits with its
 * outcome; {@code audit-verify} verifies the audit chain and exits 0 only when it is
 * intact.
 */
@SpringBootApplication
public class MintJobsApplication {

	private static final List<String> COMMANDS = List.of("mint", AuditCommandConfiguration.COMMAND);

	public static void main(String[] args) {
		String command = AppCommand.of(args, "mint-jobs", COMMANDS);
		if (command == null) {
			SpringApplication.run(MintJobsApplication.class, args);
			return;
		}
		List<String> arguments = new ArrayList<>();
		if (command.equals(AuditCommandConfiguration.COMMAND)) {
			// Read-only: it neither migrates, seals nor moves the checkpoint on.
			// Arguments,
			// since application.yml turns all three on (later arguments still win).
			arguments.addAll(List.of("--dpp.db.migrate=false", "--dpp.audit.sealing.enabled=false",
					"--dpp.audit.verification.enabled=false"));
		}
		arguments.addAll(List.of(args));
		AppCommand.exit(new SpringApplicationBuilder(MintJobsApplication.class).web(WebApplicationType.NONE)
			.properties("dpp.cli.command=" + command, "dpp.mint.launcher.enabled=false", "spring.main.banner-mode=off",
					"spring.cloud.task.name=dpp-" + command)
			.run(arguments.toArray(String[]::new)));
	}

}
