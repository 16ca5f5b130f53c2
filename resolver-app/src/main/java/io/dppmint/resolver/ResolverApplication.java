package io.dppmint.resolver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The resolver: answers scans of resolver URLs with the product's passport.
 */
@SpringBootApplication
public class ResolverApplication {

	public static void main(String[] args) {
		SpringApplication.run(ResolverApplication.class, args);
	}

}
