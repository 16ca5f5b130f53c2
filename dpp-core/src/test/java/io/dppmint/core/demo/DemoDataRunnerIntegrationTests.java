package io.dppmint.core.demo;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrating app started with {@code dpp.demo=true} loads the demo catalogue right
 * after the migrations, as the schema's owner.
 */
@SpringBootTest(classes = DemoDataRunnerIntegrationTests.DemoApplication.class,
		properties = { "dpp.demo=true", "dpp.db.migrate=true" })
@ExtendWith(OutputCaptureExtension.class)
class DemoDataRunnerIntegrationTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private JdbcBrandRepository brands;

	@Test
	void loadsTheDemoCatalogueOnStartup(CapturedOutput output) {
		assertThat(this.context.containsBean("demoDataLoader")).isTrue();
		assertThat(this.context.getBeanNamesForType(JdbcProductRepository.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(JdbcProductionRunRepository.class)).hasSize(1);
		assertThat(output).contains("Demo catalogue loaded");
		assertThat(this.brands.findByCode(DemoData.GS1_BRAND_CODE)).isPresent();
		assertThat(this.brands.findByCode(DemoData.NON_GS1_BRAND_CODE)).isPresent();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class DemoApplication {

	}

}
