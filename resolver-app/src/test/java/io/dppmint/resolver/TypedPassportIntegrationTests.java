package io.dppmint.resolver;

import java.net.http.HttpResponse;
import java.util.List;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.resolver.ResolverFixtures.Minted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A typed passport as the public sees it: every public field with its type's form (units,
 * enumeration labels, documents as links), the operator and commodity identifiers (ESPR
 * Annex III (d), (g)), and none of the fields a brand's schema keeps for persons with a
 * legitimate interest or for authorities, in any format the resolver answers with
 * (Regulation (EU) 2023/1542 Art. 77(2): Annex XIII (1) public, (2)-(4) restricted).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ResolverTestConfiguration.class)
class TypedPassportIntegrationTests {

	private static final String RESTRICTED = "RESTRICTED-SENTINEL-7f3a";

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
	void servesThePublicFieldsTypedAndNothingAboveThem() throws Exception {
		Product product = this.fixtures.aBatteryProduct(RESTRICTED);
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = this.fixtures.gs1Path(product, minted.token(0));

		HttpResponse<String> machine = this.http.get("/passport" + path, "Accept", "application/json");
		HttpResponse<String> page = this.http.get("/passport" + path, "Accept", "text/html");
		HttpResponse<String> productPage = this.http.get("/passport/01/" + product.gtin().value(), "Accept",
				"text/html");
		HttpResponse<String> linkset = this.http.get(path + "?linkType=linkset");
		HttpResponse<String> preview = this.http.get(path, "User-Agent", ResolverFixtures.GOOGLEBOT);

		assertThat(machine.statusCode()).isEqualTo(200);
		JsonNode document = json.readTree(machine.body());
		assertThat(document.path("accessLevel").asString()).isEqualTo("public");
		assertThat(document.path("passportVersion").asInt()).isEqualTo(1);
		assertThat(document.path("schemaVersion").asInt()).isEqualTo(2);
		assertThat(document.at("/operator/gln").asString()).isEqualTo("9506001000120");
		assertThat(document.at("/product/commodityCode").asString()).isEqualTo("85076000");
		JsonNode passport = document.path("passport");
		assertThat(passport.path("rated_capacity").decimalValue()).isEqualByComparingTo("14");
		assertThat(passport.path("chemistry").asString()).isEqualTo("NMC");
		assertThat(passport.path("critical_raw_materials").size()).isEqualTo(4);
		assertThat(passport.at("/eu_declaration_of_conformity/mediaType").asString()).isEqualTo("application/pdf");
		assertThat(passport.has("safety_measures")).isFalse();
		assertThat(passport.has("detailed_composition")).isFalse();
		assertThat(passport.has("conformity_test_reports")).isFalse();
		assertThat(page.body()).contains("<h3>Performance (Annex XIII 1(g)-(p))</h3>")
			.contains("Rated capacity</dt><dd>14&nbsp;Ah</dd>")
			.contains("Lithium nickel manganese cobalt oxide (NMC)")
			.contains("<a rel=\"noopener\" href=\"https://voltcell.example/docs/vc-lmt-48v-14ah-doc.pdf\">"
					+ "EU declaration of conformity</a>")
			.contains("<dd>85076000</dd>")
			.doesNotContain("Safety measures")
			.doesNotContain("Detailed composition");
		for (HttpResponse<String> response : List.of(machine, page, productPage, linkset, preview)) {
			assertThat(response.body()).as(response.uri().toString()).doesNotContain(RESTRICTED);
			assertThat(response.headers().map().toString()).doesNotContain(RESTRICTED);
		}
	}

	@Test
	void aUnitsPassportJoinsItsBatchsAndItsOwnDataEachAtItsAccessLevel() throws Exception {
		Product product = this.fixtures.aBatteryProduct("x");
		Minted minted = this.fixtures.mintSerial(product, 2, ActivationMode.ACTIVE);
		JdbcPassports passports = this.fixtures.passports();
		passports.submit(JdbcPassports.Subject.BATCH, minted.batch().id(),
				JdbcPassports.Change.replace(PassportValues.parse("{\"manufacturing_date\": \"2026-03\"}")), null,
				"tests");
		passports.submit(JdbcPassports.Subject.TOKEN, minted.token(0),
				JdbcPassports.Change
					.replace(PassportValues.parse("{\"state_of_health\": 97.5, \"battery_status\": \"original\"}")),
				null, "tests");
		String unit = "/passport" + this.fixtures.gs1Path(product, minted.token(0));
		String otherUnit = "/passport" + this.fixtures.gs1Path(product, minted.token(1));
		String repairer = this.fixtures.grant(product, io.dppmint.core.passport.AccessLevel.LEGITIMATE_INTEREST);

		JsonNode open = json.readTree(this.http.get(unit, "Accept", "application/json").body());
		JsonNode restricted = json
			.readTree(this.http.get(unit, "Accept", "application/json", "Authorization", "Bearer " + repairer).body());
		JsonNode sibling = json.readTree(
				this.http.get(otherUnit, "Accept", "application/json", "Authorization", "Bearer " + repairer).body());
		JsonNode model = json.readTree(
				this.http
					.get("/passport/01/" + product.gtin().value(), "Accept", "application/json", "Authorization",
							"Bearer " + repairer)
					.body());

		// Batch data is public here (Annex XIII 1(a)); a battery's own data is for
		// persons
		// with a legitimate interest (Annex XIII (4)).
		assertThat(open.at("/passport/manufacturing_date").asString()).isEqualTo("2026-03");
		assertThat(open.at("/passport").has("state_of_health")).isFalse();
		assertThat(restricted.at("/passport/state_of_health").decimalValue()).isEqualByComparingTo("97.5");
		assertThat(restricted.at("/passport/battery_status").asString()).isEqualTo("original");
		assertThat(sibling.at("/passport/manufacturing_date").asString()).isEqualTo("2026-03");
		assertThat(sibling.at("/passport").has("state_of_health")).isFalse();
		assertThat(model.at("/passport").has("manufacturing_date")).isFalse();
	}

}
