package io.dppmint.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at {@link TestPostgres} through the platform's own
 * {@code dpp.db.*} properties, so that apps under test connect exactly as they do in
 * production.
 */
class TestPostgresContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new TestPostgresContextCustomizer();
	}

	private static final class TestPostgresContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TestPostgres postgres = TestPostgres.get();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("testPostgres",
						Map.of("dpp.db.url", postgres.jdbcUrl(), "dpp.db.username", postgres.username(),
								"dpp.db.password", postgres.password(), "dpp.secrets.identifier-key",
								TestSecrets.IDENTIFIER_KEY, "dpp.secrets.download-signing-key",
								TestSecrets.DOWNLOAD_SIGNING_KEY, "dpp.secrets.audit-key", TestSecrets.AUDIT_KEY,
								// Files an app keeps (credentials, checkpoints) stay in
								// the
								// module's build folder.
								"dpp.db.home", "target/dpp-home")));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TestPostgresContextCustomizer;
		}

		@Override
		public int hashCode() {
			return TestPostgresContextCustomizer.class.hashCode();
		}

	}

}
