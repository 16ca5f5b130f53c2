package io.dppmint.core.nfc;

import io.dppmint.core.secrets.PlatformSecrets;
import io.dppmint.core.secrets.SecretsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The NFC key wrapping and the brands' master keys, for export-jobs (which creates them)
 * and the resolver (which reads them). The NFC KEK is read on first use only.
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, SecretsAutoConfiguration.class })
public class NfcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NfcKeyWrapping nfcKeyWrapping(PlatformSecrets secrets) {
		return new NfcKeyWrapping(secrets::nfcKek);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(JdbcClient.class)
	JdbcBrandNfcKeys jdbcBrandNfcKeys(JdbcClient jdbc, NfcKeyWrapping wrapping) {
		return new JdbcBrandNfcKeys(jdbc, wrapping);
	}

}
