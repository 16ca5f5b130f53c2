package io.dppmint.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.console.Http.Response;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's server-rendered pages over real HTTP, logged in through the login form,
 * against the real test PostgreSQL: what each role sees and may do, tenant isolation, the
 * wizard's inline errors and idempotent submission, revocation. The browser-driven
 * journeys (htmx, QR decoding from the screen, downloads) are in the system tests.
 */
class ConsolePagesIntegrationTests extends ApiTestSupport {

	@Autowired
	IdentifierScheme identifiers;

	@Test
	void homeAndLoginLeadToTheDashboard() {
		Tenant tenant = tenant();
		Response login = anonymous().page("/login");
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body()).contains("Log in to the minting console").contains("name=\"_csrf\"");
		assertThat(anonymous().page("/mint").status()).isEqualTo(302);
		Http owner = login(tenant.owner(), tenant.password());
		Response home = owner.page("/");
		assertThat(home.status()).isEqualTo(302);
		assertThat(home.header("Location")).endsWith("/mint");
		assertThat(anonymous().get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
		assertThat(anonymous().get("/assets/css/console.css").status()).isEqualTo(200);
	}

	@Test
	void dashboardShowsTheBrandsCountersAndRefreshesThemOnlyWhileABatchIsUnfinished() {
		Tenant tenant = tenant();
		MintBatch minted = mintedBatch(tenant, 40);
		Http owner = login(tenant.owner(), tenant.password());
		Response dashboard = owner.page("/mint");
		assertThat(dashboard.status()).isEqualTo(200);
		assertThat(dashboard.body()).contains("Total Tokens Minted", "Active Tokens", "Batches Created",
				"Exported / Printed");
		assertThat(kpi(dashboard.body(), "tokens-minted")).isEqualTo("40");
		assertThat(kpi(dashboard.body(), "active-tokens")).isEqualTo("40");
		assertThat(kpi(dashboard.body(), "batches-created")).isEqualTo("1");
		assertThat(owner.fragment("/mint/kpis").body()).contains("data-refreshing=\"false\"")
			.doesNotContain("hx-trigger");

		MintBatch queued = queuedBatch(tenant, 5);
		Response refreshing = owner.fragment("/mint/kpis");
		assertThat(refreshing.body()).contains("data-refreshing=\"true\"", "hx-trigger=\"every 2s\"");
		assertThat(kpi(refreshing.body(), "batches-created")).isEqualTo("2");
		Response batches = owner.fragment("/mint/tabs/batches");
		assertThat(batches.body()).contains("data-batch-id=\"" + minted.id() + "\"",
				"data-batch-id=\"" + queued.id() + "\"", "hx-trigger=\"every 3s\"");

		this.jdbc.sql("update mint_batches set status = 'failed', error = 'test' where id = :id")
			.param("id", queued.id())
			.update();
		assertThat(owner.fragment("/mint/kpis").body()).doesNotContain("hx-trigger");
	}

	@Test
	void batchPageShowsMetadataProgressAndLoadsItsTokens() {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 30);
		Http owner = login(tenant.owner(), tenant.password());
		Response page = owner.page("/mint/batch/" + batch.id());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Batch #" + batch.id(), tenant.ready().name(), "30 of 30 units minted",
				"/mint/tabs/tokens?batchId=" + batch.id(), "Export / Download");
		assertThat(field(page.body(), "signed")).isEqualTo("no");
		assertThat(field(page.body(), "carrier")).isEqualTo("QR");
		assertThat(page.body()).doesNotContain("Genuine taps");
		Response tokens = owner.fragment("/mint/tabs/tokens?batchId=" + batch.id());
		List<String> shown = tokenIdentifiers(tokens.body());
		assertThat(shown).hasSize(25);
		assertThat(shown.getFirst()).isEqualTo(this.identifiers.encode(batch.firstTokenId()));
		String next = nextLink(tokens.body());
		List<String> rest = tokenIdentifiers(owner.fragment(next).body());
		assertThat(rest).hasSize(5).doesNotContainAnyElementsOf(shown);
		assertThat(rest.getLast()).isEqualTo(this.identifiers.encode(batch.firstTokenId() + 29));
	}

	@Test
	void tokenPagesWalkManyBatchesInNumberOrderSkippingEmptyOnesAndOtherBrands() {
		Tenant mine = tenant();
		Tenant theirs = tenant();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 70; i++) {
			if (i % 7 == 3) {
				queuedBatch(mine, 2);
				continue;
			}
			if (i % 5 == 0) {
				mintedBatch(theirs, 3);
			}
			MintBatch batch = mintedBatch(mine, 1 + i % 3);
			for (int n = 0; n < batch.quantity(); n++) {
				expected.add(this.identifiers.encode(batch.firstTokenId() + n));
			}
		}
		Http owner = login(mine.owner(), mine.password());
		List<String> walked = new ArrayList<>();
		String path = "/mint/tabs/tokens";
		int pages = 0;
		while (path != null) {
			String html = owner.fragment(path).body();
			walked.addAll(tokenIdentifiers(html));
			path = html.contains("Next tokens") ? nextLink(html) : null;
			pages++;
		}
		assertThat(walked).containsExactlyElementsOf(expected);
		assertThat(pages).isEqualTo((expected.size() + 24) / 25);
	}

	@Test
	void tokenPreviewCarriesTheQrCodeOfTheResolverUrlAndRevocationNeedsAReason() {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 3);
		String identifier = this.identifiers.encode(batch.firstTokenId() + 1);
		String resolverUrl = "https://id.example.com/t/" + identifier;
		Http owner = login(tenant.owner(), tenant.password());
		Response panel = owner.fragment("/mint/tokens/" + identifier);
		assertThat(panel.status()).isEqualTo(200);
		assertThat(panel.body()).contains("<svg", "QR code of " + resolverUrl, resolverUrl, "Revoke…")
			.doesNotContain("<html");
		assertThat(owner.page("/mint/tokens/" + identifier).body()).contains("<html", "<svg");
		Response svg = owner.get("/mint/tokens/" + identifier + "/qr.svg");
		assertThat(svg.header("Content-Type")).startsWith("image/svg+xml");

		Response confirm = owner.fragment("/mint/tokens/" + identifier + "/revoke");
		assertThat(confirm.body()).contains("Revoke this token?", "Confirm revocation");
		Response blank = owner.form("/mint/tokens/" + identifier + "/revoke", Map.of("reason", "   "));
		assertThat(blank.status()).isEqualTo(200);
		assertThat(blank.body()).contains("Give a reason");
		assertThat(status(batch.firstTokenId() + 1)).isEqualTo(TokenStatus.ACTIVE);

		Response revoked = owner.form("/mint/tokens/" + identifier + "/revoke", Map.of("reason", "Label misprinted"));
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.body()).contains("Token revoked", "Label misprinted").doesNotContain("Revoke…");
		assertThat(status(batch.firstTokenId() + 1)).isEqualTo(TokenStatus.REVOKED);
		assertThat(count(
				"select count(*) from audit_events where entity_type = 'token' and entity_id = ? and action = 'revoked'",
				identifier))
			.isEqualTo(1);
		Response activity = owner.fragment("/mint/tabs/activity?entityType=token");
		assertThat(activity.body()).contains(identifier, "revoked", "reason=Label misprinted");
	}

	@Test
	void aViewerSeesEverythingOfItsBrandButNoActionAndMayNotAct() {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 2);
		String identifier = this.identifiers.encode(batch.firstTokenId());
		Http viewer = login(tenant.viewer(), tenant.password());
		Response dashboard = viewer.page("/mint");
		assertThat(dashboard.status()).isEqualTo(200);
		assertThat(dashboard.body()).doesNotContain("href=\"/mint/new\"");
		assertThat(viewer.page("/mint/batch/" + batch.id()).body()).contains("Batch #" + batch.id())
			.doesNotContain("Export / Download");
		assertThat(viewer.fragment("/mint/tokens/" + identifier).body()).contains("<svg").doesNotContain("Revoke");
		assertThat(viewer.page("/products").body()).contains(tenant.ready().sku()).doesNotContain(">Mint</a>");
		assertThat(viewer.page("/mint/new").status()).isEqualTo(403);
		assertThat(viewer.form("/mint/tokens/" + identifier + "/revoke", Map.of("reason", "no")).status())
			.isEqualTo(403);
		assertThat(viewer.form("/mint/exports", Map.of("batchId", Long.toString(batch.id()))).status()).isEqualTo(403);
		assertThat(status(batch.firstTokenId())).isEqualTo(TokenStatus.ACTIVE);
		assertThat(viewer.page("/jobs").status()).isEqualTo(403);
	}

	@Test
	void aBrandOwnerNeverSeesAnotherBrandsData() {
		Tenant mine = tenant();
		Tenant theirs = tenant();
		MintBatch their = mintedBatch(theirs, 2);
		mintedBatch(mine, 1);
		String theirToken = this.identifiers.encode(their.firstTokenId());
		Http owner = login(mine.owner(), mine.password());
		assertThat(owner.page("/mint/batch/" + their.id()).status()).isEqualTo(404);
		assertThat(owner.fragment("/mint/tokens/" + theirToken).status()).isEqualTo(404);
		assertThat(owner.get("/mint/tokens/" + theirToken + "/qr.svg").status()).isEqualTo(404);
		assertThat(owner.fragment("/mint/tabs/tokens?batchId=" + their.id()).body()).doesNotContain(theirToken)
			.contains("No tokens here yet");
		assertThat(owner.fragment("/mint/tabs/batches").body()).doesNotContain("data-batch-id=\"" + their.id() + "\"");
		assertThat(owner.fragment("/mint/tabs/tokens").body()).doesNotContain(theirToken);
		assertThat(owner.page("/products?q=" + theirs.ready().sku()).body()).doesNotContain(theirs.ready().name());
		assertThat(owner.page("/mint/new/run?productId=" + theirs.ready().id()).body())
			.contains("Choose a product from your catalogue")
			.doesNotContain(theirs.ready().name());
		Response activity = owner.fragment("/mint/tabs/activity");
		assertThat(activity.status()).isEqualTo(200);
		assertThat(activity.body()).contains("data-event-id").doesNotContain(theirs.brand().code());
		assertThat(owner.form("/mint/tokens/" + theirToken + "/revoke", Map.of("reason", "x")).status()).isEqualTo(404);
		assertThat(status(their.firstTokenId())).isEqualTo(TokenStatus.ACTIVE);
		assertThat(kpi(owner.page("/mint").body(), "tokens-minted")).isEqualTo("1");
	}

	@Test
	void productLibraryShowsTheReadyBadgeOrEveryReasonWhyNot() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		Response library = owner.page("/products");
		assertThat(library.status()).isEqualTo(200);
		String ready = row(library.body(), tenant.ready().sku());
		String notReady = row(library.body(), tenant.notReady().sku());
		assertThat(ready).contains("Ready to mint", "/mint/new/run?productId=" + tenant.ready().id());
		assertThat(notReady).contains("Not ready", "material", "draft").doesNotContain("Ready to mint");
	}

	@Test
	void wizardShowsEveryErrorNextToItsFieldAndSubmitsOnceWhateverTheRetries() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		Response start = owner.page("/mint/new");
		assertThat(start.status()).isEqualTo(200);
		String key = hidden(start.body(), "key");
		assertThat(key).hasSizeGreaterThan(20);
		assertThat(row(start.body(), tenant.notReady().sku())).contains("Not ready").doesNotContain("Select</a>");

		Response notReady = owner.page("/mint/new/run?key=" + key + "&productId=" + tenant.notReady().id());
		assertThat(notReady.body()).contains("is not ready to mint");
		Response run = owner.page("/mint/new/run?key=" + key + "&productId=" + tenant.ready().id());
		assertThat(run.body()).contains(tenant.run().erpReference(), "1,000 of 1,000 units left");

		String product = Long.toString(tenant.ready().id());
		Response notANumber = owner.form("/mint/new/configure",
				fields(key, product, "", "serial", "active", "lots", "review"));
		assertThat(error(notANumber.body(), "quantity")).isEqualTo("Enter a whole number of units from 1 to 1,000,000");
		Response tooMany = owner.form("/mint/new/configure",
				fields(key, product, Long.toString(tenant.run().id()), "serial", "active", "1001", "review"));
		assertThat(error(tooMany.body(), "quantity")).contains(tenant.run().erpReference()).contains("1000 units left");
		Response zero = owner.form("/mint/new/configure", fields(key, product, "", "serial", "active", "0", "review"));
		assertThat(error(zero.body(), "quantity")).isEqualTo("Quantity must be between 1 and 1,000,000, not 0");

		List<Map.Entry<String, String>> lots = fields(key, product, "", "lot", "first_scan", "30", "review");
		lots.addAll(List.of(Map.entry("lotNumber", "LOT A"), Map.entry("lotQuantity", "10"),
				Map.entry("lotNumber", "LOT-B"), Map.entry("lotQuantity", "ten")));
		Response badLots = owner.form("/mint/new/configure", lots);
		assertThat(error(badLots.body(), "lots-1-quantity")).isEqualTo("Enter the lot's units as a whole number");
		lots.set(lots.size() - 1, Map.entry("lotQuantity", "10"));
		Response badLotNumber = owner.form("/mint/new/configure", lots);
		assertThat(error(badLotNumber.body(), "lots-0-lotNumber")).contains("LOT A");
		assertThat(error(badLotNumber.body(), "lots")).contains("add up to 20, not the requested 30");
		assertThat(count("select count(*) from mint_batches where brand_id = ?", tenant.brandId())).isZero();

		List<Map.Entry<String, String>> good = fields(key, product, Long.toString(tenant.run().id()), "lot",
				"first_scan", "30", "review");
		good.addAll(List.of(Map.entry("lotNumber", "LOT-A"), Map.entry("lotQuantity", "10"),
				Map.entry("lotNumber", "LOT-B"), Map.entry("lotQuantity", "20")));
		Response review = owner.form("/mint/new/configure", good);
		assertThat(review.body()).contains("Review", "30 units", "LOT-A", "LOT-B", "Mint tokens");
		assertThat(count("select count(*) from mint_batches where brand_id = ?", tenant.brandId())).isZero();

		List<Map.Entry<String, String>> submit = new ArrayList<>(good);
		submit.removeIf((field) -> field.getKey().equals("action"));
		Response first = owner.form("/mint/new", submit);
		Response second = owner.form("/mint/new", submit);
		assertThat(first.status()).isEqualTo(302);
		assertThat(first.header("Location")).matches(".*/mint/batch/\\d+\\?created");
		assertThat(second.header("Location")).isEqualTo(first.header("Location").replace("created", "replayed"));
		assertThat(count("select count(*) from mint_batches where brand_id = ? and idempotency_key = ?",
				tenant.brandId(), key))
			.isEqualTo(1);
		String batchPage = first.header("Location").replaceAll("^https?://[^/]+", "");
		assertThat(owner.page(batchPage).body()).contains("Mint request accepted", "LOT-A", "queued");
	}

	@Test
	void wizardAsksForTheBatchsPassportFieldsAndMintsTheBatchWithThem() {
		Tenant tenant = tenant();
		Fixtures.on(TestPostgres.get().dataSource())
			.passports()
			.publishSchema(tenant.brandId(), PassportValues.parse("""
					{"additionalText": true, "fields": [
					  {"key": "production_date", "label": "Production date", "type": "date", "level": "batch",
					   "required": true},
					  {"key": "dye_lot_temperature", "label": "Dye bath temperature", "type": "number", "unit": "CEL",
					   "unitLabel": "°C", "level": "batch"}
					]}""").toNode(), "tests");
		Http owner = login(tenant.owner(), tenant.password());
		String key = hidden(owner.page("/mint/new").body(), "key");
		String product = Long.toString(tenant.ready().id());

		Response configure = owner.page("/mint/new/configure?key=" + key + "&productId=" + product);
		List<Map.Entry<String, String>> missing = fields(key, product, "", "serial", "active", "10", "review");
		missing.add(Map.entry("passport[dye_lot_temperature]", "hot"));
		Response refused = owner.form("/mint/new/configure", missing);
		List<Map.Entry<String, String>> decimalComma = fields(key, product, "", "serial", "active", "10", "review");
		decimalComma.add(Map.entry("passport[dye_lot_temperature]", "3,9"));
		Response ambiguous = owner.form("/mint/new/configure", decimalComma);
		List<Map.Entry<String, String>> good = fields(key, product, "", "serial", "active", "10", "review");
		good.add(Map.entry("passport[production_date]", "2026-12-01"));
		good.add(Map.entry("passport[dye_lot_temperature]", "60"));
		Response review = owner.form("/mint/new/configure", good);
		List<Map.Entry<String, String>> submit = new ArrayList<>(good);
		submit.removeIf((field) -> field.getKey().equals("action"));
		long before = count("select count(*) from mint_batches where brand_id = ?", tenant.brandId());
		Response minted = owner.form("/mint/new", submit);

		assertThat(configure.body()).contains("Batch passport data", "Production date", "Dye bath temperature",
				"name=\"passport[production_date]\"");
		assertThat(error(refused.body(), "passport-dye_lot_temperature")).isEqualTo("Enter a number");
		// A decimal comma is not read as a thousands separator (3,9 is not 39).
		assertThat(error(ambiguous.body(), "passport-dye_lot_temperature")).isEqualTo("Enter a number");
		assertThat(before).isZero();
		assertThat(review.body()).contains("Batch passport data", "2026-12-01", "Mint tokens",
				"name=\"passport[production_date]\" value=\"2026-12-01\"");
		assertThat(minted.status()).isEqualTo(302);
		assertThat(count("""
				select count(*) from passport_heads h join mint_batches b on b.id = h.subject_id
				where h.subject_kind = 'batch' and b.brand_id = ? and h.data ->> 'production_date' = '2026-12-01'
				  and (h.data ->> 'dye_lot_temperature')::numeric = 60""", tenant.brandId())).isOne();

		List<Map.Entry<String, String>> withoutDate = fields(UUID.randomUUID().toString(), product, "", "serial",
				"active", "10", "review");
		Response requiredMissing = owner.form("/mint/new/configure", withoutDate);
		assertThat(error(requiredMissing.body(), "passport-production_date"))
			.contains("'Production date' is required for every batch");
	}

	@Test
	void wizardOffersSignedCodesAndExplainsWhyABrandWithoutGtinsCannotSign() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		String key = hidden(owner.page("/mint/new").body(), "key");
		String product = Long.toString(tenant.ready().id());
		List<Map.Entry<String, String>> signed = fields(key, product, "", "serial", "active", "10", "review");
		signed.add(Map.entry("signed", "true"));
		Response rejected = owner.form("/mint/new/configure", signed);

		assertThat(rejected.body()).contains("Sign codes (GS1 AI 8030)");
		assertThat(error(rejected.body(), "signed")).contains("need a GS1-ready brand", "brand is not GS1-ready");
		assertThat(count("select count(*) from mint_batches where brand_id = ?", tenant.brandId())).isZero();
	}

	@Test
	void wizardMintsOnNfcTagsWhenAskedAndTheBatchPageShowsItsTaps() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		String key = hidden(owner.page("/mint/new").body(), "key");
		String product = Long.toString(tenant.ready().id());
		Response configure = owner.page("/mint/new/configure?key=" + key + "&productId=" + product + "&runId=");
		assertThat(configure.body()).contains("NFC tags (NTAG 424 DNA)").containsPattern("value=\"qr\"[^>]*checked");

		List<Map.Entry<String, String>> unknown = fields(key, product, "", "serial", "active", "10", "review");
		unknown.add(Map.entry("carrier", "rfid"));
		assertThat(error(owner.form("/mint/new/configure", unknown).body(), "carrier"))
			.isEqualTo("Choose QR codes or NFC tags");

		List<Map.Entry<String, String>> nfc = fields(key, product, "", "serial", "active", "10", "review");
		nfc.add(Map.entry("carrier", "nfc"));
		Response review = owner.form("/mint/new/configure", nfc);
		assertThat(review.body()).contains("NFC tags (NTAG 424 DNA)", "name=\"carrier\" value=\"nfc\"");
		assertThat(count("select count(*) from mint_batches where brand_id = ?", tenant.brandId())).isZero();

		nfc.removeIf((field) -> field.getKey().equals("action"));
		Response submitted = owner.form("/mint/new", nfc);
		assertThat(submitted.status()).isEqualTo(302);
		assertThat(count("select count(*) from mint_batches where brand_id = ? and carrier = 'nfc'", tenant.brandId()))
			.isOne();
		String batchPage = submitted.header("Location").replaceAll("^https?://[^/]+", "").replace("?created", "");
		String body = owner.page(batchPage).body();
		assertThat(field(body, "carrier")).isEqualTo("NFC tags");
		assertThat(field(body, "signed")).isEqualTo("no");
		assertThat(field(body, "nfc-tags")).isEqualTo("0 of 10 tapped");
		assertThat(field(body, "nfc-genuine-taps")).isEqualTo("0");
		assertThat(field(body, "nfc-rejected-taps")).isEqualTo("0");
	}

	private static List<Map.Entry<String, String>> fields(String key, String productId, String runId,
			String identityMode, String activationMode, String quantity, String action) {
		List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("key", key),
				Map.entry("productId", productId), Map.entry("runId", runId), Map.entry("identityMode", identityMode),
				Map.entry("activationMode", activationMode), Map.entry("quantity", quantity)));
		fields.add(Map.entry("action", action));
		return fields;
	}

	private MintBatch queuedBatch(Tenant tenant, int quantity) {
		return this.intake
			.submit(new io.dppmint.core.minting.MintRequest(tenant.brandId(), tenant.ready().id(), null,
					io.dppmint.core.minting.IdentityMode.SERIAL, io.dppmint.core.minting.ActivationMode.ACTIVE,
					quantity, List.of(), null), "tests")
			.batch();
	}

	private TokenStatus status(long tokenId) {
		return TokenStatus.ofCode(this.jdbc.sql("select status from tokens where id = :id")
			.param("id", tokenId)
			.query(Integer.class)
			.single());
	}

	private static String kpi(String html, String name) {
		return first(html, "data-kpi=\"" + name + "\">([^<]*)<");
	}

	private static String hidden(String html, String name) {
		return first(html, "name=\"" + name + "\" value=\"([^\"]*)\"");
	}

	/** The text of a batch page fact ({@code data-field}), or null. */
	private static String field(String html, String name) {
		String text = first(html, "data-field=\"" + Pattern.quote(name) + "\">([^<]*)<");
		return (text != null) ? HtmlUtils.htmlUnescape(text) : null;
	}

	/** The inline error shown for a field, or null. */
	private static String error(String html, String field) {
		String error = first(html, "id=\"error-" + Pattern.quote(field) + "\">([^<]*)<");
		return (error != null) ? HtmlUtils.htmlUnescape(error) : null;
	}

	private static String nextLink(String html) {
		return first(html, "href=\"(/mint/tabs/tokens\\?[^\"]*cursor=[^\"]*)\"").replace("&amp;", "&");
	}

	private static List<String> tokenIdentifiers(String html) {
		List<String> identifiers = new ArrayList<>();
		Matcher matcher = Pattern.compile("data-token=\"([^\"]+)\"").matcher(html);
		while (matcher.find()) {
			identifiers.add(matcher.group(1));
		}
		return identifiers;
	}

	/** The markup of the element marked with this SKU, up to the next one. */
	private static String row(String html, String sku) {
		int start = html.indexOf("data-sku=\"" + sku + "\"");
		assertThat(start).as("%s is listed", sku).isNotNegative();
		int end = html.indexOf("data-sku=", start + 10);
		return html.substring(start, (end > 0) ? end : html.length());
	}

	private static String first(String html, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(html);
		return matcher.find() ? matcher.group(1) : null;
	}

}
