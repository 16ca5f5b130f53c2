package io.dppmint.mint;

import io.dppmint.core.cli.AppCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The mint-jobs app. Without arguments it runs as a service: it picks up queued mint
 * requests, resumes interrupted jobs and owns the schema migrations. With a command
 * ({@code mint ...}) it runs that one command as a Spring Cloud Task and exits with its
 * outcome.
 */
@SpringBootApplication
public class MintJobsApplication {

	private static final java.util.List<String> COMMANDS = java.util.List.of("mint");

	public static void main(String[] args) {
		String command = AppCommand.of(args, "mint-jobs", COMMANDS);
		if (command == null) {
			SpringApplication.run(MintJobsApplication.class, args);
			return;
		}
		AppCommand.exit(new SpringApplicationBuilder(MintJobsApplication.class).web(WebApplicationType.NONE)
			.properties("dpp.cli.command=" + command, "dpp.mint.launcher.enabled=false", "spring.main.banner-mode=off",
					"spring.cloud.task.name=dpp-" + command)
			.run(args));
	}

}
