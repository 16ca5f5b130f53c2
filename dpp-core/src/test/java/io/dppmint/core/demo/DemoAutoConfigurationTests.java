package io.dppmint.core.demo;

import io.dppmint.core.catalog.CatalogAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo data is loaded only on request. No database is needed: the runner is never run
 * here, and nothing connects before it runs.
 */
class DemoAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CatalogAutoConfiguration.class, DemoAutoConfiguration.class))
		.withUserConfiguration(UnconnectedJdbcClient.class);

	@Test
	void loadsNothingWithoutTheDemoProperty() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DemoData.class));
	}

	@Test
	void loadsNothingWhenTheDemoPropertyIsFalse() {
		this.contextRunner.withPropertyValues("dpp.demo=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DemoData.class));
	}

	@Test
	void registersTheDemoRunnerWhenTheDemoPropertyIsTrue() {
		this.contextRunner.withPropertyValues("dpp.demo=true")
			.run((context) -> assertThat(context).hasSingleBean(DemoData.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UnconnectedJdbcClient {

		@Bean
		JdbcClient jdbcClient() {
			return JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"));
		}

	}

}
