package io.dppmint.export;

import java.util.List;

import io.dppmint.core.cli.AppCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The export-jobs app: turns minted batches into CSV print packs. Without arguments it
 * runs as a service: it picks up requested exports (LISTEN/NOTIFY), takes over exports
 * whose process died, and serves pack downloads through signed URLs. With a command
 * ({@code export --batch ID}, {@code backup --brand CODE}, {@code restore --file FILE})
 * it runs that one command as a Spring Cloud Task and exits with its outcome.
 */
@SpringBootApplication
public class ExportJobsApplication {

	private static final List<String> COMMANDS = List.of("export", "backup", "restore");

	public static void main(String[] args) {
		String command = AppCommand.of(args, "export-jobs", COMMANDS);
		if (command == null) {
			SpringApplication.run(ExportJobsApplication.class, args);
			return;
		}
		AppCommand.exit(new SpringApplicationBuilder(ExportJobsApplication.class).web(WebApplicationType.NONE)
			.properties("dpp.cli.command=" + command, "dpp.export.launcher.enabled=false",
					"dpp.epcis.capture.enabled=false", "spring.main.banner-mode=off",
					"spring.cloud.task.name=dpp-" + command)
			.run(args));
	}

}
