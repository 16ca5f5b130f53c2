package io.dppmint.resolver;

import javax.sql.DataSource;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.token.TokenRevocation;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

/** Adds the fixtures to a resolver test context. */
@TestConfiguration(proxyBeanMethods = false)
public class ResolverTestConfiguration {

	@Bean
	ResolverFixtures resolverFixtures(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, DataSource dataSource, TransactionTemplate transactions,
			IdentifierScheme identifiers, TokenRevocation revocation) {
		return new ResolverFixtures(brands, products, intake, batches, dataSource, transactions, identifiers,
				revocation);
	}

}
