package io.dppmint.core.export;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

import io.dppmint.core.audit.AuditAutoConfiguration;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.database.DatabaseProperties;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintingAutoConfiguration;
import io.dppmint.core.nfc.JdbcTagProgrammerCertificates;
import io.dppmint.core.secrets.PlatformSecrets;
import io.dppmint.core.secrets.SecretsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Export intake, repository, pack storage and download signing for every app: the console
 * and API request exports and sign download URLs, export-jobs runs and serves them. The
 * signer is created when first needed, so apps that never sign or check a download URL
 * (the resolver, mint-jobs) neither need nor read the signing key.
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, MintingAutoConfiguration.class,
		AuditAutoConfiguration.class, SecretsAutoConfiguration.class })
@EnableConfigurationProperties({ ExportProperties.class, DatabaseProperties.class })
public class ExportAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	DownloadUrlSigner downloadUrlSigner(PlatformSecrets secrets, ExportProperties properties) {
		byte[] key = secrets.downloadSigningKey();
		try {
			return new DownloadUrlSigner(key, Clock.systemUTC(), properties.downloadTtl());
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	PackStorage packStorage(ExportProperties properties, DatabaseProperties database) {
		Path root = (properties.storageRoot() != null) ? properties.storageRoot() : database.home().resolve("packs");
		return new LocalDirectoryPackStorage(root);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(JdbcClient.class)
	JdbcExportRepository jdbcExportRepository(JdbcClient jdbc) {
		return new JdbcExportRepository(jdbc);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(JdbcClient.class)
	ExportIntake exportIntake(PlatformTransactionManager transactionManager, JdbcMintBatchRepository batches,
			JdbcExportRepository exports, AuditLog auditLog, JdbcClient jdbc) {
		return new ExportIntake(new TransactionTemplate(transactionManager), batches, exports, auditLog,
				new JdbcTagProgrammerCertificates(jdbc));
	}

}
