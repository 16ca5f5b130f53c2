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
 * Demo data is loaded only on request, and only by the app that migrates (after the
 * migrations, as the schema's owner). No database is needed: the loader is never run
 * here.
 */
class DemoAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CatalogAutoConfiguration.class, DemoAutoConfiguration.class))
		.withUserConfiguration(UnconnectedJdbcClient.class);

	@Test
	void loadsNothingWithoutTheDemoProperty() {
		this.contextRunner.withPropertyValues("dpp.db.migrate=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("demoDataLoader"));
	}

	@Test
	void loadsNothingWhenTheDemoPropertyIsFalse() {
		this.contextRunner.withPropertyValues("dpp.demo=false", "dpp.db.migrate=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("demoDataLoader"));
	}

	@Test
	void loadsNothingInAnAppThatDoesNotMigrate() {
		this.contextRunner.withPropertyValues("dpp.demo=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("demoDataLoader"));
	}

	@Test
	void loadsAfterTheMigrationsInTheMigratingAppWithTheDemoProperty() {
		this.contextRunner.withPropertyValues("dpp.demo=true", "dpp.db.migrate=true")
			.run((context) -> assertThat(context).hasBean("demoDataLoader"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UnconnectedJdbcClient {

		@Bean
		JdbcClient jdbcClient() {
			return JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"));
		}

	}

}
