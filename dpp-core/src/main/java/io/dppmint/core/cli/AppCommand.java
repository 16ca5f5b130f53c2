package io.dppmint.core.cli;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-shot commands of the apps ({@code mint}, {@code export}): an app's first
 * argument, when it is not an option, names a command that runs once and exits with its
 * outcome instead of starting the service.
 */
public final class AppCommand {

	private AppCommand() {
	}

	/**
	 * The command the first argument names, or {@code null} when there is none (the app
	 * runs as a service). An unknown command is reported with the ones the app knows, and
	 * the JVM exits with status 2.
	 * @param args the app's arguments
	 * @param app the app's name, for the message
	 * @param commands the commands the app knows
	 */
	public static String of(String[] args, String app, List<String> commands) {
		String command = (args.length > 0 && !args[0].startsWith("-")) ? args[0] : null;
		if (command != null && !commands.contains(command)) {
			System.err.println("Unknown command '" + command + "'; the " + app + " app knows " + commands);
			System.exit(2);
		}
		return command;
	}

	/**
	 * A whole-number option of a command ({@code --quantity=1_000_000}; {@code _} and
	 * {@code ,} may group digits), or {@code fallback} when it is not given.
	 */
	public static long option(ApplicationArguments arguments, String name, long fallback) {
		List<String> values = arguments.getOptionValues(name);
		if (values == null || values.isEmpty()) {
			return fallback;
		}
		return Long.parseLong(values.getFirst().replace("_", "").replace(",", ""));
	}

	/** {@link #option(ApplicationArguments, String, long)} for an {@code int}. */
	public static int intOption(ApplicationArguments arguments, String name, int fallback) {
		return Math.toIntExact(option(arguments, name, fallback));
	}

	/** Exit the JVM with the status of a command's finished context. */
	public static void exit(ConfigurableApplicationContext context) {
		System.exit(SpringApplication.exit(context));
	}

}
