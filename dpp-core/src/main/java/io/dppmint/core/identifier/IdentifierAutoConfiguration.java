package io.dppmint.core.identifier;

import java.util.Arrays;

import io.dppmint.core.secrets.PlatformSecrets;
import io.dppmint.core.secrets.SecretsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Provides the {@link IdentifierScheme} keyed with the platform's identifier key, so that
 * every app that shows or resolves identifiers (export, resolver, console) derives the
 * same ones. Created when first needed: an app that never shows an identifier (mint-jobs
 * writes token numbers only) neither needs nor reads the key.
 */
@AutoConfiguration(after = SecretsAutoConfiguration.class)
public class IdentifierAutoConfiguration {

	@Bean
	@Lazy
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
