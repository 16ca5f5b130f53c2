package io.dppmint.resolver;

import javax.sql.DataSource;

import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.token.TokenRevocation;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Adds the fixtures to a resolver test context. */
@TestConfiguration(proxyBeanMethods = false)
public class ResolverTestConfiguration {

	@Bean
	ResolverFixtures resolverFixtures(DataSource dataSource, IdentifierScheme identifiers, TokenRevocation revocation) {
		return new ResolverFixtures(dataSource, identifiers, revocation);
	}

}
