package io.dppmint.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.passport.AccessGrant;
import io.dppmint.core.passport.JdbcAccessGrants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access grants through the API: the token is shown once and only its SHA-256 is kept,
 * grants are listed without tokens and revoked once, refused input writes nothing, and
 * neither another brand nor a viewer can issue or revoke.
 */
class AccessGrantApiIntegrationTests extends ApiTestSupport {

	@Autowired
	JdbcAccessGrants grants;

	@Test
	void issuesAGrantWhoseTokenIsShownOnceAndStoredOnlyAsAHash() throws Exception {
		Tenant tenant = tenant();

		Response issued = api(tenant).post("/api/v1/access-grants", Map.of("level", "legitimate_interest", "holderName",
				"Repair Café Lisboa", "holderKind", "repairer", "purpose", "Battery repairs", "validDays", 30));
		Response list = api(tenant).get("/api/v1/access-grants");

		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		String token = issued.json().path("token").asString();
		assertThat(token).matches("dppg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
		long id = issued.json().at("/grant/id").asLong();
		assertThat(issued.json().at("/grant/status").asString()).isEqualTo("active");
		assertThat(list.body()).contains("Repair Café Lisboa").doesNotContain(token.substring(18));
		byte[] stored = this.jdbc.sql("select token_sha256 from access_grants where id = ?")
			.param(id)
			.query(byte[].class)
			.single();
		assertThat(stored)
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		assertThat(this.jdbc
			.sql("select count(*) from access_grants where id = ? and row_to_json(access_grants)::text like ?")
			.param(id)
			.param("%" + token.substring(18) + "%")
			.query(Long.class)
			.single()).isZero();
		AccessGrant grant = this.grants.authenticate(token).orElseThrow();
		assertThat(grant.brandId()).isEqualTo(tenant.brandId());
		assertThat(count("select count(*) from audit_events where entity_type = 'access_grant' and entity_id = ?",
				Long.toString(id)))
			.isOne();
	}

	@Test
	void issuesAnAccessLinkToOneGs1ProductForAtMostAWeekAndRefusesTheRest() {
		Tenant tenant = gs1Tenant();
		Tenant other = gs1Tenant();
		Tenant plain = tenant();
		long before = count("select count(*) from access_grants");

		Response issued = api(tenant).post("/api/v1/access-links", Map.of("productId", tenant.ready().id(), "level",
				"legitimate_interest", "holderName", "Recycler on site", "validHours", 48));
		Response tooLong = api(tenant).post("/api/v1/access-links", Map.of("productId", tenant.ready().id(), "level",
				"authority", "holderName", "Customs", "validHours", 169));
		Response foreign = api(tenant).post("/api/v1/access-links",
				Map.of("productId", other.ready().id(), "level", "authority", "holderName", "Customs"));
		Response withoutGtin = api(plain).post("/api/v1/access-links",
				Map.of("productId", plain.ready().id(), "level", "authority", "holderName", "Customs"));
		Response operatorLevel = api(tenant).post("/api/v1/access-links",
				Map.of("productId", tenant.ready().id(), "level", "operator", "holderName", "Someone"));
		Response byViewer = login(tenant.viewer(), tenant.password()).post("/api/v1/access-links",
				Map.of("productId", tenant.ready().id(), "level", "authority", "holderName", "Customs"));

		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		String url = issued.json().path("url").asString();
		assertThat(url).startsWith(tenant.brand().resolverBaseUrl() + "/passport/01/" + tenant.ready().gtin().value()
				+ "?dpp-access=dppg_");
		AccessGrant grant = this.grants.authenticate(url.substring(url.indexOf("=") + 1))
			.flatMap((found) -> this.grants.find(tenant.brandId(), found.id()))
			.orElseThrow();
		assertThat(grant.productId()).isEqualTo(tenant.ready().id());
		assertThat(issued.json().at("/grant/productId").asLong()).isEqualTo(tenant.ready().id());
		assertThat(java.time.Duration.between(grant.createdAt(), grant.expiresAt()).toHours()).isEqualTo(48);
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(foreign.status()).isEqualTo(422);
		assertThat(foreign.errorCodes()).containsExactly("UNKNOWN_PRODUCT");
		assertThat(withoutGtin.status()).isEqualTo(422);
		assertThat(withoutGtin.errorCodes()).containsExactly("LINK_NEEDS_GTIN");
		assertThat(operatorLevel.status()).isEqualTo(422);
		assertThat(byViewer.status()).isEqualTo(403);
		assertThat(count("select count(*) from access_grants")).isEqualTo(before + 1);
	}

	@Test
	void revokesOnceAndListsTheAnswersGivenUnderAGrant() {
		Tenant tenant = tenant();
		Response issued = api(tenant).post("/api/v1/access-grants", Map.of("level", "authority", "holderName",
				"Market surveillance NL", "holderKind", "market_surveillance"));
		long id = issued.json().at("/grant/id").asLong();
		AccessGrant grant = this.grants.authenticate(issued.json().path("token").asString()).orElseThrow();
		// As the resolver records it (the console's role may only read the log).
		new JdbcAccessGrants(this.jdbc, null, null).recordAccess(grant, tenant.ready().id(), null, 1, "json");

		Response events = api(tenant).get("/api/v1/passport-access-events?grantId=" + id);
		Response revoked = api(tenant).post("/api/v1/access-grants/" + id + "/revoke", Map.of());
		Response again = api(tenant).post("/api/v1/access-grants/" + id + "/revoke", Map.of());

		assertThat(events.json().size()).isOne();
		assertThat(events.json().get(0).path("productId").asLong()).isEqualTo(tenant.ready().id());
		assertThat(events.json().get(0).path("level").asString()).isEqualTo("authority");
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.json().path("status").asString()).isEqualTo("revoked");
		assertThat(again.status()).isEqualTo(409);
		assertThat(this.grants.authenticate(issued.json().path("token").asString()).orElseThrow().revokedAt())
			.isNotNull();
	}

	@Test
	void refusesWhatIsNotAGrantAndWhoMayNotIssueOrRevoke() {
		Tenant tenant = tenant();
		Tenant other = tenant();
		Response theirs = api(other).post("/api/v1/access-grants",
				Map.of("level", "authority", "holderName", "Customs", "holderKind", "customs"));
		long before = count("select count(*) from access_grants where brand_id = ?", tenant.brandId());

		Response publicLevel = api(tenant).post("/api/v1/access-grants",
				Map.of("level", "public", "holderName", "Anyone", "holderKind", "other"));
		Response operatorLevel = api(tenant).post("/api/v1/access-grants",
				Map.of("level", "operator", "holderName", "Anyone", "holderKind", "other"));
		Response badKind = api(tenant).post("/api/v1/access-grants",
				Map.of("level", "authority", "holderName", "Customs", "holderKind", "consumer"));
		Response tooLong = api(tenant).post("/api/v1/access-grants",
				Map.of("level", "authority", "holderName", "Customs", "holderKind", "customs", "validDays", 400));
		Response viewer = login(tenant.viewer(), tenant.password()).post("/api/v1/access-grants",
				Map.of("level", "authority", "holderName", "Customs", "holderKind", "customs"));
		Response foreignRevoke = api(tenant)
			.post("/api/v1/access-grants/" + theirs.json().at("/grant/id").asLong() + "/revoke", Map.of());
		Response foreignBrand = api(tenant).get("/api/v1/access-grants?brandId=" + other.brandId());

		assertThat(publicLevel.status()).isEqualTo(422);
		assertThat(operatorLevel.status()).isEqualTo(422);
		assertThat(badKind.status()).isEqualTo(422);
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(viewer.status()).isEqualTo(403);
		assertThat(foreignRevoke.status()).isEqualTo(404);
		assertThat(foreignBrand.status()).isEqualTo(404);
		assertThat(count("select count(*) from access_grants where brand_id = ?", tenant.brandId())).isEqualTo(before);
		assertThat(
				count("select count(*) from access_grants where brand_id = ? and revoked_at is null", other.brandId()))
			.isOne();
	}

}
