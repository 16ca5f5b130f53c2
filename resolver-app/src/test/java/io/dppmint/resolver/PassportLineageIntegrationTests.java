package io.dppmint.resolver;

import java.net.http.HttpResponse;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.passport.JdbcPassportLineage;
import io.dppmint.testsupport.Gs1ReferenceFiles;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Successor passports (ESPR Art. 11(d)): a remanufactured product names its original, and
 * both passports link to each other in the page, the JSON and the linkset; the linkset
 * stays valid against GS1's linkset schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dpp.resolver.cache-ttl=0s")
@Import(ResolverTestConfiguration.class)
class PassportLineageIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	ScanHttp http;

	@BeforeEach
	void client() {
		this.http = new ScanHttp(this.port);
	}

	@Test
	void bothPassportsLinkToEachOtherInPageJsonAndLinkset() throws Exception {
		Product original = this.fixtures.aGs1Product();
		Product remanufactured = this.fixtures.aBatteryProduct("x");
		this.fixtures.mintSerial(original, 1, ActivationMode.ACTIVE);
		this.fixtures.mintSerial(remanufactured, 1, ActivationMode.ACTIVE);
		JdbcClient owner = JdbcClient.create(TestPostgres.get().dataSource());
		new JdbcPassportLineage(owner,
				new TransactionTemplate(new DataSourceTransactionManager(TestPostgres.get().dataSource())),
				new AuditLog(owner))
			.declare(remanufactured.id(), "remanufactured_from", original.id(), null, "tests");
		String originalUri = "https://id.example.com/01/" + original.gtin().value();
		String successorUri = "https://id.example.com/01/" + remanufactured.gtin().value();

		JsonNode successor = json.readTree(
				this.http.get("/passport/01/" + remanufactured.gtin().value(), "Accept", "application/json").body());
		JsonNode predecessor = json
			.readTree(this.http.get("/passport/01/" + original.gtin().value(), "Accept", "application/json").body());
		String page = this.http.get("/passport/01/" + original.gtin().value(), "Accept", "text/html").body();
		HttpResponse<String> linkset = this.http.get("/01/" + remanufactured.gtin().value() + "?linkType=linkset");

		assertThat(successor.at("/predecessors/0/relation").asString()).isEqualTo("remanufactured_from");
		assertThat(successor.at("/predecessors/0/uri").asString()).isEqualTo(originalUri);
		assertThat(successor.at("/predecessors/0/name").asString()).isEqualTo(original.name());
		assertThat(successor.path("successors").size()).isZero();
		assertThat(predecessor.at("/successors/0/uri").asString()).isEqualTo(successorUri);
		assertThat(page).contains("<h2>Lineage</h2>").contains("Remanufactured as").contains(successorUri);
		JsonNode context = json.readTree(linkset.body()).at("/linkset/0");
		assertThat(context.at("/https:~1~1w3id.org~1dppmint~1voc~1remanufacturedFrom/0/href").asString())
			.isEqualTo(originalUri);
		Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
			.getSchema(Gs1ReferenceFiles.read(Gs1ReferenceFiles.LINKSET_SCHEMA), InputFormat.JSON);
		assertThat(schema.validate(linkset.body(), InputFormat.JSON)).as(linkset.body()).isEmpty();
	}

}
