package io.dppmint.resolver;

import java.util.Arrays;

import io.dppmint.resolver.verify.VerifyCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The resolver: answers scans of resolver URLs with the product's passport. With the
 * first argument {@code verify} it is instead the offline signature verifier
 * ({@link VerifyCommand}).
 */
@SpringBootApplication
public class ResolverApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("verify")) {
			// Offline: no context, no database (./dpp verify).
			System.exit(VerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		SpringApplication.run(ResolverApplication.class, args);
	}

}
