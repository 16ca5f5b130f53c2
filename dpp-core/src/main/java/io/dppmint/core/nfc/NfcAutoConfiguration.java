package io.dppmint.core.nfc;

import io.dppmint.core.secrets.KeyWrapping;
import io.dppmint.core.secrets.PlatformSecrets;
import io.dppmint.core.secrets.SecretsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The brands' NFC master keys, for export-jobs (which creates them) and the resolver
 * (which reads them), wrapped under the NFC KEK, which is read on first use only.
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, SecretsAutoConfiguration.class })
public class NfcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(JdbcClient.class)
	JdbcBrandNfcKeys jdbcBrandNfcKeys(JdbcClient jdbc, PlatformSecrets secrets) {
		return new JdbcBrandNfcKeys(jdbc, KeyWrapping.underNfcKek(secrets::nfcKek));
	}

}
