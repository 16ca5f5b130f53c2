package io.dppmint.export.backup;

import java.util.List;
import java.util.Set;

import org.springframework.boot.ApplicationArguments;

/**
 * The options of the backup commands, checked the way {@code ./dpp export} checks its
 * own.
 */
final class CommandOptions {

	private CommandOptions() {
	}

	/** Refuse options other than {@code names} (Spring properties with a dot pass). */
	static void allowOnly(ApplicationArguments arguments, Set<String> names, String usage) {
		for (String name : arguments.getOptionNames()) {
			if (!names.contains(name) && !name.contains(".")) {
				throw new IllegalArgumentException("Unknown option --" + name + ". Usage: " + usage);
			}
		}
		// The first argument names the command.
		if (arguments.getNonOptionArgs().size() > 1) {
			throw new IllegalArgumentException(
					"Unexpected argument " + arguments.getNonOptionArgs().get(1) + ". Usage: " + usage);
		}
	}

	static String required(ApplicationArguments arguments, String name, String usage) {
		String value = optional(arguments, name, usage);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required. Usage: " + usage);
		}
		return value;
	}

	static String optional(ApplicationArguments arguments, String name, String usage) {
		List<String> values = arguments.getOptionValues(name);
		if (values == null) {
			return null;
		}
		if (values.size() != 1 || values.getFirst().isBlank()) {
			throw new IllegalArgumentException("--" + name + " takes one value. Usage: " + usage);
		}
		return values.getFirst().strip();
	}

	static boolean flag(ApplicationArguments arguments, String name, String usage) {
		List<String> values = arguments.getOptionValues(name);
		if (values == null) {
			return false;
		}
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("--" + name + " takes no value. Usage: " + usage);
		}
		return true;
	}

}
