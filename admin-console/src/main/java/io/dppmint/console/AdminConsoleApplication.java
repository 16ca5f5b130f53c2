package io.dppmint.console;

import java.util.List;

import io.dppmint.core.cli.AppCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The admin console: web UI, brand-portal REST API and job operations. With the command
 * {@code bench-console} it starts on a free port, runs the console benchmark against
 * itself and exits.
 */
@SpringBootApplication
public class AdminConsoleApplication {

	private static final List<String> COMMANDS = List.of("bench-console");

	public static void main(String[] args) {
		String command = AppCommand.of(args, "console", COMMANDS);
		if (command == null) {
			SpringApplication.run(AdminConsoleApplication.class, args);
			return;
		}
		AppCommand.runOnFreePort(AdminConsoleApplication.class, command, args);
	}

}
