package io.dppmint.core.secrets;

import io.dppmint.core.database.DatabaseProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Provides {@link PlatformSecrets}; development keys are allowed only on the embedded
 * database.
 */
@AutoConfiguration
@EnableConfigurationProperties({ SecretsProperties.class, DatabaseProperties.class })
public class SecretsAutoConfiguration {

	@Bean
	PlatformSecrets platformSecrets(SecretsProperties secrets, DatabaseProperties database) {
		return PlatformSecrets.resolve(secrets, database.embedded() ? database.home().toAbsolutePath() : null);
	}

}
