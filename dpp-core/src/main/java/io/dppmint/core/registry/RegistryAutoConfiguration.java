package io.dppmint.core.registry;

import io.dppmint.core.audit.AuditAutoConfiguration;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.CatalogAutoConfiguration;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.identifier.IdentifierAutoConfiguration;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintingAutoConfiguration;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provides {@link JdbcRegistryRegistrations} and {@link RegistrySubmission} to apps with
 * a database. Both are created when first needed: only the console uses them, and the
 * submission needs the identifier key, which apps that never show identifiers do not
 * read.
 */
@AutoConfiguration(
		after = { JdbcClientAutoConfiguration.class, AuditAutoConfiguration.class, CatalogAutoConfiguration.class,
				MintingAutoConfiguration.class, PassportAutoConfiguration.class, IdentifierAutoConfiguration.class })
@ConditionalOnSingleCandidate(JdbcClient.class)
public class RegistryAutoConfiguration {

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	JdbcRegistryRegistrations jdbcRegistryRegistrations(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			AuditLog audit) {
		return new JdbcRegistryRegistrations(jdbc, new TransactionTemplate(transactionManager), audit);
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	RegistrySubmission registrySubmission(JdbcClient jdbc, JdbcMintBatchRepository batches, JdbcBrandRepository brands,
			JdbcProductRepository products, JdbcProductionRunRepository productionRuns, JdbcPassports passports,
			IdentifierScheme identifiers) {
		return new RegistrySubmission(jdbc, batches, brands, products, productionRuns, passports, identifiers);
	}

}
