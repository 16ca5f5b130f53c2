package io.dppmint.resolver;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.resolver.ResolverFixtures.Minted;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each actor sees its level's view and nothing above it (ESPR Art. 9(2)(f), Art. 11(b);
 * Regulation (EU) 2023/1542 Art. 77(2): Annex XIII (2) for persons with a legitimate
 * interest, (3) for authorities). A sentinel sits in the legitimate-interest fields and
 * another in the authority fields; every caller asks for the unit and the product
 * passport as page, JSON and JSON-LD, and no sentinel above its level appears in a body
 * or header, while every one at or below it does. Bad, expired, revoked and foreign
 * grants are refused (RFC 6750), never answered with the public view, and each restricted
 * answer is recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dpp.resolver.access-grant-ttl=0s")
@Import(ResolverTestConfiguration.class)
class PassportAccessIntegrationTests {

	private static final String LEGITIMATE_INTEREST = "LI-SENTINEL-41c2";

	private static final String AUTHORITY = "AUTH-SENTINEL-9be0";

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	/** As the owner: the resolver's own role may not change grants. */
	final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	ScanHttp http;

	@BeforeEach
	void client() {
		this.http = new ScanHttp(this.port);
	}

	@Test
	void eachCallerSeesItsLevelAndNothingAbove() {
		Product product = this.fixtures.aBatteryProduct(LEGITIMATE_INTEREST, AUTHORITY);
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		List<String> paths = List.of("/passport" + this.fixtures.gs1Path(product, minted.token(0)),
				"/passport/01/" + product.gtin().value());
		String repairer = this.fixtures.grant(product, AccessLevel.LEGITIMATE_INTEREST);
		String authority = this.fixtures.grant(product, AccessLevel.AUTHORITY);

		Map<String, List<String>> seen = Map.of("anonymous", List.of(), "Bearer " + repairer,
				List.of(LEGITIMATE_INTEREST), "Bearer " + authority, List.of(LEGITIMATE_INTEREST, AUTHORITY));
		for (Map.Entry<String, List<String>> caller : seen.entrySet()) {
			for (String path : paths) {
				for (String accept : List.of("application/json", "application/ld+json", "text/html")) {
					HttpResponse<String> response = get(path, accept, caller.getKey());
					String what = caller.getKey().substring(0, Math.min(12, caller.getKey().length())) + " " + path
							+ " " + accept;
					assertThat(response.statusCode()).as(what).isEqualTo(200);
					String everything = response.body() + response.headers().map();
					for (String sentinel : List.of(LEGITIMATE_INTEREST, AUTHORITY)) {
						if (caller.getValue().contains(sentinel)) {
							assertThat(everything).as(what).contains(sentinel);
						}
						else {
							assertThat(everything).as(what).doesNotContain(sentinel);
						}
					}
				}
			}
		}
		assertThat(accessEvents(product)).isEqualTo(8 + 4);
	}

	@Test
	void restrictedAnswersSayTheirLevelAndAreNeitherCachedNorReferred() {
		Product product = this.fixtures.aBatteryProduct(LEGITIMATE_INTEREST, AUTHORITY);
		this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = "/passport/01/" + product.gtin().value();

		HttpResponse<String> restricted = get(path, "text/html",
				"Bearer " + this.fixtures.grant(product, AccessLevel.LEGITIMATE_INTEREST));
		HttpResponse<String> open = get(path, "text/html", "anonymous");

		assertThat(restricted.headers().firstValue("DPP-Access-Level")).hasValue("legitimate_interest");
		assertThat(restricted.headers().firstValue("Cache-Control")).hasValue("private, no-store");
		assertThat(restricted.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(restricted.headers().firstValue("Vary").orElseThrow()).contains("Authorization");
		assertThat(restricted.body()).contains("Restricted view (legitimate interest)")
			.contains("Detailed composition");
		assertThat(open.headers().firstValue("DPP-Access-Level")).hasValue("public");
		assertThat(open.body()).doesNotContain("Restricted view").doesNotContain("Detailed composition");
	}

	@Test
	void refusesBadExpiredRevokedAndForeignGrantsWithoutFallingBackToThePublicView() {
		Product product = this.fixtures.aBatteryProduct(LEGITIMATE_INTEREST, AUTHORITY);
		Product other = this.fixtures.aBatteryProduct("x", "y");
		this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String path = "/passport/01/" + product.gtin().value();
		String revoked = this.fixtures.grant(product, AccessLevel.AUTHORITY);
		String expired = this.fixtures.grant(product, AccessLevel.AUTHORITY);
		this.jdbc.sql("update access_grants set revoked_at = now(), revoked_by = 'tests' where token_prefix = ?")
			.param(revoked.substring(5, 17))
			.update();
		this.jdbc.sql("""
				update access_grants set created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
				where token_prefix = ?""").param(expired.substring(5, 17)).update();
		String forged = this.fixtures.grant(product, AccessLevel.AUTHORITY);
		forged = forged.substring(0, forged.length() - 2) + (forged.endsWith("AA") ? "BB" : "AA");

		List<HttpResponse<String>> unauthorized = new ArrayList<>();
		for (String authorization : List.of("Bearer " + revoked, "Bearer " + expired, "Bearer " + forged,
				"Bearer dppg_nonsense", "Basic dXNlcjpwYXNz")) {
			unauthorized.add(get(path, "application/json", authorization));
		}
		HttpResponse<String> foreign = get(path, "application/json",
				"Bearer " + this.fixtures.grant(other, AccessLevel.AUTHORITY));

		assertThat(unauthorized).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer error=");
			assertThat(response.body()).doesNotContain("rated_capacity").doesNotContain(LEGITIMATE_INTEREST);
		});
		assertThat(unauthorized.get(0).headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"invalid_token\"");
		assertThat(foreign.statusCode()).isEqualTo(403);
		assertThat(foreign.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"insufficient_scope\"");
		assertThat(foreign.body()).doesNotContain("rated_capacity");
		assertThat(accessEvents(product)).isZero();
	}

	@Test
	void anAccessLinkOpensItsOwnProductsPassportAndNothingElseUntilRevoked() {
		Product product = this.fixtures.aBatteryProduct(LEGITIMATE_INTEREST, AUTHORITY);
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		Product sibling = this.fixtures.aSecondBatteryProduct(product);
		this.fixtures.mintSerial(sibling, 1, ActivationMode.ACTIVE);
		String link = this.fixtures.link(product, AccessLevel.LEGITIMATE_INTEREST);
		String access = "?dpp-access=" + link;

		HttpResponse<String> page = get("/passport/01/" + product.gtin().value() + access, "text/html", "anonymous");
		HttpResponse<String> unit = get("/passport" + this.fixtures.gs1Path(product, minted.token(0)) + access,
				"application/json", "anonymous");
		HttpResponse<String> scan = get("/01/" + product.gtin().value() + access, "text/html", "anonymous");
		HttpResponse<String> other = get("/passport/01/" + sibling.gtin().value() + access, "application/json",
				"anonymous");
		HttpResponse<String> grantInUrl = get("/passport/01/" + product.gtin().value() + "?dpp-access="
				+ this.fixtures.grant(product, AccessLevel.AUTHORITY), "application/json", "anonymous");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("DPP-Access-Level")).hasValue("legitimate_interest");
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("private, no-store");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.body()).contains(LEGITIMATE_INTEREST).doesNotContain(AUTHORITY);
		assertThat(unit.statusCode()).isEqualTo(200);
		assertThat(unit.body()).contains(LEGITIMATE_INTEREST).doesNotContain(AUTHORITY);
		assertThat(scan.statusCode()).isEqualTo(307);
		assertThat(scan.headers().firstValue("Location").orElseThrow()).endsWith(access);
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(other.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"insufficient_scope\"");
		assertThat(other.body()).doesNotContain(LEGITIMATE_INTEREST).doesNotContain("rated_capacity");
		assertThat(grantInUrl.statusCode()).isEqualTo(401);
		assertThat(grantInUrl.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_request\"");
		assertThat(grantInUrl.body()).doesNotContain(LEGITIMATE_INTEREST).doesNotContain(AUTHORITY);
		assertThat(accessEvents(product)).isEqualTo(2);

		this.jdbc.sql("update access_grants set revoked_at = now(), revoked_by = 'tests' where token_prefix = ?")
			.param(link.substring(5, 17))
			.update();
		HttpResponse<String> revoked = get("/passport/01/" + product.gtin().value() + access, "application/json",
				"anonymous");
		assertThat(revoked.statusCode()).isEqualTo(401);
		assertThat(revoked.body()).doesNotContain(LEGITIMATE_INTEREST);
	}

	@Test
	void authoritiesAndOnlyThemSeeARegisteredBatchsRegistrationIdentifier() {
		Product product = this.fixtures.aBatteryProduct(LEGITIMATE_INTEREST, AUTHORITY);
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		String registration = "EU-DPP-REG-" + Long.toHexString(System.nanoTime());
		this.jdbc.sql("""
				insert into registry_registrations (batch_id, brand_id, state, registration_identifier,
					submission_sha256, recorded_by)
				values (?, ?, 'registered', ?, sha256('x'::bytea), 'tests')""")
			.params(minted.batch().id(), product.brandId(), registration)
			.update();
		String unit = "/passport" + this.fixtures.gs1Path(product, minted.token(0));
		String authority = "Bearer " + this.fixtures.grant(product, AccessLevel.AUTHORITY);
		String repairer = "Bearer " + this.fixtures.grant(product, AccessLevel.LEGITIMATE_INTEREST);

		assertThat(get(unit, "application/json", authority).body())
			.contains("\"registrationIdentifier\":\"" + registration + "\"");
		assertThat(get(unit, "text/html", authority).body()).contains("EU DPP registration", registration);
		assertThat(get(unit, "application/ld+json", authority).body()).contains(registration);
		for (String caller : List.of("anonymous", repairer)) {
			for (String accept : List.of("application/json", "text/html", "application/ld+json")) {
				assertThat(get(unit, accept, caller).body()).as(caller + " " + accept).doesNotContain(registration);
			}
		}
	}

	private HttpResponse<String> get(String path, String accept, String authorization) {
		return "anonymous".equals(authorization) ? this.http.get(path, "Accept", accept)
				: this.http.get(path, "Accept", accept, "Authorization", authorization);
	}

	private long accessEvents(Product product) {
		return this.jdbc.sql("select count(*) from passport_access_events where product_id = ?")
			.param(product.id())
			.query(Long.class)
			.single();
	}

}
