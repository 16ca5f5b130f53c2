package io.dppmint.core.digsig;

import io.dppmint.core.secrets.KeyWrapping;
import io.dppmint.core.secrets.PlatformSecrets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Provides {@link BrandKeys}. The signing KEK is read only when a key is created or
 * unwrapped, so apps that only publish keys (the resolver) never ask for it.
 */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@EnableConfigurationProperties(DigsigProperties.class)
public class DigsigAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BrandKeys brandKeys(JdbcClient jdbc, PlatformSecrets secrets, DigsigProperties properties) {
		return new BrandKeys(jdbc, KeyWrapping.underSigningKek(secrets::signingKek), properties.prepublication());
	}

}
