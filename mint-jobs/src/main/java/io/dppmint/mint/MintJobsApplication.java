package io.dppmint.mint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The mint-jobs app. Without arguments it runs as a service: it picks up queued mint
 * requests, resumes interrupted jobs and owns the schema migrations. With a command
 * ({@code mint ...}) it runs that one command as a Spring Cloud Task and exits with its
 * outcome.
 */
@SpringBootApplication
public class MintJobsApplication {

	private static final java.util.List<String> COMMANDS = java.util.List.of("mint", "bench-mint");

	public static void main(String[] args) {
		String command = (args.length > 0 && !args[0].startsWith("-")) ? args[0] : null;
		if (command == null) {
			SpringApplication.run(MintJobsApplication.class, args);
			return;
		}
		if (!COMMANDS.contains(command)) {
			System.err.println("Unknown command '" + command + "'; the mint-jobs app knows " + COMMANDS);
			System.exit(2);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MintJobsApplication.class)
			.web(WebApplicationType.NONE)
			.properties("dpp.cli.command=" + command, "dpp.mint.launcher.enabled=false", "spring.main.banner-mode=off",
					"spring.cloud.task.name=dpp-" + command)
			.run(args);
		System.exit(SpringApplication.exit(context));
	}

}
