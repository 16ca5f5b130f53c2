package io.dppmint.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.console.Http.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's access grants page over real HTTP on the test PostgreSQL: a grant issued
 * shows its token once and only the token's SHA-256 is stored, refused input writes
 * nothing, a grant is revoked after a confirmation, viewers read only, another brand's
 * owner finds nothing; and the operator GLN form on the schema page.
 */
class AccessGrantPagesIntegrationTests extends ApiTestSupport {

	private static final Pattern TOKEN = Pattern
		.compile("id=\"issued-token\"[^>]*>(dppg_[0-9a-f]{12}_[A-Za-z0-9_-]{43})<");

	@Test
	void issuingShowsTheTokenOnceAndStoresOnlyItsHash() throws Exception {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		String page = "/brands/" + tenant.brandId() + "/access-grants";

		Response empty = owner.page(page);
		Response issued = owner.form(page, Map.of("level", "authority", "holderName", "Market Surveillance NL",
				"holderKind", "market_surveillance", "purpose", "Inspection 2026-114", "validDays", "30"));
		Matcher token = TOKEN.matcher(issued.body());
		Response later = owner.page(page);

		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.body()).contains("Issue access grant", "No grants yet", "value=\"90\"",
				"<option value=\"recycler\"");
		assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
		assertThat(issued.header("Cache-Control")).contains("no-store");
		assertThat(token.find()).as(issued.body()).isTrue();
		String secret = token.group(1);
		assertThat(issued.body()).contains("shown only this once",
				"curl -H &quot;Authorization: Bearer " + secret
						+ "&quot; https://id.example.com/passport/01/&lt;gtin&gt;",
				"Market Surveillance NL", "access-authority");
		byte[] stored = this.jdbc.sql("select token_sha256 from access_grants where brand_id = ?")
			.param(tenant.brandId())
			.query(byte[].class)
			.single();
		assertThat(stored)
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
		assertThat(later.body())
			.contains("Market Surveillance NL", "Inspection 2026-114", ">active<", secret.substring(0, 17) + "_…")
			.doesNotContain(secret);
		assertThat(count("select count(*) from audit_events where entity_type = 'access_grant' and action = 'issued'"
				+ " and actor = ? and brand_id = ?", tenant.owner(), tenant.brandId()))
			.isOne();
	}

	@Test
	void anAccessLinkIsCreatedForOneGs1ProductShownOnceAndRefusedInputWritesNothing() {
		Tenant tenant = gs1Tenant();
		Tenant plain = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		String links = "/brands/" + tenant.brandId() + "/access-links";

		Response prefilled = owner
			.page("/brands/" + tenant.brandId() + "/access-grants?product=" + tenant.ready().id());
		Response unknown = owner.form(links,
				Map.of("sku", "NO-SUCH-SKU", "level", "authority", "holderName", "Customs", "validHours", "24"));
		Response tooLong = owner.form(links, Map.of("sku", tenant.ready().sku(), "level", "authority", "holderName",
				"Customs", "validHours", "169"));
		Response byViewer = login(tenant.viewer(), tenant.password()).form(links,
				Map.of("sku", tenant.ready().sku(), "level", "authority", "holderName", "Customs", "validHours", "24"));
		Response withoutGtin = login(plain.owner(), plain.password()).form(
				"/brands/" + plain.brandId() + "/access-links",
				Map.of("sku", plain.ready().sku(), "level", "authority", "holderName", "Customs", "validHours", "24"));
		long before = count("select count(*) from access_grants where brand_id in (?, ?)", tenant.brandId(),
				plain.brandId());
		Response issued = owner.form(links, Map.of("sku", tenant.ready().sku(), "level", "legitimate_interest",
				"holderName", "Recycler on site", "validHours", "12"));
		Response later = owner.page("/brands/" + tenant.brandId() + "/access-grants");

		assertThat(prefilled.body()).contains("Create access link", "value=\"" + tenant.ready().sku() + "\"");
		assertThat(unknown.body()).contains("id=\"link-error\"", "no product with SKU &#39;NO-SUCH-SKU&#39;");
		assertThat(tooLong.body()).contains("id=\"link-error\"", "at most 7 days");
		assertThat(byViewer.status()).isEqualTo(403);
		assertThat(withoutGtin.body()).contains("id=\"link-error\"", "has no GTIN");
		assertThat(before).isZero();
		assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
		assertThat(issued.header("Cache-Control")).contains("no-store");
		Matcher url = Pattern.compile("id=\"issued-link-url\"[^>]*>(https://[^<]+)<").matcher(issued.body());
		assertThat(url.find()).as(issued.body()).isTrue();
		assertThat(url.group(1))
			.startsWith("https://id.example.com/passport/01/" + tenant.ready().gtin().value() + "?dpp-access=dppg_");
		String secret = url.group(1).substring(url.group(1).indexOf("dppg_"));
		assertThat(later.body()).contains("access link", "Recycler on site").doesNotContain(secret);
		assertThat(count("select count(*) from access_grants where brand_id = ? and product_id = ?", tenant.brandId(),
				tenant.ready().id()))
			.isOne();
	}

	@Test
	void refusedInputShowsTheReasonAndWritesNothing() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		String page = "/brands/" + tenant.brandId() + "/access-grants";

		Response operatorLevel = owner.form(page,
				Map.of("level", "operator", "holderName", "Fixit", "holderKind", "repairer", "validDays", "90"));
		Response noName = owner.form(page,
				Map.of("level", "legitimate_interest", "holderName", " ", "holderKind", "repairer", "validDays", "90"));
		Response badKind = owner.form(page, Map.of("level", "legitimate_interest", "holderName", "Fixit", "holderKind",
				"hacker", "validDays", "90"));
		Response tooLong = owner.form(page, Map.of("level", "legitimate_interest", "holderName", "Fixit", "holderKind",
				"repairer", "validDays", "367"));
		Response notANumber = owner.form(page, Map.of("level", "legitimate_interest", "holderName", "Fixit",
				"holderKind", "repairer", "validDays", "soon"));

		assertThat(operatorLevel.status()).isEqualTo(200);
		assertThat(operatorLevel.body()).contains("id=\"issue-error\"", "not operator", "value=\"Fixit\"")
			.doesNotContain("issued-token");
		assertThat(noName.body()).contains("holder name has 1 to 200 characters");
		assertThat(badKind.body()).contains("holder kind is one of");
		assertThat(tooLong.body()).contains("at most 366 days");
		assertThat(notANumber.body()).contains("1 to 366 days");
		assertThat(count("select count(*) from access_grants where brand_id = ?", tenant.brandId())).isZero();
		assertThat(count("select count(*) from audit_events where entity_type = 'access_grant' and brand_id = ?",
				tenant.brandId()))
			.isZero();
	}

	@Test
	void aGrantIsRevokedAfterAConfirmation() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		String page = "/brands/" + tenant.brandId() + "/access-grants";
		owner.form(page, Map.of("level", "legitimate_interest", "holderName", "Fixit Repairs", "holderKind", "repairer",
				"validDays", "90"));
		long id = this.jdbc.sql("select id from access_grants where brand_id = ?")
			.param(tenant.brandId())
			.query(Long.class)
			.single();

		Response confirm = owner.page(page + "/" + id + "/revoke");
		Response revoked = owner.form(page + "/" + id + "/revoke", Map.of());
		Response after = owner.page(page);
		Response again = owner.form(page + "/" + id + "/revoke", Map.of());

		assertThat(confirm.body()).contains("id=\"confirm-revocation\"",
				"Revoke the grant of <span>Fixit Repairs</span>?");
		assertThat(revoked.status()).isEqualTo(302);
		assertThat(after.body()).contains("Revoked the grant of Fixit Repairs", ">revoked<", "by " + tenant.owner())
			.doesNotContain("Revoke…");
		assertThat(count("select count(*) from access_grants where id = ? and revoked_at is not null", id)).isOne();
		assertThat(owner.page(page).body()).doesNotContain("Revoked the grant");
		assertThat(again.status()).isEqualTo(302);
		assertThat(owner.form(page + "/999999999/revoke", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void viewersReadOnlyAndAnotherBrandsOwnerFindsNothing() {
		Tenant tenant = tenant();
		Tenant other = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		String page = "/brands/" + tenant.brandId() + "/access-grants";
		owner.form(page, Map.of("level", "legitimate_interest", "holderName", "Fixit Repairs", "holderKind", "repairer",
				"validDays", "90"));
		long id = this.jdbc.sql("select id from access_grants where brand_id = ?")
			.param(tenant.brandId())
			.query(Long.class)
			.single();
		Http viewer = login(tenant.viewer(), tenant.password());
		Http stranger = login(other.owner(), other.password());
		Map<String, String> issue = Map.of("level", "legitimate_interest", "holderName", "Other", "holderKind",
				"repairer", "validDays", "90");

		Response viewed = viewer.page(page);

		assertThat(viewed.status()).isEqualTo(200);
		assertThat(viewed.body()).contains("Fixit Repairs")
			.doesNotContain("Issue access grant", "Revoke…", "id=\"operator\"");
		assertThat(viewer.page("/brands/" + tenant.brandId() + "/passport-schema").body())
			.doesNotContain("id=\"operator\"");
		assertThat(viewer.form(page, issue).status()).isEqualTo(403);
		assertThat(viewer.page(page + "/" + id + "/revoke").status()).isEqualTo(403);
		assertThat(viewer.form(page + "/" + id + "/revoke", Map.of()).status()).isEqualTo(403);
		assertThat(viewer.form("/brands/" + tenant.brandId() + "/operator", Map.of("operatorGln", "4012345000009"))
			.status()).isEqualTo(403);
		assertThat(stranger.page(page).status()).isEqualTo(404);
		assertThat(stranger.form(page, issue).status()).isEqualTo(404);
		assertThat(stranger.form(page + "/" + id + "/revoke", Map.of()).status()).isEqualTo(404);
		assertThat(stranger.page("/passports/access").header("Location"))
			.endsWith("/brands/" + other.brandId() + "/access-grants");
		assertThat(count("select count(*) from access_grants where brand_id = ?", tenant.brandId())).isOne();
		assertThat(count("select count(*) from access_grants where id = ? and revoked_at is null", id)).isOne();
	}

	@Test
	void writersSetTheOperatorGlnOnTheSchemaPage() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		String schema = "/brands/" + tenant.brandId() + "/passport-schema";

		Response refused = owner.form("/brands/" + tenant.brandId() + "/operator",
				Map.of("operatorGln", "4012345000008"));
		Response afterRefused = owner.page(schema);
		Response set = owner.form("/brands/" + tenant.brandId() + "/operator", Map.of("operatorGln", "4012345000009"));
		Response afterSet = owner.page(schema);

		assertThat(refused.status()).isEqualTo(302);
		assertThat(afterRefused.body()).contains("id=\"error-operator-gln\"", "value=\"4012345000008\"");
		assertThat(set.status()).isEqualTo(302);
		assertThat(afterSet.body()).contains("Operator GLN set to 4012345000009.", "value=\"4012345000009\"");
		assertThat(this.brands.findById(tenant.brandId()).orElseThrow().operatorGln()).isEqualTo("4012345000009");
		assertThat(count("select count(*) from audit_events where entity_type = 'brand' and action = 'operator_changed'"
				+ " and brand_id = ?", tenant.brandId()))
			.isOne();
	}

}
