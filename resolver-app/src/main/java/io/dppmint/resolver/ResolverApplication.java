package io.dppmint.resolver;

import java.util.List;

import io.dppmint.core.cli.AppCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The resolver: answers scans of resolver URLs with the product's passport. With the
 * command {@code bench-resolver} it starts on a free port, runs the resolver benchmark
 * against itself and exits.
 */
@SpringBootApplication
public class ResolverApplication {

	private static final List<String> COMMANDS = List.of("bench-resolver");

	public static void main(String[] args) {
		String command = AppCommand.of(args, "resolver", COMMANDS);
		if (command == null) {
			SpringApplication.run(ResolverApplication.class, args);
			return;
		}
		AppCommand.runOnFreePort(ResolverApplication.class, command, args);
	}

}
