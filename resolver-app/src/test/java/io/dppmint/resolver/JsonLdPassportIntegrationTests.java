package io.dppmint.resolver;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.document.JsonDocument;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.resolver.ResolverFixtures.Minted;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passport as linked data (ESPR Art. 10(1)(d): open standards, machine-readable,
 * structured): {@code Accept: application/ld+json} gets the JSON answer with an embedded
 * JSON-LD 1.1 context, and a conformant JSON-LD processor (Titanium) expands it onto the
 * GS1 Web Vocabulary and the brand's vocabulary without dropping a single member. The
 * brand's vocabulary dereferences at the resolver and describes every public term. The
 * access levels hold here as in the other formats.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dpp.resolver.access-grant-ttl=0s")
@Import(ResolverTestConfiguration.class)
class JsonLdPassportIntegrationTests {

	private static final String GS1 = "https://ref.gs1.org/voc/";

	private static final String DPPM = "https://w3id.org/dppmint/voc/";

	private static final String XSD = "http://www.w3.org/2001/XMLSchema#";

	private static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";

	private static final String RESTRICTED = "LD-RESTRICTED-SENTINEL-20c1";

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
	void expandsOntoGs1TermsAndTheBrandsVocabularyWithoutDroppingAMember() throws Exception {
		Product product = this.fixtures.aBatteryProduct(RESTRICTED);
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = "/passport" + this.fixtures.gs1Path(product, minted.token(0));
		Brand brand = brandOf(product);
		String vocabulary = brand.resolverBaseUrl() + "/voc/brands/" + brand.code() + "#";

		HttpResponse<String> linked = this.http.get(path, "Accept", "application/ld+json");
		JsonNode plain = json.readTree(this.http.get(path, "Accept", "application/json").body());

		assertThat(linked.statusCode()).isEqualTo(200);
		assertThat(linked.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/ld+json");
		assertThat(linked.headers().firstValue("DPP-Access-Level")).hasValue("public");
		assertThat(linked.body()).doesNotContain(RESTRICTED);
		JsonNode unit = node(expand(linked.body()), plain.get("uri").asString());
		assertThat(types(unit)).contains(GS1 + "Product");
		assertThat(value(unit, GS1 + "gtin")).isEqualTo(product.gtin().value());
		assertThat(value(unit, GS1 + "productName")).isEqualTo("E-bike pack 48 V");
		assertThat(value(unit, DPPM + "commodityCode")).isEqualTo("85076000");
		assertThat(value(unit, DPPM + "identifier")).isEqualTo(plain.get("identifier").asString());
		assertThat(value(unit, DPPM + "status")).isEqualTo("active");
		assertThat(value(unit.get(GS1 + "manufacturer").get(0), GS1 + "globalLocationNumber"))
			.isEqualTo("9506001000120");
		assertThat(value(unit.get(GS1 + "brand").get(0), GS1 + "brandName")).isEqualTo(brand.name());

		JsonNode passport = unit.get(DPPM + "passport").get(0);
		// Every field of the JSON answer is a term of the brand's vocabulary: nothing is
		// dropped by expansion.
		List<String> keys = new ArrayList<>(plain.get("passport").propertyNames());
		assertThat(keys).contains("rated_capacity", "hazardous_substances", "waste_prevention_info");
		for (String key : keys) {
			assertThat(passport.has(vocabulary + key)).as(key).isTrue();
		}
		assertThat(passport.propertyNames()).hasSameSizeAs(keys);
		JsonNode capacity = passport.get(vocabulary + "rated_capacity").get(0);
		assertThat(capacity.get("@type").asString()).isEqualTo(XSD + "decimal");
		assertThat(capacity.get("@value").decimalValue())
			.isEqualByComparingTo(plain.get("passport").get("rated_capacity").decimalValue());
		assertThat(passport.get(vocabulary + "waste_prevention_info").get(0).get("@id").asString())
			.isEqualTo(plain.get("passport").get("waste_prevention_info").asString());
		JsonNode substances = passport.get(vocabulary + "hazardous_substances").get(0).get("@list");
		assertThat(substances).hasSize(plain.get("passport").get("hazardous_substances").size());
		assertThat(value(substances.get(0), vocabulary + "cas"))
			.isEqualTo(plain.get("passport").get("hazardous_substances").get(0).get("cas").asString());
		JsonNode study = passport.get(vocabulary + "carbon_footprint_study").get(0);
		assertThat(study.get(DPPM + "documentUrl").get(0).get("@id").asString())
			.isEqualTo(plain.get("passport").get("carbon_footprint_study").get("url").asString());
	}

	@Test
	void aGrantHoldersJsonLdShowsItsLevelAndIsRecordedAsSuch() throws Exception {
		Product product = this.fixtures.aBatteryProduct(RESTRICTED);
		this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = "/passport/01/" + product.gtin().value();
		Brand brand = brandOf(product);
		String vocabulary = brand.resolverBaseUrl() + "/voc/brands/" + brand.code() + "#";

		HttpResponse<String> restricted = this.http.get(path, "Accept", "application/ld+json", "Authorization",
				"Bearer " + this.fixtures.grant(product, AccessLevel.LEGITIMATE_INTEREST));

		assertThat(restricted.statusCode()).isEqualTo(200);
		assertThat(restricted.headers().firstValue("DPP-Access-Level")).hasValue("legitimate_interest");
		assertThat(restricted.headers().firstValue("Cache-Control")).hasValue("private, no-store");
		JsonNode passport = node(expand(restricted.body()), brand.resolverBaseUrl() + "/01/" + product.gtin().value())
			.get(DPPM + "passport")
			.get(0);
		assertThat(value(passport, vocabulary + "safety_measures")).isEqualTo(RESTRICTED);
		assertThat(JdbcClient.create(TestPostgres.get().dataSource())
			.sql("select format from passport_access_events where product_id = ?")
			.param(product.id())
			.query(String.class)
			.list()).containsExactly("jsonld");
	}

	@Test
	void theBrandsVocabularyDereferencesAndDescribesEveryPublicTermOnly() throws Exception {
		Product product = this.fixtures.aBatteryProduct(RESTRICTED);
		this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		Brand brand = brandOf(product);
		String vocabularyIri = brand.resolverBaseUrl() + "/voc/brands/" + brand.code();
		JsonNode plain = json
			.readTree(this.http.get("/passport/01/" + product.gtin().value(), "Accept", "application/json").body());

		HttpResponse<String> response = this.http.get("/voc/brands/" + brand.code(), "Accept", "application/ld+json");
		HttpResponse<String> unknown = this.http.get("/voc/brands/no-such-brand-code", "Accept", "application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/ld+json");
		JsonNode vocabulary = node(expand(response.body()), vocabularyIri);
		assertThat(types(vocabulary)).contains(DPPM + "BrandVocabulary");
		Map<String, JsonNode> terms = new HashMap<>();
		vocabulary.get("@reverse")
			.get(RDFS + "isDefinedBy")
			.forEach((term) -> terms.put(term.get("@id").asString(), term));
		for (String key : plain.get("passport").propertyNames()) {
			assertThat(terms).as(key).containsKey(vocabularyIri + "#" + key);
		}
		JsonNode capacity = terms.get(vocabularyIri + "#rated_capacity");
		assertThat(value(capacity, DPPM + "unitCode")).isEqualTo("AMH");
		assertThat(value(capacity, RDFS + "label")).isNotBlank();
		assertThat(terms).doesNotContainKeys(vocabularyIri + "#safety_measures",
				vocabularyIri + "#detailed_composition", vocabularyIri + "#conformity_test_reports");
		assertThat(response.body()).doesNotContain("safety_measures").doesNotContain(RESTRICTED);
		assertThat(unknown.statusCode()).isEqualTo(404);
	}

	private Brand brandOf(Product product) {
		return this.fixtures.brandOf(product);
	}

	/** The document expanded by a JSON-LD 1.1 processor, as a Jackson tree. */
	private static JsonNode expand(String document) throws Exception {
		return json.readTree(JsonLd.expand(JsonDocument.of(new StringReader(document))).get().toString());
	}

	private static JsonNode node(JsonNode expanded, String id) {
		for (JsonNode node : expanded) {
			if (node.has("@id") && id.equals(node.get("@id").asString())) {
				return node;
			}
		}
		throw new AssertionError("No node " + id + " in " + expanded);
	}

	private static List<String> types(JsonNode node) {
		List<String> types = new ArrayList<>();
		node.get("@type").forEach((type) -> types.add(type.asString()));
		return types;
	}

	private static String value(JsonNode node, String property) {
		JsonNode values = node.get(property);
		assertThat(values).as(property + " in " + node).isNotNull();
		return values.get(0).get("@value").asString();
	}

}
