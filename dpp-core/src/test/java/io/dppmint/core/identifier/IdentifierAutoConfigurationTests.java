package io.dppmint.core.identifier;

import java.util.Base64;

import io.dppmint.core.secrets.SecretsAutoConfiguration;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdentifierAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecretsAutoConfiguration.class, IdentifierAutoConfiguration.class))
		.withPropertyValues("dpp.db.url=jdbc:postgresql://db.example.com/dpp",
				"dpp.secrets.identifier-key=" + TestSecrets.IDENTIFIER_KEY,
				"dpp.secrets.download-signing-key=" + TestSecrets.DOWNLOAD_SIGNING_KEY);

	@Test
	void keysTheIdentifierSchemeWithThePlatformIdentifierKey() {
		IdentifierScheme expected = new IdentifierScheme(Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(IdentifierScheme.class);
			IdentifierScheme scheme = context.getBean(IdentifierScheme.class);
			assertThat(scheme.encode(1)).isEqualTo(expected.encode(1));
			assertThat(scheme.encode(Long.MAX_VALUE)).isEqualTo(expected.encode(Long.MAX_VALUE));
		});
	}

	@Test
	void startsWithoutTheKeyInAnAppThatNeverUsesIdentifiers() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SecretsAutoConfiguration.class, IdentifierAutoConfiguration.class))
			.withPropertyValues("dpp.db.url=jdbc:postgresql://db.example.com/dpp")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThatExceptionOfType(BeanCreationException.class)
					.isThrownBy(() -> context.getBean(IdentifierScheme.class))
					.withMessageContaining("DPP_SECRETS_IDENTIFIER_KEY");
			});
	}

}
