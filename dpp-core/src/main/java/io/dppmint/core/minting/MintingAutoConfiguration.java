package io.dppmint.core.minting;

import io.dppmint.core.audit.AuditAutoConfiguration;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.CatalogAutoConfiguration;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.digsig.DigsigAutoConfiguration;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Minting repositories shared by every app (the console shows batches, the job apps
 * advance them).
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, CatalogAutoConfiguration.class,
		AuditAutoConfiguration.class, DigsigAutoConfiguration.class, PassportAutoConfiguration.class })
public class MintingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JdbcBrandCounters jdbcBrandCounters(JdbcClient jdbc) {
		return new JdbcBrandCounters(jdbc);
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcMintBatchRepository jdbcMintBatchRepository(JdbcClient jdbc, JdbcBrandCounters counters) {
		return new JdbcMintBatchRepository(jdbc, counters);
	}

	@Bean
	@ConditionalOnMissingBean
	MintIntake mintIntake(PlatformTransactionManager transactionManager, JdbcBrandRepository brands,
			JdbcProductRepository products, JdbcProductionRunRepository productionRuns, JdbcMintBatchRepository batches,
			JdbcBrandCounters counters, AuditLog auditLog, ObjectProvider<BrandKeys> brandKeys,
			ObjectProvider<JdbcPassports> passports) {
		return new MintIntake(new TransactionTemplate(transactionManager), brands, products, productionRuns, batches,
				counters, auditLog, brandKeys.getIfAvailable(), passports.getIfAvailable());
	}

}
