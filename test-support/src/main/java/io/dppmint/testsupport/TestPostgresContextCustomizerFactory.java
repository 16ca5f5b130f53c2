package io.dppmint.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at {@link TestPostgres} through the platform's own
 * {@code dpp.db.*} properties, so that apps under test connect exactly as they do in
 * production: as the app's own role (the {@code dpp.db.username} its
 * {@code application.yml} names) when the test asks for it with
 * {@code dpp.test.app-role=true} (a test property, or a system property for a whole
 * module's tests), else as the schema's owner, whose rights test fixtures written through
 * the app's beans need. Migrations, where an app applies them, run as the owner either
 * way.
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
			ConfigurableEnvironment environment = context.getEnvironment();
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("dpp.db.url", postgres.jdbcUrl());
			String appRole = environment.getProperty("dpp.db.username");
			if (environment.getProperty("dpp.test.app-role", Boolean.class, false) && appRole != null
					&& TestPostgres.APP_ROLES.contains(appRole)) {
				properties.put("dpp.db.password", postgres.appRolePassword());
			}
			else {
				properties.put("dpp.db.username", postgres.username());
				properties.put("dpp.db.password", postgres.password());
			}
			properties.put("dpp.db.migration-username", postgres.username());
			properties.put("dpp.db.migration-password", postgres.password());
			properties.put("dpp.secrets.identifier-key", TestSecrets.IDENTIFIER_KEY);
			properties.put("dpp.secrets.download-signing-key", TestSecrets.DOWNLOAD_SIGNING_KEY);
			properties.put("dpp.secrets.audit-key", TestSecrets.AUDIT_KEY);
			properties.put("dpp.secrets.signing-kek", TestSecrets.SIGNING_KEK);
			properties.put("dpp.secrets.nfc-kek", TestSecrets.NFC_KEK);
			// Files an app keeps (credentials, checkpoints) stay in the module's build
			// folder, apart from other test JVMs' (another database, other keys).
			properties.put("dpp.db.home", TestPostgres.home().toString());
			// One machine, even when the CI runner is a Kubernetes pod (AppProcess too).
			properties.put("spring.main.cloud-platform", "none");
			environment.getPropertySources().addFirst(new MapPropertySource("testPostgres", properties));
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
