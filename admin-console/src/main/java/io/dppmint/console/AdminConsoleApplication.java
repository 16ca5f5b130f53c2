package io.dppmint.console;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The admin console: web UI, brand-portal REST API and job operations. With the command
 * {@code bench-console} it starts on a free port, runs the console benchmark against
 * itself and exits.
 */
@SpringBootApplication
public class AdminConsoleApplication {

	private static final List<String> COMMANDS = List.of("bench-console");

	public static void main(String[] args) {
		String command = (args.length > 0 && !args[0].startsWith("-")) ? args[0] : null;
		if (command == null) {
			SpringApplication.run(AdminConsoleApplication.class, args);
			return;
		}
		if (!COMMANDS.contains(command)) {
			System.err.println("Unknown command '" + command + "'; the console app knows " + COMMANDS);
			System.exit(2);
		}
		// The benchmark may be the first app on a fresh embedded database, so it may
		// migrate, and it takes a free port. As arguments these override application.yml
		// (and later arguments override them).
		String[] arguments = new String[args.length + 2];
		arguments[0] = "--dpp.db.migrate=true";
		arguments[1] = "--server.port=0";
		System.arraycopy(args, 0, arguments, 2, args.length);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AdminConsoleApplication.class)
			.properties("dpp.cli.command=" + command, "spring.main.banner-mode=off")
			.run(arguments);
		System.exit(SpringApplication.exit(context));
	}

}
