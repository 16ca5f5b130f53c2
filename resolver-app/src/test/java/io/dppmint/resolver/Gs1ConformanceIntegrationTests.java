package io.dppmint.resolver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.gs1.Sgtin;
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
 * The GS1-Conformant Resolver standard 1.2 over real HTTP, one test per requirement of
 * its conformance statement (docs/gs1-conformance.md maps each requirement, numbered
 * there R1, R2, ..., to the test that covers it). Clients here are machines, as GS1's
 * resolver test suite is: curl-like user agents and explicit headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ResolverTestConfiguration.class)
class Gs1ConformanceIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String CURL = "curl/8.5.0";

	private static final String VOC = "https://gs1.org/voc/";

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

	/** R10, R12: a machine client gets the standard redirect to the default link. */
	@Test
	void redirectsEveryClientToTheDefaultLinkWithALinkHeaderToTheLinkset() {
		Unit unit = aUnit();

		for (String agent : List.of(CURL, ResolverFixtures.GOOGLEBOT, "", ResolverFixtures.PHONE)) {
			HttpResponse<String> response = this.http.get(unit.path(), "User-Agent", agent);

			assertThat(response.statusCode()).as(agent).isEqualTo(307);
			assertThat(response.headers().firstValue("Location")).as(agent).hasValue("/passport" + unit.path());
			// R9: the linkset in a Link header, even when redirecting; R29: not every
			// link.
			assertThat(response.headers().firstValue("Link").orElseThrow()).as(agent)
				.isEqualTo(
						"<" + unit.path() + "?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\"");
		}
	}

	/** R29: {@code curl -L} of a unit URL ends on the unit's passport page. */
	@Test
	void followingTheRedirectLikeCurlDashLEndsOnThePassportPage() throws Exception {
		Unit unit = aUnit();
		HttpClient follower = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

		HttpResponse<String> response = follower
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + unit.path()))
				.header("User-Agent", CURL)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.uri().getPath()).isEqualTo("/passport" + unit.path());
		assertThat(response.body()).contains("Merino &lt;Jumper&gt;")
			.contains(unit.serial())
			.contains("Status: active");
	}

	/** R14: the query string is passed on when redirecting. */
	@Test
	void passesTheQueryStringOnWhenRedirecting() {
		Unit unit = aUnit();
		publish(unit.product(), "pip", "https://brand.example.com/pip", "en", "text/html", null);

		HttpResponse<String> toDefault = this.http.get(unit.path() + "?foo=bar&x=%2F1", "User-Agent", CURL);
		HttpResponse<String> toPip = this.http.get(unit.path() + "?linkType=gs1:pip&foo=bar", "User-Agent", CURL);

		assertThat(toDefault.headers().firstValue("Location")).hasValue("/passport" + unit.path() + "?foo=bar&x=%2F1");
		assertThat(toPip.headers().firstValue("Location"))
			.hasValue("https://brand.example.com/pip?linkType=gs1:pip&foo=bar");
	}

	/** R13, R16: the requested link type, as a CURIE or a full URI in any spelling. */
	@Test
	void redirectsToTheRequestedLinkTypeGivenAsCurieOrUri() {
		Unit unit = aUnit();
		publish(unit.product(), "instructions", "https://brand.example.com/care", null, null, null);

		for (String linkType : List.of("gs1:instructions", "https%3A%2F%2Fgs1.org%2Fvoc%2Finstructions",
				"https://ref.gs1.org/voc/instructions", "http://gs1.org/voc/instructions")) {
			HttpResponse<String> response = this.http.get(unit.path() + "?linkType=" + linkType, "User-Agent", CURL);

			assertThat(response.statusCode()).as(linkType).isEqualTo(307);
			assertThat(response.headers().firstValue("Location").orElseThrow()).as(linkType)
				.startsWith("https://brand.example.com/care?");
		}
		HttpResponse<String> dpp = this.http.get(unit.path() + "?linkType=gs1:dpp", "User-Agent", CURL);
		assertThat(dpp.headers().firstValue("Location")).hasValue("/passport" + unit.path() + "?linkType=gs1:dpp");
	}

	/** R19: a link type that is not available is 404, naming the available ones. */
	@Test
	void answersARequestedLinkTypeThatIsNotAvailableWith404NamingTheAvailableOnes() throws Exception {
		Unit unit = aUnit();
		publish(unit.product(), "instructions", "https://brand.example.com/care", null, null, null);

		HttpResponse<String> machine = this.http.get(unit.path() + "?linkType=gs1:pip", "User-Agent", CURL, "Accept",
				"application/json");
		HttpResponse<String> person = this.http.get(unit.path() + "?linkType=gs1:nosuchlt");

		assertThat(machine.statusCode()).isEqualTo(404);
		assertThat(machine.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(machine.body());
		assertThat(problem.get("linkTypes").valueStream().map(JsonNode::asString).toList()).contains("gs1:defaultLink",
				"gs1:defaultLinkMulti", "gs1:dpp", "gs1:instructions");
		assertThat(person.statusCode()).isEqualTo(404);
		assertThat(person.body()).contains("gs1:instructions").contains("gs1:dpp");
	}

	/**
	 * R8, R20, R21, R22, R23: the linkset, its media type, schema and JSON-LD context.
	 */
	@Test
	void servesTheLinksetWithoutRedirectingAndWithItsJsonLdContext() throws Exception {
		Unit unit = aUnit();
		publish(unit.product(), "pip", "https://brand.example.com/pip", "en", "text/html", "GB");
		Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
			.getSchema(Gs1ReferenceFiles.read(Gs1ReferenceFiles.LINKSET_SCHEMA), InputFormat.JSON);

		HttpResponse<String> byLinkset = this.http.get(unit.path() + "?linkType=linkset", "User-Agent", CURL);
		HttpResponse<String> byAll = this.http.get(unit.path() + "?linkType=all", "User-Agent", CURL);
		HttpResponse<String> byAccept = this.http.get(unit.path(), "User-Agent", CURL, "Accept",
				"application/linkset+json");
		HttpResponse<String> asJson = this.http.get(unit.path() + "?linkType=linkset", "User-Agent", CURL, "Accept",
				"application/json");
		HttpResponse<String> asPage = this.http.get(unit.path() + "?linkType=all", "Accept",
				"text/html,application/xhtml+xml,*/*;q=0.8");

		for (HttpResponse<String> response : List.of(byLinkset, byAll, byAccept, asJson)) {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(schema.validate(response.body(), InputFormat.JSON)).as(response.body()).isEmpty();
			assertThat(response.headers().allValues("Link")).anySatisfy(
					(link) -> assertThat(link).contains("<https://ref.gs1.org/standards/resolver/linkset-context>")
						.contains("rel=\"http://www.w3.org/ns/json-ld#context\""));
		}
		assertThat(byAccept.headers().firstValue("Content-Type")).hasValue("application/linkset+json");
		assertThat(asJson.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(asPage.statusCode()).isEqualTo(200);
		assertThat(asPage.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(asPage.body()).contains("https://brand.example.com/pip").contains("gs1:pip");
		JsonNode context = json.readTree(byAll.body()).get("linkset").get(0);
		assertThat(context.get("anchor").asString()).isEqualTo("https://id.example.com" + unit.path());
		assertThat(context.get(VOC + "pip").get(0).get("context").get(0).asString()).isEqualTo("GB");
	}

	/**
	 * R10, R11, R26: exactly one default link, with a title and nothing else; variants by
	 * language and format are defaultLinkMulti entries.
	 */
	@Test
	void hasExactlyOneDefaultLinkWithATitleAndNothingElse() throws Exception {
		Unit unit = aUnit();

		JsonNode context = json.readTree(this.http.get(unit.path() + "?linkType=linkset", "User-Agent", CURL).body())
			.get("linkset")
			.get(0);

		JsonNode defaults = context.get(VOC + "defaultLink");
		assertThat(defaults).hasSize(1);
		assertThat(defaults.get(0).propertyNames()).containsExactlyInAnyOrder("href", "title");
		assertThat(defaults.get(0).get("href").asString()).isEqualTo("https://id.example.com/passport" + unit.path());
		JsonNode variants = context.get(VOC + "defaultLinkMulti");
		assertThat(variants.valueStream().map((link) -> link.get("type").asString()).toList())
			.containsExactly("text/html", "application/json");
		assertThat(variants.get(0).get("hreflang").get(0).asString()).isEqualTo("en");
	}

	/** R27: Accept-Language, Accept and context choose among a brand's links. */
	@Test
	void choosesAmongABrandsLinksByContextLanguageAndMediaType() {
		Unit unit = aUnit();
		publish(unit.product(), "pip", "https://brand.example.com/en", "en", "text/html", null);
		publish(unit.product(), "pip", "https://brand.example.com/de", "de", "text/html", null);
		publish(unit.product(), "pip", "https://brand.example.com/de.pdf", "de", "application/pdf", null);
		publish(unit.product(), "pip", "https://brand.example.com/ch", "de", "text/html", "CH");
		String pip = unit.path() + "?linkType=gs1:pip";

		assertThat(location(pip, "Accept-Language", "de-DE,de;q=0.9,en;q=0.5"))
			.startsWith("https://brand.example.com/de?");
		assertThat(location(pip, "Accept-Language", "en-GB")).startsWith("https://brand.example.com/en?");
		assertThat(location(pip, "Accept-Language", "de", "Accept", "application/pdf"))
			.startsWith("https://brand.example.com/de.pdf?");
		assertThat(location(pip + "&context=CH", "Accept-Language", "de")).startsWith("https://brand.example.com/ch?");
		assertThat(location(pip)).startsWith("https://brand.example.com/en?");
	}

	/** R24: links of one type that cannot be told apart: 300 Multiple Choices. */
	@Test
	void answersLinksThatCannotBeToldApartWith300() throws Exception {
		Unit unit = aUnit();
		publish(unit.product(), "recipeInfo", "https://brand.example.com/r1", "en", "text/html", null);
		publish(unit.product(), "recipeInfo", "https://brand.example.com/r2", "en", "text/html", null);

		HttpResponse<String> response = this.http.get(unit.path() + "?linkType=gs1:recipeInfo", "User-Agent", CURL);

		assertThat(response.statusCode()).isEqualTo(300);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(json.readTree(response.body()).get("linkset").get(0).get(VOC + "recipeInfo")).hasSize(2);
	}

	/**
	 * R25: every key qualifier of AI 01 is supported, and an unknown one walks up the
	 * identifier tree to the lot or product instead of failing; the linkset of a unit
	 * lists the links of every level up to the primary key (R8).
	 */
	@Test
	void walksUpTheIdentifierTreeForUnknownQualifiers() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintLots(product, ActivationMode.ACTIVE, new LotRequest("LOT-W1", 2));
		String gtin = product.gtin().value();
		String unknownSerial = this.fixtures.identifier(Long.MAX_VALUE - 777);
		String serial = this.fixtures.identifier(minted.token(0));

		assertThat(location("/01/" + gtin + "/10/LOT-W1/21/" + unknownSerial))
			.isEqualTo("/passport/01/" + gtin + "/10/LOT-W1");
		assertThat(location("/01/" + gtin + "/21/NOT-OURS")).isEqualTo("/passport/01/" + gtin);
		assertThat(location("/01/" + gtin + "/10/LOT-ZZ")).isEqualTo("/passport/01/" + gtin);
		assertThat(location("/01/" + gtin + "/10/LOT-ZZ/21/" + serial)).isEqualTo("/passport/01/" + gtin);
		assertThat(location("/01/" + gtin + "/22/VARIANT/10/LOT-W1")).isEqualTo("/passport/01/" + gtin + "/10/LOT-W1");
		// The walked-up passport is the lot's or product's, never a unit's.
		assertThat(this.http.get("/passport/01/" + gtin + "/21/NOT-OURS").statusCode()).isEqualTo(404);
	}

	/** R4, R5: compressed Digital Links resolve like their uncompressed form. */
	@Test
	void resolvesACompressedDigitalLinkLikeItsUncompressedForm() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = this.fixtures.gs1Path(product, minted.token(0));
		String compressed = Compression.compress(product.gtin().value(), this.fixtures.identifier(minted.token(0)));

		HttpResponse<String> full = this.http.get("/" + compressed + "?foo=1", "User-Agent", CURL);
		HttpResponse<String> partly = this.http.get("/01/" + product.gtin().value() + "/"
				+ Compression.compressSerial(this.fixtures.identifier(minted.token(0))), "User-Agent", CURL);
		HttpResponse<String> broken = this.http.get("/" + compressed.substring(0, 12), "User-Agent", CURL);

		for (HttpResponse<String> response : List.of(full, partly)) {
			assertThat(response.statusCode()).isEqualTo(307);
			assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith("/passport" + path);
			assertThat(response.headers().firstValue("Link").orElseThrow())
				.contains("<https://id.example.com" + path + ">; rel=\"owl:sameAs\"")
				.contains("<" + path + "?linkType=linkset>; rel=\"linkset\"");
		}
		assertThat(full.headers().firstValue("Location")).hasValue("/passport" + path + "?foo=1");
		assertThat(broken.statusCode()).isEqualTo(400);
		assertThat(this.http.get("/actuator/health").statusCode()).isEqualTo(200);
	}

	/** The EPC URI of a unit: in its passport, and as a lookup path. */
	@Test
	void answersForTheEpcUriOfAUnit() throws Exception {
		Unit unit = aUnit();
		String epc = Sgtin
			.parse(Sgtin.PREFIX + ResolverFixtures.COMPANY_PREFIX + "." + unit.product().gtin().value().charAt(0)
					+ unit.product().gtin().value().substring(1 + ResolverFixtures.COMPANY_PREFIX.length(), 13) + "."
					+ unit.serial())
			.toUri();

		HttpResponse<String> lookup = this.http.get("/" + epc, "User-Agent", CURL);
		JsonNode passport = json
			.readTree(this.http.get("/passport" + unit.path(), "Accept", "application/json").body());

		assertThat(lookup.statusCode()).isEqualTo(307);
		assertThat(lookup.headers().firstValue("Location")).hasValue("/passport" + unit.path());
		assertThat(lookup.headers().firstValue("Link").orElseThrow()).contains("rel=\"owl:sameAs\"");
		assertThat(passport.get("epc").asString()).isEqualTo(epc);
		assertThat(this.http.get("/urn:epc:id:sgtin:0614141.812345.6789", "User-Agent", CURL).statusCode())
			.isEqualTo(404);
		assertThat(this.http.get("/urn:epc:id:sgtin:0614141.812345", "User-Agent", CURL).statusCode()).isEqualTo(400);
	}

	/** R6, R7: malformed URIs are 400, errors never 200. */
	@Test
	void reportsMalformedUrisWith400AndNoErrorWith200() {
		Unit unit = aUnit();

		HttpResponse<String> malformed = this.http.get(unit.path() + "/foo", "User-Agent", CURL);
		HttpResponse<String> unknown = this.http.get("/01/" + ResolverFixtures.uniqueGtin("4087657"), "User-Agent",
				CURL);

		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(unknown.statusCode()).isEqualTo(404);
	}

	/** R1, R3: GET, HEAD and OPTIONS with CORS on every answer. */
	@Test
	void supportsGetHeadAndOptionsWithCors() {
		Unit unit = aUnit();

		HttpResponse<String> get = this.http.get(unit.path(), "User-Agent", CURL, "Origin", "https://shop.example");
		HttpResponse<String> head = this.http.send("HEAD", unit.path(), "User-Agent", CURL);
		HttpResponse<String> options = this.http.send("OPTIONS", unit.path(), "Origin", "https://shop.example",
				"Access-Control-Request-Method", "GET");

		assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
		assertThat(get.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Link");
		assertThat(head.statusCode()).isEqualTo(307);
		assertThat(head.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
		assertThat(options.statusCode()).isEqualTo(204);
		assertThat(options.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, HEAD, OPTIONS");
	}

	/** R18: a trailing slash changes nothing. */
	@Test
	void answersTheSameWithOrWithoutATrailingSlash() {
		Unit unit = aUnit();

		HttpResponse<String> without = this.http.get(unit.path(), "User-Agent", CURL);
		HttpResponse<String> with = this.http.get(unit.path() + "/", "User-Agent", CURL);

		assertThat(with.statusCode()).isEqualTo(without.statusCode());
		assertThat(with.headers().firstValue("Location")).isEqualTo(without.headers().firstValue("Location"));
	}

	/** R15: the resolver description file. */
	@Test
	void publishesItsResolverDescriptionFile() throws Exception {
		HttpResponse<String> response = this.http.get("/.well-known/gs1resolver", "User-Agent", CURL);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode description = json.readTree(response.body());
		assertThat(description.propertyNames()).contains("name", "resolverRoot", "supportedPrimaryKeys",
				"supportedLinkType", "linkTypeDefaultCanBeLinkset");
		assertThat(description.get("supportedLinkType").get(0).get("namespace").asString()).isEqualTo(VOC);
		assertThat(description.get("supportedLinkType").get(0).get("prefix").asString()).isEqualTo("gs1:");
		assertThat(description.get("linkTypeDefaultCanBeLinkset").asBoolean()).isFalse();
	}

	private String location(String path, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "User-Agent";
		all[1] = CURL;
		System.arraycopy(headers, 0, all, 2, headers.length);
		HttpResponse<String> response = this.http.get(path, all);
		assertThat(response.statusCode()).as(path).isEqualTo(307);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private Unit aUnit() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String serial = this.fixtures.identifier(minted.token(0));
		return new Unit(product, serial, "/01/" + product.gtin().value() + "/21/" + serial);
	}

	private void publish(Product product, String linkType, String href, String hreflang, String mediaType,
			String context) {
		this.jdbc.sql("""
				insert into resolver_links (brand_id, product_id, link_type, href, title, hreflang, media_type, context)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(product.brandId(), product.id(), linkType, href, "A " + linkType + " link", hreflang, mediaType,
					context)
			.update();
	}

	record Unit(Product product, String serial, String path) {

	}

}
