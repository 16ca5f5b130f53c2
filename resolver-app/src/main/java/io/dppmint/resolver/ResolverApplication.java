package io.dppmint.resolver;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The resolver: answers scans of resolver URLs with the product's passport. With the
 * command {@code bench-resolver} it starts on a free port, runs the resolver benchmark
 * against itself and exits.
 */
@SpringBootApplication
public class ResolverApplication {

	private static final List<String> COMMANDS = List.of("bench-resolver");

	public static void main(String[] args) {
		String command = (args.length > 0 && !args[0].startsWith("-")) ? args[0] : null;
		if (command == null) {
			SpringApplication.run(ResolverApplication.class, args);
			return;
		}
		if (!COMMANDS.contains(command)) {
			System.err.println("Unknown command '" + command + "'; the resolver app knows " + COMMANDS);
			System.exit(2);
		}
		// The benchmark may be the first app on a fresh embedded database, so it may
		// migrate, and it takes a free port. As arguments these override application.yml
		// (and later arguments override them).
		String[] arguments = new String[args.length + 2];
		arguments[0] = "--dpp.db.migrate=true";
		arguments[1] = "--server.port=0";
		System.arraycopy(args, 0, arguments, 2, args.length);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ResolverApplication.class)
			.properties("dpp.cli.command=" + command, "spring.main.banner-mode=off")
			.run(arguments);
		System.exit(SpringApplication.exit(context));
	}

}
