package io.dppmint.resolver;

import java.net.http.HttpResponse;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.resolver.ResolverFixtures.Minted;
import io.dppmint.testsupport.Gs1ReferenceFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolution over real HTTP against a real PostgreSQL: Digital Link and public-id paths,
 * status codes, redirects, content negotiation, linksets, CORS and the resolver
 * description.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ResolverTestConfiguration.class)
class ResolutionIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	ScanHttp http;

	@BeforeEach
	void client() {
		this.http = new ScanHttp(this.port);
	}

	@Test
	void redirectsASerialDigitalLinkToItsPassportWithTheQueryStringPassedOn() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 3, ActivationMode.ACTIVE);
		String path = this.fixtures.gs1Path(product, minted.token(1));

		HttpResponse<String> response = this.http.get(path + "?utm_source=label&x=1");

		assertThat(response.statusCode()).isEqualTo(307);
		assertThat(response.headers().firstValue("Location")).hasValue("/passport" + path + "?utm_source=label&x=1");
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
		assertThat(response.headers().firstValue("Link").orElseThrow())
			.isEqualTo("<" + path + "?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\"");
	}

	@Test
	void servesThePassportAsHtmlForPeopleAndJsonForMachines() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 2, ActivationMode.ACTIVE);
		String serial = this.fixtures.identifier(minted.token(0));
		String path = this.fixtures.gs1Path(product, minted.token(0));

		HttpResponse<String> html = this.http.get("/passport" + path, "Accept",
				"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
		HttpResponse<String> machine = this.http.get("/passport" + path, "Accept", "application/json");

		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(html.body()).contains("Merino &lt;Jumper&gt;")
			.doesNotContain("Merino <Jumper>")
			.contains("Resolver GS1 Brand")
			.contains("<dt data-field=\"material\">material</dt><dd>Merino wool</dd>")
			.contains(product.gtin().value())
			.contains(serial)
			.contains("Status: active");
		assertThat(machine.statusCode()).isEqualTo(200);
		assertThat(machine.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode passport = json.readTree(machine.body());
		assertThat(passport.get("type").asString()).isEqualTo("token");
		assertThat(passport.get("identifier").asString()).isEqualTo(serial);
		assertThat(passport.get("status").asString()).isEqualTo("active");
		assertThat(passport.get("uri").asString()).isEqualTo("https://id.example.com" + path);
		assertThat(passport.at("/product/gtin").asString()).isEqualTo(product.gtin().value());
		assertThat(passport.at("/brand/name").asString()).isEqualTo("Resolver GS1 Brand");
		assertThat(passport.at("/passport/country_of_origin").asString()).isEqualTo("PT");
	}

	@Test
	void resolvesLotModeTokensTheLotItselfAndTheProduct() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintLots(product, ActivationMode.ACTIVE, new LotRequest("LOT-A1", 2),
				new LotRequest("LOT/B2", 2));
		String gtin = product.gtin().value();
		String serialInB = this.fixtures.identifier(minted.token(3));

		HttpResponse<String> unit = this.http.get("/01/" + gtin + "/10/LOT%2FB2/21/" + serialInB);
		HttpResponse<String> unitWithoutLot = this.http.get("/01/" + gtin + "/21/" + serialInB);
		HttpResponse<String> unitWithOtherLot = this.http.get("/01/" + gtin + "/10/LOT-A1/21/" + serialInB);
		HttpResponse<String> lot = this.http.get("/01/" + gtin + "/10/LOT-A1");
		HttpResponse<String> unknownLot = this.http.get("/01/" + gtin + "/10/LOT-ZZ");
		HttpResponse<String> item = this.http.get("/01/" + gtin);
		HttpResponse<String> lotPassport = this.http.get("/passport/01/" + gtin + "/10/LOT-A1", "Accept",
				"application/json");

		assertThat(unit.statusCode()).isEqualTo(307);
		assertThat(unit.headers().firstValue("Location"))
			.hasValue("/passport/01/" + gtin + "/10/LOT%2FB2/21/" + serialInB);
		assertThat(unitWithoutLot.statusCode()).isEqualTo(307);
		// Unknown units and lots walk up the identifier tree (GS1-Conformant Resolver).
		assertThat(unitWithOtherLot.headers().firstValue("Location")).hasValue("/passport/01/" + gtin + "/10/LOT-A1");
		assertThat(lot.statusCode()).isEqualTo(307);
		assertThat(lot.headers().firstValue("Location")).hasValue("/passport/01/" + gtin + "/10/LOT-A1");
		assertThat(unknownLot.headers().firstValue("Location")).hasValue("/passport/01/" + gtin);
		assertThat(item.statusCode()).isEqualTo(307);
		assertThat(item.headers().firstValue("Location")).hasValue("/passport/01/" + gtin);
		JsonNode lotJson = json.readTree(lotPassport.body());
		assertThat(lotJson.get("type").asString()).isEqualTo("lot");
		assertThat(lotJson.get("lot").asString()).isEqualTo("LOT-A1");
		assertThat(lotJson.has("status")).isFalse();
	}

	@Test
	void resolvesPublicIdsOfNonGs1BrandsOnlyUnderT() {
		Product product = this.fixtures.aNonGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String id = this.fixtures.identifier(minted.token(0));
		Product gs1 = this.fixtures.aGs1Product();
		Minted gs1Minted = this.fixtures.mintSerial(gs1, 1, ActivationMode.ACTIVE);

		HttpResponse<String> response = this.http.get("/t/" + id);
		HttpResponse<String> passport = this.http.get("/passport/t/" + id);
		HttpResponse<String> gs1TokenUnderT = this.http.get("/t/" + this.fixtures.identifier(gs1Minted.token(0)));

		assertThat(response.statusCode()).isEqualTo(307);
		assertThat(response.headers().firstValue("Location")).hasValue("/passport/t/" + id);
		assertThat(passport.statusCode()).isEqualTo(200);
		assertThat(passport.body()).contains("Canvas Tote").contains("Passport id").contains(id);
		assertThat(gs1TokenUnderT.statusCode()).isEqualTo(404);
	}

	@Test
	void toleratesATrailingSlash() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = this.fixtures.gs1Path(product, minted.token(0));
		Product other = this.fixtures.aNonGs1Product();
		String id = this.fixtures.identifier(this.fixtures.mintSerial(other, 1, ActivationMode.ACTIVE).token(0));

		assertThat(this.http.get(path + "/").statusCode()).isEqualTo(307);
		assertThat(this.http.get(path + "/").headers().firstValue("Location")).hasValue("/passport" + path);
		assertThat(this.http.get("/01/" + product.gtin().value() + "/").statusCode()).isEqualTo(307);
		assertThat(this.http.get("/t/" + id + "/").statusCode()).isEqualTo(307);
	}

	@Test
	void answersMalformedPathsWith400() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String gtin = product.gtin().value();
		String serial = this.fixtures.identifier(minted.token(0));
		char wrongCheckDigit = (char) ('0' + ((gtin.charAt(13) - '0' + 1) % 10));
		List<String> malformed = List.of("/01/" + gtin.substring(0, 13) + wrongCheckDigit + "/21/" + serial,
				"/01/" + gtin.substring(0, 13) + "/21/" + serial, "/01/" + gtin + "/21/" + serial + "%C3%A9",
				"/01/" + gtin + "/21/AB%5E", "/01/" + gtin + "/21/" + serial + "/10/LOT1",
				"/01/" + gtin + "/21/" + "A".repeat(21), "/01/" + gtin + "/10/" + "L".repeat(21),
				"/01/" + gtin + "/21/", "/01/" + gtin + "/99/x", "/01/" + gtin + "/21/" + serial + "/21/" + serial,
				"/t/" + serial.toLowerCase(java.util.Locale.ROOT), "/t/ABC", "/t/");

		for (String path : malformed) {
			HttpResponse<String> response = this.http.get(path, "Accept", "application/json");
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			assertThat(response.body()).as(path).contains("\"status\":400");
		}
	}

	@Test
	void answersValidButUnknownIdentifiersWith404AndWalksUpFromUnknownUnits() {
		Product product = this.fixtures.aGs1Product();
		this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String gtin = product.gtin().value();
		String unknownGtin = ResolverFixtures.uniqueGtin("4087657");
		String neverMinted = this.fixtures.identifier(Long.MAX_VALUE - 12345);

		for (String path : List.of("/01/" + unknownGtin, "/01/" + unknownGtin + "/21/" + neverMinted,
				"/passport/01/" + gtin + "/21/" + neverMinted, "/passport/01/" + gtin + "/21/NOT-ONE-OF-OURS",
				"/t/" + neverMinted, "/passport/t/" + neverMinted)) {
			HttpResponse<String> response = this.http.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("text/html;charset=UTF-8");
		}
		for (String path : List.of("/01/" + gtin + "/21/" + neverMinted, "/01/" + gtin + "/21/NOT-ONE-OF-OURS",
				"/01/" + gtin + "/22/VARIANT")) {
			HttpResponse<String> response = this.http.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(307);
			assertThat(response.headers().firstValue("Location")).as(path).hasValue("/passport/01/" + gtin);
		}
	}

	@Test
	void answersOnlyForProductsTheBrandHasPublished() {
		Product draft = this.fixtures.aGs1Product();
		Product published = this.fixtures.aGs1Product();
		this.jdbc.sql("""
				insert into resolver_links (brand_id, product_id, link_type, href, title)
				values (?, ?, 'pip', 'https://brand.example.com/new', 'Coming soon')""")
			.params(published.brandId(), published.id())
			.update();
		Product inTheField = this.fixtures.aGs1Product();
		this.fixtures.mintSerial(inTheField, 1, ActivationMode.ACTIVE);
		// Another company's GTIN cannot be minted; published by a link, it still is not
		// this brand's to resolve.
		Product foreign = this.fixtures.aGs1ProductOutsideItsCompanyPrefix();
		this.jdbc.sql("""
				insert into resolver_links (brand_id, product_id, link_type, href, title)
				values (?, ?, 'pip', 'https://brand.example.com/borrowed', 'Borrowed')""")
			.params(foreign.brandId(), foreign.id())
			.update();

		assertThat(this.http.get("/01/" + draft.gtin().value()).statusCode()).isEqualTo(404);
		assertThat(this.http.get("/01/" + draft.gtin().value() + "/21/ANY").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/passport/01/" + draft.gtin().value()).statusCode()).isEqualTo(404);
		assertThat(this.http.get("/01/" + published.gtin().value()).statusCode()).isEqualTo(307);
		assertThat(this.http.get("/01/" + inTheField.gtin().value()).statusCode()).isEqualTo(307);
		assertThat(this.http.get("/01/" + foreign.gtin().value()).statusCode()).isEqualTo(404);
	}

	@Test
	void answersRevokedTokensWith410() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		this.fixtures.revoke(minted.token(0), "Counterfeit batch recalled");
		String path = this.fixtures.gs1Path(product, minted.token(0));

		HttpResponse<String> page = this.http.get(path);
		HttpResponse<String> machine = this.http.get(path, "Accept", "application/json");
		HttpResponse<String> passport = this.http.get("/passport" + path);

		assertThat(page.statusCode()).isEqualTo(410);
		assertThat(page.body()).contains("This passport has been revoked");
		assertThat(machine.statusCode()).isEqualTo(410);
		JsonNode problem = json.readTree(machine.body());
		assertThat(problem.get("title").asString()).isEqualTo("Revoked");
		assertThat(problem.get("revokedAt").asString()).isNotBlank();
		assertThat(passport.statusCode()).isEqualTo(410);
		assertThat(passport.body()).contains("Status: revoked");
	}

	@Test
	void servesAGs1LinksetValidAgainstTheSchemaOnAcceptOrLinkType() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		this.jdbc.sql("""
				insert into resolver_links (brand_id, product_id, link_type, href, title, hreflang, media_type)
				values (?, ?, 'pip', 'https://brand.example.com/jumper', 'About this jumper', 'en', 'text/html')""")
			.param(product.brandId())
			.param(product.id())
			.update();
		String path = this.fixtures.gs1Path(product, minted.token(0));
		Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
			.getSchema(Gs1ReferenceFiles.read(Gs1ReferenceFiles.LINKSET_SCHEMA), InputFormat.JSON);

		HttpResponse<String> byAccept = this.http.get(path, "Accept", "application/linkset+json");
		HttpResponse<String> byLinkType = this.http.get(path + "?linkType=linkset");
		HttpResponse<String> all = this.http.get(path + "?linkType=all");
		HttpResponse<String> lot = this.http.get("/01/" + product.gtin().value(), "Accept", "application/linkset+json");

		for (HttpResponse<String> response : List.of(byAccept, byLinkType, all, lot)) {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/linkset+json");
			List<Error> errors = schema.validate(response.body(), InputFormat.JSON);
			assertThat(errors).as(response.body()).isEmpty();
		}
		JsonNode context = json.readTree(byAccept.body()).get("linkset").get(0);
		assertThat(context.get("anchor").asString()).isEqualTo("https://id.example.com" + path);
		assertThat(context.get("https://gs1.org/voc/defaultLink").get(0).get("href").asString())
			.isEqualTo("https://id.example.com/passport" + path);
		assertThat(context.get("https://gs1.org/voc/dpp")).hasSize(2);
		assertThat(context.get("https://gs1.org/voc/pip").get(0).get("href").asString())
			.isEqualTo("https://brand.example.com/jumper");
	}

	@Test
	void redirectsToARequestedLinkTypeOrElseToTheDefault() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		this.jdbc.sql("""
				insert into resolver_links (brand_id, link_type, href, title)
				values (?, 'instructions', 'https://brand.example.com/care', 'Care instructions')""")
			.param(product.brandId())
			.update();
		String path = this.fixtures.gs1Path(product, minted.token(0));

		HttpResponse<String> instructions = this.http.get(path + "?linkType=gs1:instructions");
		HttpResponse<String> byUri = this.http.get(path + "?linkType=https%3A%2F%2Fgs1.org%2Fvoc%2Finstructions");
		HttpResponse<String> dpp = this.http.get(path + "?linkType=gs1:dpp");
		HttpResponse<String> unavailable = this.http.get(path + "?linkType=gs1:recipeInfo");

		assertThat(instructions.statusCode()).isEqualTo(307);
		assertThat(instructions.headers().firstValue("Location"))
			.hasValue("https://brand.example.com/care?linkType=gs1:instructions");
		assertThat(byUri.headers().firstValue("Location").orElseThrow()).startsWith("https://brand.example.com/care?");
		assertThat(dpp.headers().firstValue("Location")).hasValue("/passport" + path + "?linkType=gs1:dpp");
		assertThat(unavailable.statusCode()).isEqualTo(404);
		assertThat(unavailable.body()).contains("gs1:instructions");
	}

	@Test
	void answersHeadLikeGetWithoutABody() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = this.fixtures.gs1Path(product, minted.token(0));

		HttpResponse<String> scan = this.http.send("HEAD", path, "User-Agent", ResolverFixtures.PHONE);
		HttpResponse<String> passport = this.http.send("HEAD", "/passport" + path, "User-Agent",
				ResolverFixtures.PHONE);
		HttpResponse<String> malformed = this.http.send("HEAD", "/01/123", "User-Agent", ResolverFixtures.PHONE);

		assertThat(scan.statusCode()).isEqualTo(307);
		assertThat(scan.headers().firstValue("Location")).hasValue("/passport" + path);
		assertThat(scan.body()).isEmpty();
		assertThat(passport.statusCode()).isEqualTo(200);
		assertThat(passport.headers().firstValueAsLong("Content-Length").orElseThrow()).isPositive();
		assertThat(passport.body()).isEmpty();
		assertThat(malformed.statusCode()).isEqualTo(400);
	}

	@Test
	void answersOptionsAndCorsPreflights() {
		HttpResponse<String> options = this.http.send("OPTIONS", "/01/09506000134352/21/ABC");
		HttpResponse<String> preflight = this.http.send("OPTIONS", "/t/0000000000000", "Origin",
				"https://shop.example.net", "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers",
				"Accept");

		for (HttpResponse<String> response : List.of(options, preflight)) {
			assertThat(response.statusCode()).isEqualTo(204);
			assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
			assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, HEAD, OPTIONS");
			assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Accept");
		}
	}

	@Test
	void rejectsOtherMethodsWith405() {
		HttpResponse<String> response = this.http.send("POST", "/01/09506000134352");

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
	}

	@Test
	void publishesTheResolverDescription() throws Exception {
		HttpResponse<String> response = this.http.get("/.well-known/gs1resolver");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode description = json.readTree(response.body());
		assertThat(description.get("resolverRoot").asString()).isEqualTo("http://127.0.0.1:8081");
		assertThat(description.get("supportedPrimaryKeys").get(0).asString()).isEqualTo("01");
		assertThat(description.get("name").asString()).isNotBlank();
	}

}
