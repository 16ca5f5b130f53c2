package io.dppmint.resolver.nfc;

import io.dppmint.core.nfc.JdbcBrandNfcKeys;
import io.dppmint.core.nfc.JdbcNfcTagCounters;
import io.dppmint.core.secrets.KeyWrapping;
import io.dppmint.core.secrets.PlatformSecrets;
import io.dppmint.core.token.TokenActivation;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Verification of NFC taps, and the signed verdicts the passport shows. */
@Configuration(proxyBeanMethods = false)
class NfcConfiguration {

	@Bean
	NfcTaps nfcTaps(JdbcClient jdbc, PlatformTransactionManager transactionManager, TokenActivation activation,
			JdbcBrandNfcKeys keys, MeterRegistry meters, @Value("${dpp.resolver.cache-size:10000}") int cacheSize,
			@Value("${dpp.resolver.cache-ttl:60s}") java.time.Duration cacheTtl) {
		return new NfcTaps(new JdbcNfcTagCounters(jdbc), new TransactionTemplate(transactionManager), activation, keys,
				meters, cacheSize, cacheTtl);
	}

	@Bean
	VerdictSigner verdictSigner(PlatformSecrets secrets) {
		KeyWrapping nfcKek = KeyWrapping.underNfcKek(secrets::nfcKek);
		return new VerdictSigner(() -> nfcKek.derive("nfc-verdict"));
	}

}
