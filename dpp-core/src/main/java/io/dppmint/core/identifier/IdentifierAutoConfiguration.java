package io.dppmint.core.identifier;

import java.util.Arrays;

import io.dppmint.core.secrets.PlatformSecrets;
import io.dppmint.core.secrets.SecretsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Provides the {@link IdentifierScheme} keyed with the platform's identifier key, so that
 * every app (mint, export, resolver, console) derives the same identifiers.
 */
@AutoConfiguration(after = SecretsAutoConfiguration.class)
public class IdentifierAutoConfiguration {

	@Bean
	IdentifierScheme identifierScheme(PlatformSecrets secrets) {
		byte[] key = secrets.identifierKey();
		try {
			return new IdentifierScheme(key);
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

}
