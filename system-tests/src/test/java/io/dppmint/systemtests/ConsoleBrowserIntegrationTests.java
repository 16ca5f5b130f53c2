package io.dppmint.systemtests;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.dppmint.testsupport.EpcisJsonSchema;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console as a user meets it: a real headless Chromium against the four running
 * apps. Every test starts from the login form, acts through the pages (clicks, typing,
 * htmx swaps) and checks what the platform did, in the database, at the resolver or in
 * the downloaded file. The screenshots in {@code docs/screenshots/} come from here.
 */
class ConsoleBrowserIntegrationTests {

	/** The resolver's cache TTL ({@code dpp.resolver.cache-ttl}, 60 s) and a margin. */
	private static final Duration CACHE_WAIT = Duration.ofSeconds(75);

	@RegisterExtension
	static final Browser browser = new Browser();

	/** How long a page may take to show the end of a background job (mint, export). */
	private static final LocatorAssertions.HasAttributeOptions JOB_DONE = new LocatorAssertions.HasAttributeOptions()
		.setTimeout(90_000);

	private static final Pattern BATCH_PAGE = Pattern.compile(".*/mint/batch/(\\d+)\\?(created|replayed)$");

	private static final String TEE_GTIN = "09506000134352";

	private static final String HOODIE_GTIN = "09506000134369";

	private static final String PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

	private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

	private final Platform platform = Platform.get();

	@Test
	void theWizardMintsABatchOnceAndItsPageFollowsItToMinted() {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		Browser.screenshot(page, "dashboard");
		long batchesBefore = batchCount("acme-apparel");

		page.locator("main a.button:has-text('New mint')").click();
		page.locator("#q").fill("Recycled");
		PlaywrightAssertions.assertThat(page.locator("#results .product")).hasCount(1);
		page.locator("a[aria-label='Select Recycled Fleece Hoodie']").click();

		page.locator("label.choice:has-text('SAP-PR-2025-0003') input").check();
		page.locator("button:has-text('Continue')").click();

		page.locator("input[name=identityMode][value=serial]").check();
		page.locator("input[name=activationMode][value=first_scan]").check();
		page.locator("#quantity").fill("1200");
		Browser.screenshot(page, "wizard-configure");
		page.locator("button.primary:has-text('Review')").click();

		PlaywrightAssertions.assertThat(page.locator("[data-review=quantity]")).hasText("1,200 units");
		PlaywrightAssertions.assertThat(page.locator("[data-review=activation-mode]")).hasText("on first scan");
		Browser.screenshot(page, "wizard-review");
		// Without the page's own guard, both submissions reach the server: the wizard's
		// idempotency key must make them one batch.
		page.evaluate("document.querySelector('form[data-once]').removeAttribute('data-once')");
		page.locator("button:has-text('Mint tokens')").dblclick();

		page.waitForURL(BATCH_PAGE);
		Matcher url = BATCH_PAGE.matcher(page.url());
		assertThat(url.matches()).isTrue();
		long batchId = Long.parseLong(url.group(1));
		PlaywrightAssertions.assertThat(page.locator("#progress")).hasAttribute("data-status", "minted", JOB_DONE);
		PlaywrightAssertions.assertThat(page.locator("#progress [data-field=minted]"))
			.hasText("1,200 of 1,200 units minted");
		PlaywrightAssertions.assertThat(page.locator("#tokens tr[data-token]").first()).isVisible();
		Browser.screenshot(page, "batch");

		assertThat(batchCount("acme-apparel")).isEqualTo(batchesBefore + 1);
		Map<String, Object> batch = jdbc().sql("""
				select p.sku, b.quantity, b.activation_mode, r.erp_reference,
					(select count(*) from tokens t where t.batch_id = b.id) as tokens
				from mint_batches b join products p on p.id = b.product_id
				left join production_runs r on r.id = b.production_run_id
				where b.id = :id""").param("id", batchId).query().singleRow();
		assertThat(batch).containsEntry("sku", "ACME-HOD-002")
			.containsEntry("quantity", 1200)
			.containsEntry("activation_mode", "first_scan")
			.containsEntry("erp_reference", "SAP-PR-2025-0003")
			.containsEntry("tokens", 1200L);
		PlaywrightAssertions.assertThat(page.locator("#tokens tr[data-token] .badge").first()).hasText("minted");
	}

	@Test
	void theWizardMintsSignedCodesOnNfcTagsAndTheBatchPageNamesTheKeyAndTheCarrier() {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");

		page.locator("main a.button:has-text('New mint')").click();
		page.locator("#q").fill("Organic Cotton");
		PlaywrightAssertions.assertThat(page.locator("#results .product")).hasCount(1);
		page.locator("a[aria-label='Select Organic Cotton T-Shirt']").click();
		page.locator("label.choice:has-text('No production run') input").check();
		page.locator("button:has-text('Continue')").click();

		page.locator("input[name=identityMode][value=serial]").check();
		page.locator("input[name=activationMode][value=active]").check();
		page.locator("input[name=signed]").check();
		page.locator("input[name=carrier][value=nfc]").check();
		page.locator("#quantity").fill("20");
		Browser.screenshot(page, "wizard-configure-signed-nfc");
		page.locator("button.primary:has-text('Review')").click();

		PlaywrightAssertions.assertThat(page.locator("[data-review=signed]")).hasText("yes (GS1 AI 8030)");
		PlaywrightAssertions.assertThat(page.locator("[data-review=carrier]")).hasText("NFC tags (NTAG 424 DNA)");
		page.locator("button:has-text('Mint tokens')").click();

		page.waitForURL(BATCH_PAGE);
		Matcher url = BATCH_PAGE.matcher(page.url());
		assertThat(url.matches()).isTrue();
		long batchId = Long.parseLong(url.group(1));
		PlaywrightAssertions.assertThat(page.locator("#progress")).hasAttribute("data-status", "minted", JOB_DONE);
		Map<String, Object> batch = jdbc().sql("""
				select p.sku, b.carrier, b.signing_key_id, k.key_number
				from mint_batches b join products p on p.id = b.product_id
				left join brand_keys k on k.id = b.signing_key_id
				where b.id = :id""").param("id", batchId).query().singleRow();
		assertThat(batch).containsEntry("sku", "ACME-TEE-001").containsEntry("carrier", "nfc");
		assertThat(batch.get("signing_key_id")).isNotNull();
		PlaywrightAssertions.assertThat(page.locator("[data-field=signed]"))
			.hasText("yes, key 9506000:" + batch.get("key_number"));
		PlaywrightAssertions.assertThat(page.locator("[data-field=carrier]")).hasText("NFC tags");
		PlaywrightAssertions.assertThat(page.locator("[data-field=nfc-tags]")).hasText("0 of 20 tapped");
		PlaywrightAssertions.assertThat(page.locator("[data-field=nfc-rejected-taps]")).hasText("0");
		Browser.screenshot(page, "batch-signed-nfc");
	}

	@Test
	void theTokenPreviewShowsAQrCodeOfTheResolverUrlAndRevokesWithAReason() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchId = Mints.minted(page, "ACME-HOD-002", "active", 20);

		page.navigate(this.platform.consoleUrl() + "/mint/batch/" + batchId);
		Locator rows = page.locator("#tokens tr[data-token]");
		PlaywrightAssertions.assertThat(rows).hasCount(20);
		String serial = rows.first().getAttribute("data-token");
		rows.first().click();
		Locator panel = page.locator("#preview #token-panel");
		PlaywrightAssertions.assertThat(panel).hasAttribute("data-token", serial);
		// The preview is fixed to the window: a picture of the window shows it beside the
		// list.
		rows.first().scrollIntoViewIfNeeded();
		Browser.screenshot(page, "token-preview", false);

		String expectedUrl = this.platform.resolverUrl() + "/01/" + HOODIE_GTIN + "/21/" + serial;
		assertThat(panel.locator("[data-field=resolver-url]").innerText()).isEqualTo(expectedUrl);
		assertThat(decodeQrCode(panel.locator("[data-qr] svg"))).isEqualTo(expectedUrl);
		HttpResponse<String> scan = scan(expectedUrl);
		assertThat(scan.statusCode()).as(scan.body()).isEqualTo(307);

		panel.locator("button:has-text('Revoke')").click();
		page.locator("button:has-text('Confirm revocation')").click();
		PlaywrightAssertions.assertThat(page.locator("#reason-error")).isVisible();
		assertThat(scan(expectedUrl).statusCode()).as("a revocation without a reason changes nothing").isEqualTo(307);

		page.locator("#reason").fill("Label misprinted at the factory");
		page.locator("button:has-text('Confirm revocation')").click();
		PlaywrightAssertions.assertThat(page.locator("#token-panel [data-field=status]")).hasText("revoked");
		PlaywrightAssertions.assertThat(page.locator("#token-panel")).containsText("Label misprinted at the factory");
		assertThat(scan(expectedUrl).statusCode()).isEqualTo(410);
		assertThat(jdbc().sql("""
				select count(*) from audit_events
				where entity_type = 'token' and entity_id = :serial and action = 'revoked' and actor = 'acme-owner'
					and details ->> 'reason' = 'Label misprinted at the factory'""")
			.param("serial", serial)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aSignedBatchsTokensShowAndEncodeTheUrlTheirPrintPackCarries() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchId = Mints.minted(page, "ACME-HOD-002", "active", 5, true);
		Exports.completed(page, batchId);
		Map<String, String> printed = new HashMap<>();
		for (String key : jdbc().sql("""
				select p.storage_key from export_packs p join exports e on e.id = p.export_id
				where e.batch_id = :id order by p.pack_number""").param("id", batchId).query(String.class).list()) {
			try (Reader reader = Files.newBufferedReader(this.platform.packStorage().resolve(key),
					StandardCharsets.UTF_8);
					CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(reader)) {
				parser.forEach((row) -> printed.put(row.get("serial"), row.get("resolver_url")));
			}
		}
		assertThat(printed).hasSize(5)
			.allSatisfy((serial, url) -> assertThat(url)
				.startsWith(this.platform.resolverUrl() + "/01/" + HOODIE_GTIN + "/21/" + serial + "?8030="));

		page.navigate(this.platform.consoleUrl() + "/mint/batch/" + batchId);
		Locator rows = page.locator("#tokens tr[data-token]");
		PlaywrightAssertions.assertThat(rows).hasCount(5);
		for (int i = 0; i < 5; i++) {
			Locator row = rows.nth(i);
			assertThat(row.locator("td.url").textContent().strip())
				.isEqualTo(printed.get(row.getAttribute("data-token")));
		}
		String serial = rows.nth(2).getAttribute("data-token");
		rows.nth(2).click();
		Locator panel = page.locator("#preview #token-panel");
		PlaywrightAssertions.assertThat(panel).hasAttribute("data-token", serial);
		assertThat(panel.locator("[data-field=resolver-url]").innerText()).isEqualTo(printed.get(serial));
		assertThat(decodeQrCode(panel.locator("[data-qr] svg"))).isEqualTo(printed.get(serial));

		HttpResponse<String> scan = scan(printed.get(serial));
		assertThat(scan.statusCode()).as(scan.body()).isEqualTo(307);
		HttpResponse<String> passport = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(
						URI.create(this.platform.resolverUrl() + scan.headers().firstValue("Location").orElseThrow()))
				.header("Accept", "application/json")
				.header("User-Agent", PHONE)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(passport.body()).as("the resolver verifies the signature the console shows")
			.containsPattern("\"signature\"\\s*:\\s*\"valid\"");
	}

	@Test
	void theKeysPageRotatesTheSigningKeyRevokesItAgainAndStoresAnUploadedCertificate() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		page.locator("nav a:has-text('Keys')").click();
		PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Keys · Acme Apparel");
		PlaywrightAssertions.assertThat(page.locator("#jwks-link"))
			.hasAttribute("href", this.platform.resolverUrl() + "/.well-known/jwks.json");
		int next = jdbc().sql("""
				select coalesce(max(k.key_number), 0) + 1 from brand_keys k join brands b on b.id = k.brand_id
				where b.code = 'acme-apparel'""").query(Integer.class).single();
		String kid = "9506000:" + next;

		page.locator("button:has-text('Rotate signing key')").click();
		PlaywrightAssertions.assertThat(page.locator("#confirm-rotation")).containsText("after 24 hours");
		page.locator("#confirm-rotation button:has-text('Confirm rotation')").click();
		PlaywrightAssertions.assertThat(page.locator(".alert.notice")).containsText("Key " + kid + " is published now");
		Locator pending = page.locator("#keys tr[data-key-number='" + next + "']");
		PlaywrightAssertions.assertThat(pending.locator("[data-field=state]")).hasText("pending");
		PlaywrightAssertions.assertThat(page.locator("button:has-text('Rotate signing key')")).hasCount(0);

		Path pem = Files.createTempFile("tag-programmer", ".pem");
		X509Certificate certificate = tagProgrammerCertificate();
		Files.writeString(pem,
				"-----BEGIN CERTIFICATE-----\n"
						+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate.getEncoded())
						+ "\n-----END CERTIFICATE-----\n");
		page.locator("#certificate-file").setInputFiles(pem);
		page.locator("#certificate-form button[type=submit]").click();
		String fingerprint = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		PlaywrightAssertions.assertThat(page.locator("#certificate [data-field=fingerprint]")).hasText(fingerprint);
		PlaywrightAssertions.assertThat(page.locator("#certificate [data-field=subject]")).hasText("CN=Tag programmer");
		PlaywrightAssertions.assertThat(page.locator("#certificate-form button[type=submit]"))
			.hasText("Replace certificate");

		pending.locator("button:has-text('Revoke')").click();
		PlaywrightAssertions.assertThat(page.locator("#confirm-revocation"))
			.containsText("Codes signed with it then verify as invalid");
		Browser.screenshot(page, "keys");
		page.locator("#confirm-revocation button:has-text('Confirm revocation')").click();
		PlaywrightAssertions.assertThat(pending.locator("[data-field=state]")).hasText("revoked");
		PlaywrightAssertions.assertThat(page.locator("button:has-text('Rotate signing key')")).hasCount(1);

		assertThat(jdbc().sql("""
				select action from audit_events
				where entity_type = 'signing_key' and entity_id = :kid and actor = 'acme-owner' order by id""")
			.param("kid", kid)
			.query(String.class)
			.list()).containsExactly("rotated", "revoked");
		assertThat(jdbc().sql("select tag_programmer_certificate from brands where code = 'acme-apparel'")
			.query(String.class)
			.single()).isEqualTo(Files.readString(pem));

		Page viewer = browser.newPage();
		Browser.login(viewer, "viewer");
		viewer.navigate(this.platform.consoleUrl() + "/keys");
		viewer.locator("#brands a:has-text('Acme Apparel')").click();
		PlaywrightAssertions.assertThat(viewer.locator("#keys tr[data-key-number='" + next + "'] [data-field=state]"))
			.hasText("revoked");
		PlaywrightAssertions.assertThat(viewer.locator("#certificate [data-field=fingerprint]")).hasText(fingerprint);
		assertThat(viewer.locator("button:has-text('Rotate signing key')").count()).isZero();
		assertNoActions(viewer);
	}

	/** A self-signed RSA certificate a tag programmer could hold: keyEncipherment. */
	private static X509Certificate tagProgrammerCertificate() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		X500Name name = new X500Name("CN=Tag programmer");
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
				Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
				keys.getPublic());
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
	}

	@Test
	void anExportStartedOnTheBatchPageDownloadsAsCsvPacks() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchId = Mints.minted(page, "ACME-TEE-001", "active", 300);

		page.navigate(this.platform.consoleUrl() + "/mint/batch/" + batchId);
		page.locator("button:has-text('Export / Download')").click();
		Locator export = page.locator("#exports tr[data-export-id]");
		PlaywrightAssertions.assertThat(export).hasCount(1);
		PlaywrightAssertions.assertThat(export.locator(".badge"))
			.hasText("completed", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
		export.locator("button:has-text('Download packs')").click();
		Locator pack = page.locator("#exports .packs tr[data-pack]");
		PlaywrightAssertions.assertThat(pack).hasCount(1);
		Browser.screenshot(page, "batch-export");

		Download download = page.waitForDownload(() -> pack.locator("a[data-download]").click());
		assertThat(download.suggestedFilename()).endsWith(".csv");
		List<CSVRecord> records;
		try (Reader reader = Files.newBufferedReader(download.path(), StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(reader)) {
			assertThat(parser.getHeaderNames()).containsExactly("pack", "row", "public_id", "gtin", "lot", "serial",
					"resolver_url", "status", "activation_mode", "created_at", "gs1_digital_signature", "operator_gln",
					"facility_gln", "commodity_code");
			records = parser.getRecords();
		}
		assertThat(records).hasSize(300);
		Set<String> serials = new HashSet<>();
		for (int i = 0; i < records.size(); i++) {
			CSVRecord row = records.get(i);
			assertThat(row.get("pack")).isEqualTo("1");
			assertThat(row.get("row")).isEqualTo(Integer.toString(i + 1));
			assertThat(row.get("gtin")).isEqualTo(TEE_GTIN);
			assertThat(row.get("resolver_url"))
				.isEqualTo(this.platform.resolverUrl() + "/01/" + TEE_GTIN + "/21/" + row.get("serial"));
			assertThat(row.get("status")).isEqualTo("active");
			serials.add(row.get("serial"));
		}
		assertThat(serials).hasSize(300);
		// What the print shop prints resolves.
		assertThat(scan(records.get(150).get("resolver_url")).statusCode()).isEqualTo(307);

		page.navigate(this.platform.consoleUrl() + "/mint?tab=exports");
		PlaywrightAssertions.assertThat(page.locator("#tab-panel tr[data-export-id]").first()).isVisible();
		Browser.screenshot(page, "exports");
	}

	@Test
	void theRegistryCardDownloadsTheRegistryFileAndRecordsTheRegistrationIdentifier() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchId = Mints.minted(page, "ACME-TEE-001", "active", 40);

		page.navigate(this.platform.consoleUrl() + "/mint/batch/" + batchId);
		Locator card = page.locator("#registry");
		PlaywrightAssertions.assertThat(card.locator("[data-field=registry-state]")).hasText("not_submitted");
		Download download = page.waitForDownload(() -> card.locator("a[data-action=registry-download]").click());
		assertThat(download.suggestedFilename()).isEqualTo("registry-batch-" + batchId + ".zip");
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(download.path()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		assertThat(entries.keySet()).containsExactly("identifiers.ndjson.gz", "submission.json");
		byte[] ndjson;
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(entries.get("identifiers.ndjson.gz")))) {
			ndjson = in.readAllBytes();
		}
		List<String> lines = new String(ndjson, StandardCharsets.UTF_8).lines().toList();
		String submission = new String(entries.get("submission.json"), StandardCharsets.UTF_8);
		assertThat(lines).hasSize(40)
			.doesNotHaveDuplicates()
			.allMatch((line) -> line
				.startsWith("{\"uri\":\"" + this.platform.resolverUrl() + "/01/" + TEE_GTIN + "/21/"));
		assertThat(submission).contains("\"format\":\"dppmint.registry-submission/0.1\"", "\"count\":40",
				"\"sha256\":\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ndjson)) + "\"",
				"\"gtin\":\"" + TEE_GTIN + "\"");
		// What the registry will be given resolves.
		String firstUri = lines.getFirst().substring("{\"uri\":\"".length(), lines.getFirst().length() - 2);
		assertThat(scan(firstUri).statusCode()).isEqualTo(307);

		card.locator("button[data-action=registry-submit]").click();
		PlaywrightAssertions.assertThat(card.locator("[data-field=registry-state]")).hasText("submitted");
		PlaywrightAssertions.assertThat(card.locator("[data-field=submission-sha256]"))
			.containsText(HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(entries.get("submission.json"))));
		card.locator("input[name=registrationIdentifier]").fill("EU-DPP-REG-" + batchId);
		card.locator("button[data-action=registry-register]").click();
		PlaywrightAssertions.assertThat(card.locator("[data-field=registry-state]")).hasText("registered");
		PlaywrightAssertions.assertThat(card.locator("[data-field=registration-identifier]"))
			.hasText("EU-DPP-REG-" + batchId);
		Browser.screenshot(page, "batch-registry");
		assertThat(jdbc().sql("select registration_identifier from registry_registrations where batch_id = ?")
			.param(batchId)
			.query(String.class)
			.single()).isEqualTo("EU-DPP-REG-" + batchId);

		page.navigate(this.platform.consoleUrl() + "/mint?tab=batches");
		PlaywrightAssertions
			.assertThat(page.locator("#tab-panel tr[data-batch-id='" + batchId + "'] [data-field=registry-state]"))
			.hasText("registered");
	}

	@Test
	void aBatchsEpcisEventsArePushedToTheBrandsRepositoryAndARevocationFollows() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchId = Mints.minted(page, "ACME-TEE-001", "active", 30);
		List<String> commissioned = jdbc()
			.sql("select 'urn:uuid:' || event_id from epcis_events where batch_id = ? order by id")
			.param(batchId)
			.query(String.class)
			.list();
		assertThat(commissioned).hasSize(1);

		try (EpcisCaptureServer repository = new EpcisCaptureServer()) {
			page.navigate(this.platform.consoleUrl() + "/mint/batch/" + batchId);
			Locator card = page.locator("section#epcis");
			PlaywrightAssertions.assertThat(card.locator("[data-field=epcis-events]")).containsText("1");
			card.locator("input[name=captureUrl]").fill("http://epcis.example.com/capture");
			card.locator("button:has-text('Save')").click();
			PlaywrightAssertions.assertThat(page.locator("section#epcis .alert.error")).containsText("https://");
			assertThat(jdbc()
				.sql("select count(*) from epcis_capture_targets t join brands b on b.id = t.brand_id "
						+ "where b.code = 'acme-apparel'")
				.query(Long.class)
				.single()).isZero();

			page.locator("section#epcis input[name=captureUrl]").fill(repository.captureUrl());
			page.locator("section#epcis button:has-text('Save')").click();
			PlaywrightAssertions.assertThat(page.locator("section#epcis .alert.notice")).containsText("saved");
			awaitCaptured(page, batchId);
			Browser.screenshot(page, "batch-epcis");
			assertThat(capturedEventIds(repository)).containsAll(commissioned);
			repository.documents.forEach((document) -> assertThat(EpcisJsonSchema.validate(document)).isEmpty());

			Locator rows = page.locator("#tokens tr[data-token]");
			String serial = rows.first().getAttribute("data-token");
			rows.first().click();
			page.locator("#token-panel button:has-text('Revoke')").click();
			page.locator("#reason").fill("Stolen from the warehouse");
			page.locator("button:has-text('Confirm revocation')").click();
			PlaywrightAssertions.assertThat(page.locator("#token-panel [data-field=status]")).hasText("revoked");
			String decommissioned = jdbc()
				.sql("select 'urn:uuid:' || event_id from epcis_events where batch_id = ? and action = 'DELETE'")
				.param(batchId)
				.query(String.class)
				.single();
			awaitCaptured(page, batchId);
			assertThat(capturedEventIds(repository)).contains(decommissioned);
			assertThat(repository.documents.getLast()).contains(serial).contains("\"bizStep\":\"decommissioning\"");
		}
	}

	/** Reload the batch page until its EPCIS card says the events are captured. */
	private void awaitCaptured(Page page, long batchId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			page.navigate(this.platform.consoleUrl() + "/mint/batch/" + batchId);
			Locator push = page.locator("section#epcis [data-field=epcis-push]");
			push.waitFor();
			if ("captured".equals(push.innerText().strip())) {
				return;
			}
			assertThat(System.nanoTime()).as("EPCIS push of batch " + batchId + " still " + push.innerText())
				.isLessThan(deadline);
			Platform.sleep(Duration.ofMillis(500));
		}
	}

	private static List<String> capturedEventIds(EpcisCaptureServer repository) {
		List<String> ids = new ArrayList<>();
		Matcher matcher = Pattern.compile("\"eventID\":\"(urn:uuid:[0-9a-f-]+)\"")
			.matcher(String.join("", repository.documents));
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	@Test
	void theActivityTabShowsTheEventsNewestFirstAndFiltersByEntityType() {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchId = Mints.minted(page, "ACME-TEE-001", "active", 5);

		page.navigate(this.platform.consoleUrl() + "/mint");
		page.locator("#tab-activity").click();
		Locator events = page.locator("#activity tr[data-event-id]");
		PlaywrightAssertions.assertThat(events.first()).isVisible();
		Locator batchEvents = page.locator("#activity tr[data-entity-type=batch][data-entity-id='" + batchId + "']");
		// Created by its owner, then queued to processing to minted by mint-jobs.
		PlaywrightAssertions.assertThat(batchEvents).hasCount(3);
		assertThat(batchEvents.last().innerText()).contains("created").contains("acme-owner");
		assertThat(batchEvents.first().innerText()).contains("status changed")
			.contains("to=minted")
			.contains("system:mint-jobs");
		List<Long> ids = events.all().stream().map((row) -> Long.parseLong(row.getAttribute("data-event-id"))).toList();
		assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		Browser.screenshot(page, "activity");

		// The filter stays where it is (with the focus); the results below it are
		// swapped.
		Locator filter = page.locator("#entity-type");
		filter.focus();
		filter.selectOption("export");
		PlaywrightAssertions.assertThat(page.locator("#activity tr[data-event-id]:not([data-entity-type=export])"))
			.hasCount(0);
		PlaywrightAssertions.assertThat(batchEvents).hasCount(0);
		PlaywrightAssertions.assertThat(filter).isFocused();
		filter.selectOption("batch");
		PlaywrightAssertions.assertThat(batchEvents).hasCount(3);
		assertThat(page.locator("#activity tr[data-event-id]:not([data-entity-type=batch])").count()).isZero();
	}

	@Test
	void badInputGetsInlineErrorsNextToItsFieldsAndMintsNothing() {
		Page page = browser.newPage();
		Browser.login(page, "acme-owner");
		long batchesBefore = batchCount("acme-apparel");

		page.navigate(this.platform.consoleUrl() + "/mint/new");
		page.locator("#q").fill("ACME-");
		Locator scarf = page.locator("#results .product[data-sku='ACME-SCF-006']");
		PlaywrightAssertions.assertThat(scarf.locator(".badge")).hasText("Not ready");
		assertThat(scarf.locator(".reasons li").allInnerTexts()).isNotEmpty();
		assertThat(scarf.locator("a:has-text('Select')").count()).isZero();
		Browser.screenshot(page, "wizard-select");
		page.locator("#results .product[data-sku='ACME-TEE-001'] a:has-text('Select')").click();
		page.locator("button:has-text('Continue')").click();

		page.locator("input[name=identityMode][value=serial]").check();
		page.locator("input[name=activationMode][value=active]").check();
		page.locator("#quantity").fill("12 boxes");
		page.locator("button.primary:has-text('Review')").click();
		PlaywrightAssertions.assertThat(page.locator("#error-quantity"))
			.hasText("Enter a whole number of units from 1 to 1,000,000");
		PlaywrightAssertions.assertThat(page.locator("#quantity")).hasAttribute("aria-invalid", "true");
		PlaywrightAssertions.assertThat(page.locator("#quantity")).hasValue("12 boxes");

		page.locator("input[name=identityMode][value=lot]").check();
		page.locator("#quantity").fill("30");
		page.locator("#lot-number-0").fill("LOT A");
		page.locator("#lot-quantity-0").fill("10");
		page.locator("button:has-text('Add a lot')").click();
		page.locator("#lot-number-1").fill("LOT-B");
		page.locator("#lot-quantity-1").fill("10");
		page.locator("button.primary:has-text('Review')").click();
		PlaywrightAssertions.assertThat(page.locator("#error-lots-0-lotNumber")).containsText("LOT A");
		PlaywrightAssertions.assertThat(page.locator("#lot-number-0")).hasAttribute("aria-invalid", "true");
		PlaywrightAssertions.assertThat(page.locator("#error-lots")).containsText("add up to 20, not the requested 30");
		PlaywrightAssertions.assertThat(page.locator("#lot-number-1")).hasValue("LOT-B");
		assertThat(page.locator("#error-quantity").count()).isZero();
		Browser.screenshot(page, "wizard-errors");

		assertThat(batchCount("acme-apparel")).isEqualTo(batchesBefore);
	}

	@Test
	void aBrandOwnerNeverSeesAnotherBrandsData() {
		Page acme = browser.newPage();
		Browser.login(acme, "acme-owner");
		long acmeBatch = Mints.minted(acme, "ACME-TEE-001", "active", 5);
		acme.navigate(this.platform.consoleUrl() + "/mint/batch/" + acmeBatch);
		String acmeSerial = acme.locator("#tokens tr[data-token]").first().getAttribute("data-token");

		Page nordic = browser.newPage();
		Browser.login(nordic, "nordic-owner");
		long nordicBatch = Mints.minted(nordic, "NH-MUG-001", "active", 5);
		nordic.navigate(this.platform.consoleUrl() + "/mint");
		PlaywrightAssertions.assertThat(nordic.locator("[data-kpi=batches-created]"))
			.hasText(String.format("%,d", batchCount("nordic-home")));
		PlaywrightAssertions.assertThat(nordic.locator("#tab-panel tr").first()).isVisible();
		assertThat(nordic.locator("#tab-panel").innerText()).contains("NH-MUG-001").doesNotContain("ACME-");

		nordic.locator("#tab-tokens").click();
		Locator tokens = nordic.locator("#tokens tr[data-token]");
		PlaywrightAssertions.assertThat(tokens.first()).isVisible();
		assertThat(nordic.locator("#tokens td.url").allInnerTexts())
			.allSatisfy((url) -> assertThat(url).startsWith(this.platform.resolverUrl() + "/t/"));

		nordic.navigate(this.platform.consoleUrl() + "/mint?tab=activity");
		PlaywrightAssertions.assertThat(nordic.locator("#activity tr[data-event-id]").first()).isVisible();
		assertThat(nordic.locator("#activity tr[data-entity-type=batch][data-entity-id='" + nordicBatch + "']").count())
			.isPositive();
		assertThat(nordic.locator("#activity tr[data-entity-type=batch][data-entity-id='" + acmeBatch + "']").count())
			.isZero();

		nordic.navigate(this.platform.consoleUrl() + "/products");
		assertThat(nordic.locator("#results tr[data-sku]").all())
			.allSatisfy((row) -> assertThat(row.getAttribute("data-sku")).startsWith("NH-"));

		nordic.navigate(this.platform.consoleUrl() + "/mint/new?q=ACME");
		PlaywrightAssertions.assertThat(nordic.locator("#results .product")).hasCount(0);

		assertThat(nordic.navigate(this.platform.consoleUrl() + "/mint/batch/" + acmeBatch).status()).isEqualTo(404);
		assertThat(nordic.navigate(this.platform.consoleUrl() + "/mint/tokens/" + acmeSerial).status()).isEqualTo(404);
		assertThat(nordic.locator("body").innerText()).doesNotContain("Organic Cotton T-Shirt").doesNotContain("Acme");
	}

	@Test
	void theDashboardShowsTheBrandsScanStatisticsFromTheRollUps() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "nordic-owner");
		long batchId = Mints.minted(page, "NH-MUG-001", "active", 3);
		page.navigate(this.platform.consoleUrl() + "/mint/batch/" + batchId);
		PlaywrightAssertions.assertThat(page.locator("#tokens td.url")).hasCount(3);
		List<String> urls = page.locator("#tokens td.url").allInnerTexts();
		assertThat(scan(urls.get(0), PHONE, "SE").statusCode()).isEqualTo(307);
		assertThat(scan(urls.get(1), PHONE, "SE").statusCode()).isEqualTo(307);
		assertThat(scan(urls.get(2), PHONE, "NO").statusCode()).isEqualTo(307);
		assertThat(scan(urls.get(0), GOOGLEBOT, "SE").statusCode()).isEqualTo(307);
		awaitScansWritten(batchId, 3);
		// What the console's maintenance loop does every few minutes, run now.
		for (int run = 0; run < 50 && jdbc().sql("select scan_maintenance(13) ->> 'skipped'")
			.query(String.class)
			.single()
			.equals("true"); run++) {
			Thread.sleep(100);
		}
		Map<String, Object> rolledUp = jdbc().sql("""
				select coalesce(sum(s.scans), 0)::bigint as scans, coalesce(sum(s.robot_scans), 0)::bigint as robots
				from scan_daily_brand s join brands b on b.id = s.brand_id
				where b.code = 'nordic-home' and s.day > current_date - 30""").query().singleRow();
		assertThat((Long) rolledUp.get("scans")).isGreaterThanOrEqualTo(3);
		assertThat((Long) rolledUp.get("robots")).isPositive();

		page.navigate(this.platform.consoleUrl() + "/mint");
		Locator scans = page.locator("#scans");
		PlaywrightAssertions.assertThat(scans.locator("[data-scans=scans]"))
			.hasText(String.format("%,d", rolledUp.get("scans")));
		PlaywrightAssertions.assertThat(scans.locator("tr[data-country=SE]")).isVisible();
		PlaywrightAssertions.assertThat(scans.locator("tr[data-country=NO]")).isVisible();
		assertThat(scans.locator("[data-scans=robot-share]").innerText()).isNotEqualTo("0.0 %").endsWith(" %");
		PlaywrightAssertions.assertThat(scans.locator(".scan-chart .bar")).hasCount(30);
		assertThat(Long.parseLong(scans.locator(".scan-chart .bar").last().getAttribute("data-scans")))
			.isGreaterThanOrEqualTo(3);
		Browser.screenshot(page, "dashboard-scans");

		scans.locator("a:has-text('7 days')").click();
		PlaywrightAssertions.assertThat(page.locator("#scans a:has-text('7 days')"))
			.hasAttribute("aria-current", "true");
		PlaywrightAssertions.assertThat(page.locator("#scans .scan-chart .bar")).hasCount(7);
		assertThat(page.url()).endsWith("/mint");
		assertThat(page.locator("#scans").innerText()).doesNotContain("ACME");
	}

	private void awaitScansWritten(long batchId, int scans) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (jdbc().sql("select count(*) from scan_events where batch_id = :id")
			.param("id", batchId)
			.query(Long.class)
			.single() < scans) {
			assertThat(System.nanoTime()).as("scan telemetry written within 20 s").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	@Test
	void aViewerSeesEverythingButNoActionAtTabletWidth() {
		Page owner = browser.newPage();
		Browser.login(owner, "acme-owner");
		long batchId = Mints.minted(owner, "ACME-TEE-001", "active", 3);

		Page viewer = browser.newPage(Browser.TABLET);
		Browser.login(viewer, "viewer");
		PlaywrightAssertions.assertThat(viewer.locator("#tab-panel tr").first()).isVisible();
		Browser.screenshot(viewer, "dashboard-tablet");
		assertNoActions(viewer);

		viewer.navigate(this.platform.consoleUrl() + "/mint/batch/" + batchId);
		Locator rows = viewer.locator("#tokens tr[data-token]");
		PlaywrightAssertions.assertThat(rows).hasCount(3);
		rows.first().click();
		PlaywrightAssertions.assertThat(viewer.locator("#token-panel [data-qr] svg")).isVisible();
		assertNoActions(viewer);

		viewer.navigate(this.platform.consoleUrl() + "/products");
		assertNoActions(viewer);
		assertThat(viewer.locator("#results a:has-text('Mint')").count()).isZero();

		Response wizard = viewer.navigate(this.platform.consoleUrl() + "/mint/new");
		assertThat(wizard.status()).isEqualTo(403);
	}

	@Test
	void longNamesWrapAndNoPageScrollsSidewaysAtLaptopOrTabletWidth() {
		String sku = "NH-LONG-" + "X".repeat(40) + "-" + System.nanoTime() % 100_000;
		String name = "Handwoven " + "Extraordinarily-Long-Unbroken-Product-Name-".repeat(4) + "Blanket";
		jdbc().sql("""
				insert into products (brand_id, sku, name, passport, commercial_status)
				select id, :sku, :name, cast(:passport as jsonb), 'active' from brands where code = 'nordic-home'""")
			.param("sku", sku)
			.param("name", name)
			.param("passport",
					"{\"material\": \"Wool\", \"country_of_origin\": \"NO\", "
							+ "\"recycling_instructions\": \"Textile collection\"}")
			.update();
		for (Browser.Viewport viewport : List.of(Browser.DESKTOP, Browser.TABLET)) {
			Page page = browser.newPage(viewport);
			Browser.login(page, "nordic-owner");
			long batchId = Mints.minted(page, sku, "active", 2);
			for (String path : List.of("/products?q=Handwoven", "/mint", "/mint/batch/" + batchId)) {
				page.navigate(this.platform.consoleUrl() + path);
				PlaywrightAssertions.assertThat(page.locator("main").getByText(name).first()).isVisible();
				Object overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
				assertThat(((Number) overflow).intValue()).as(path + " at " + viewport).isLessThanOrEqualTo(0);
			}
			if (viewport.equals(Browser.TABLET)) {
				page.locator("#tokens tr[data-token] a").first().focus();
				page.keyboard().press("Enter");
				PlaywrightAssertions.assertThat(page.locator("#preview #token-panel")).isVisible();
				Browser.screenshot(page, "long-names-tablet", false);
				page.keyboard().press("Escape");
				PlaywrightAssertions.assertThat(page.locator("#preview #token-panel")).hasCount(0);
			}
		}
	}

	@Test
	void theProductLibraryAndTheJobPageRender() {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		page.navigate(this.platform.consoleUrl() + "/products");
		Locator ready = page.locator("#results tr[data-sku='ACME-TEE-001'] .badge");
		PlaywrightAssertions.assertThat(ready).hasText("Ready to mint");
		PlaywrightAssertions.assertThat(page.locator("#results tr[data-sku='NH-LMP-003'] .badge")).hasText("Not ready");
		Browser.screenshot(page, "products");
		page.locator("#q").fill("Linen");
		PlaywrightAssertions.assertThat(page.locator("#results tr[data-sku]")).hasCount(1);
		PlaywrightAssertions.assertThat(page.locator("#results tr[data-sku='ACME-SCF-006'] .reasons"))
			.containsText("discontinued");

		page.navigate(this.platform.consoleUrl() + "/jobs");
		PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Job operations");
		Browser.screenshot(page, "jobs");
	}

	@Test
	void thePassportEditorCorrectsTheBatteryANewerSchemaRefusedAndItBecomesReadyToMint() {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		page.navigate(this.platform.consoleUrl() + "/products?q=VC-LMT");
		Locator outdated = page.locator("#results tr[data-sku='VC-LMT-36V-10AH']");
		PlaywrightAssertions.assertThat(outdated.locator(".badge")).hasText("Not ready");
		outdated.locator("a.button:has-text('Passport')").click();

		PlaywrightAssertions.assertThat(page.locator("h1")).containsText("E-scooter battery 36 V 10 Ah");
		PlaywrightAssertions.assertThat(page.locator("#readiness-reasons li[data-rule=FIELD_INVALID]"))
			.containsText("passport.warranty_period");
		Locator warranty = page.locator("tr[data-field=warranty_period]");
		PlaywrightAssertions.assertThat(warranty.locator("[data-field=value]")).containsText("2.5 months");
		PlaywrightAssertions.assertThat(warranty.locator("[data-field=problem]")).containsText("more than 0 decimals");
		PlaywrightAssertions.assertThat(page.locator("tr[data-field=detailed_composition] [data-field=access]"))
			.hasText("legitimate interest");
		PlaywrightAssertions.assertThat(page.locator("tr[data-field=conformity_test_reports] [data-field=access]"))
			.hasText("authority");
		PlaywrightAssertions.assertThat(page.locator("[data-field=operator-gln]")).hasText("9506001000120");
		PlaywrightAssertions.assertThat(page.locator("[data-field=commodity-code]")).hasText("85076000");
		Browser.screenshot(page, "passport");
		long productId = jdbc().sql("select id from products where sku = 'VC-LMT-36V-10AH'").query(Long.class).single();
		assertThat(passportVersion(productId)).isOne();

		page.locator("#tab-edit").click();
		PlaywrightAssertions.assertThat(page.locator("#error-passport-warranty_period"))
			.containsText("more than 0 decimals");
		page.locator("#field-passport-hazardous_substances button:has-text('Add')").click();
		page.locator("#passport-hazardous_substances-2-cas").fill("7440-48-4");
		page.locator("#passport-battery_mass").fill("-2.9");
		page.locator("button:has-text('Save passport')").click();
		PlaywrightAssertions.assertThat(page.locator("#errors")).containsText("Nothing was saved");
		PlaywrightAssertions.assertThat(page.locator("#error-passport-hazardous_substances-2-substance"))
			.containsText("required");
		PlaywrightAssertions.assertThat(page.locator("#error-passport-battery_mass"))
			.containsText("-2.9 is outside 0..");
		PlaywrightAssertions.assertThat(page.locator("#passport-battery_mass")).hasAttribute("aria-invalid", "true");
		PlaywrightAssertions.assertThat(page.locator("#passport-hazardous_substances-2-cas")).hasValue("7440-48-4");
		page.evaluate("document.getElementById('field-passport-battery_mass').scrollIntoView()");
		Browser.screenshot(page, "passport-editor", false);
		assertThat(passportVersion(productId)).as("nothing saved").isOne();

		page.locator("#passport-hazardous_substances-2 button:has-text('Remove')").click();
		PlaywrightAssertions.assertThat(page.locator("#passport-hazardous_substances-2")).hasCount(0);
		page.locator("#passport-battery_mass").fill("2.9");
		page.locator("#passport-warranty_period").fill("30");
		page.locator("button:has-text('Save passport')").click();
		PlaywrightAssertions.assertThat(page.locator(".alert.notice")).hasText("Saved as version 2.");
		PlaywrightAssertions.assertThat(page.locator("#readiness .badge")).hasText("Ready to mint");
		assertThat(passportVersion(productId)).isEqualTo(2);
		assertThat(jdbc()
			.sql("select data ->> 'warranty_period' from passport_versions"
					+ " where subject_kind = 'product' and subject_id = ? and version = 2")
			.param(productId)
			.query(String.class)
			.single()).isEqualTo("30");

		page.locator("#tab-history").click();
		Locator newest = page.locator("#versions tr[data-version]").first();
		PlaywrightAssertions.assertThat(newest).hasAttribute("data-version", "2");
		PlaywrightAssertions.assertThat(newest.locator("[data-field=changes]")).hasText("warranty_period changed");
		PlaywrightAssertions.assertThat(newest).containsText("admin");
		newest.locator("a[aria-label='Version 2']").click();
		PlaywrightAssertions.assertThat(page.locator("tr[data-field=warranty_period] [data-field=value]"))
			.hasText("30 months");
		page.navigate(this.platform.consoleUrl() + "/products?q=VC-LMT");
		PlaywrightAssertions.assertThat(outdated.locator(".badge")).hasText("Ready to mint");

		page.locator("nav a:has-text('Passports')").click();
		page.locator("#brands a:has-text('VoltCell Batteries')").click();
		PlaywrightAssertions.assertThat(page.locator("[data-field=schema-version]")).hasText("3");
		PlaywrightAssertions.assertThat(page.locator("#schema-fields tr[data-key=warranty_period] [data-field=type]"))
			.hasText("number · months (MON) · 0.. · whole");
		Locator definition = page.locator("#definition");
		definition.fill(definition.inputValue()
			.replaceFirst("\"fields\"\\s*:\\s*\\[", "\"fields\": [{\"key\": \"repairability_score\", \"label\":"
					+ " \"Repairability score\", \"type\": \"number\", \"unit\": \"C62\", \"required\": true},"));
		page.locator("button:has-text('Check and preview impact')").click();
		PlaywrightAssertions.assertThat(page.locator("#impact-not-ready tr[data-sku]")).hasCount(2);
		PlaywrightAssertions.assertThat(page.locator("[data-field=impact-summary]"))
			.containsText("2 would no longer be ready to mint");
		PlaywrightAssertions.assertThat(page.locator("button:has-text('Publish version 4')")).isVisible();
		Browser.screenshot(page, "passport-schema");
		assertThat(jdbc().sql("select passport_schema_version from brands where code = 'voltcell'")
			.query(Integer.class)
			.single()).as("a preview publishes nothing").isEqualTo(3);

		Page tablet = browser.newPage(Browser.TABLET);
		Browser.login(tablet, "admin");
		for (String path : List.of("/products/" + productId + "/passport", "/products/" + productId + "/passport/edit",
				"/brands/" + jdbc().sql("select id from brands where code = 'voltcell'").query(Long.class).single()
						+ "/passport-schema")) {
			tablet.navigate(this.platform.consoleUrl() + path);
			Object overflow = tablet.evaluate("document.documentElement.scrollWidth - window.innerWidth");
			assertThat(((Number) overflow).intValue()).as(path + " at tablet width").isLessThanOrEqualTo(0);
		}
	}

	@Test
	void anAccessGrantIssuedInTheConsoleOpensTheRestrictedPassportUntilItIsRevoked() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		// The resolver publishes a product's passport once some of it is minted.
		Mints.minted(page, "VC-LMT-48V-14AH", "active", 1);
		page.navigate(this.platform.consoleUrl() + "/");
		page.locator("nav a:has-text('Passports')").click();
		page.locator("#brands tr[data-brand=voltcell] a:has-text('Access grants')").click();
		String holder = "Pedal Repairs " + Long.toHexString(System.nanoTime());
		page.locator("#level").selectOption("legitimate_interest");
		page.locator("#holderName").fill(holder);
		page.locator("#holderKind").selectOption("repairer");
		page.locator("#purpose").fill("Battery pack repairs");
		page.locator("#validDays").fill("7");
		page.locator("#issue-form button[type=submit]").click();

		String token = page.locator("#issued-token").innerText().strip();
		assertThat(token).matches("dppg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
		PlaywrightAssertions.assertThat(page.locator("#issued-curl")).containsText("Authorization: Bearer " + token);
		Browser.screenshot(page, "access-grants");
		String passport = this.platform.resolverUrl() + "/passport/01/09506001000014";
		HttpResponse<String> opened = restrictedPassport(passport, token);
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
		assertThat(opened.body()).contains("\"safety_measures\"");
		assertThat(restrictedPassport(passport, null).body()).doesNotContain("\"safety_measures\"");

		page.navigate(page.url());
		PlaywrightAssertions.assertThat(page.locator("#issued-token")).hasCount(0);
		PlaywrightAssertions.assertThat(page.locator("#access-events tbody tr").first()).containsText(holder);
		Locator row = page.locator("#grants tr[data-prefix='" + token.substring(5, 17) + "']");
		PlaywrightAssertions.assertThat(row.locator("[data-field=status]")).containsText("active");
		row.locator("button:has-text('Revoke')").click();
		page.locator("#confirm-revocation button:has-text('Confirm revocation')").click();
		PlaywrightAssertions.assertThat(row.locator("[data-field=status]")).containsText("revoked");
		Instant deadline = Instant.now().plusSeconds(15);
		int status = restrictedPassport(passport, token).statusCode();
		while (status != 401 && Instant.now().isBefore(deadline)) {
			Platform.sleep(Duration.ofMillis(500));
			status = restrictedPassport(passport, token).statusCode();
		}
		assertThat(status).as("the resolver refuses the revoked grant's token").isEqualTo(401);
	}

	@Test
	void anAccessLinkMadeFromTheProductPassportOpensItsRestrictedViewInABrowser() {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		Mints.minted(page, "VC-LMT-48V-14AH", "active", 1);
		long productId = jdbc().sql("select id from products where sku = 'VC-LMT-48V-14AH'").query(Long.class).single();
		page.navigate(this.platform.consoleUrl() + "/products/" + productId + "/passport");
		page.locator("#share-restricted").click();
		PlaywrightAssertions.assertThat(page.locator("#link-sku")).hasValue("VC-LMT-48V-14AH");
		page.locator("#link-level").selectOption("authority");
		page.locator("#link-holder").fill("Customs Rotterdam");
		page.locator("#link-hours").fill("200");
		page.locator("#link-form button[type=submit]").click();
		PlaywrightAssertions.assertThat(page.locator("#link-error")).containsText("at most 7 days");
		page.locator("#link-hours").fill("24");
		page.locator("#link-form button[type=submit]").click();

		String link = page.locator("#issued-link-url").innerText().strip();
		assertThat(link).contains("/passport/01/09506001000014?dpp-access=dppg_");
		Browser.screenshot(page, "access-link");
		// The brand's resolver base URL names the public host; the test resolver serves
		// it.
		String local = link.replaceFirst("^https?://[^/]+", this.platform.resolverUrl());
		Page visitor = browser.newPage();
		visitor.navigate(local);
		PlaywrightAssertions.assertThat(visitor.locator("body")).containsText("Restricted view (authority)");
		visitor.navigate(local.substring(0, local.indexOf('?')));
		PlaywrightAssertions.assertThat(visitor.locator("body")).not().containsText("Restricted view");
		page.navigate(this.platform.consoleUrl() + "/brands/"
				+ jdbc().sql("select brand_id from products where id = ?").param(productId).query(Long.class).single()
				+ "/access-grants");
		PlaywrightAssertions.assertThat(page.locator("#grants")).containsText("Customs Rotterdam");
		PlaywrightAssertions.assertThat(page.locator("#issued-link-url")).hasCount(0);
	}

	private static HttpResponse<String> restrictedPassport(String url, String token)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private int passportVersion(long productId) {
		return jdbc().sql("select passport_version from products where id = ?")
			.param(productId)
			.query(Integer.class)
			.single();
	}

	@Test
	void theBatteryBatchsDataIsEditedOnItsPageAndTheResolverShowsItInTheUnitsPassport() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		long batchId = Mints.minted(page, "VC-LMT-48V-14AH", "active", 1);
		page.navigate(this.platform.consoleUrl() + "/mint/batch/" + batchId);
		Locator card = page.locator("#batch-passport");
		Locator manufactured = card.locator("tr[data-field=manufacturing_date]");
		PlaywrightAssertions.assertThat(manufactured.locator("[data-field=access]")).hasText("public");
		PlaywrightAssertions.assertThat(card.locator("tr[data-field=state_of_health]")).hasCount(0);

		card.locator("#edit-batch-passport").click();
		PlaywrightAssertions.assertThat(page.locator("h1")).containsText("batch data");
		Locator date = page.locator("#passport-manufacturing_date");
		// A browser without a month picker (Safari, older Firefox) sends what was typed.
		date.evaluate("input => input.type = 'text'");
		date.fill("March 2026");
		page.locator("button:has-text('Save batch data')").click();
		PlaywrightAssertions.assertThat(page.locator("#errors")).containsText("Nothing was saved");
		PlaywrightAssertions.assertThat(page.locator("#error-passport-manufacturing_date"))
			.containsText("Expected a month, YYYY-MM");
		PlaywrightAssertions.assertThat(date).hasAttribute("aria-invalid", "true");
		Browser.screenshot(page, "batch-passport-editor", false);
		assertThat(batchPassportVersions(batchId)).as("nothing saved").isZero();

		date.fill("2026-03");
		page.locator("button:has-text('Save batch data')").click();
		PlaywrightAssertions.assertThat(page.locator(".alert.notice")).hasText("Saved as version 1.");
		PlaywrightAssertions.assertThat(manufactured.locator("[data-field=value]")).hasText("2026-03");
		PlaywrightAssertions.assertThat(card.locator("tr[data-version='1'] [data-field=changes]"))
			.containsText("manufacturing_date");
		PlaywrightAssertions.assertThat(card.locator("tr[data-version='1'] [data-field=actor]")).hasText("admin");
		Browser.screenshot(page, "batch-passport");
		assertThat(batchPassportVersions(batchId)).isOne();

		Locator unit = page.locator("#tokens tr[data-token]");
		PlaywrightAssertions.assertThat(unit).hasCount(1);
		String serial = unit.getAttribute("data-token");
		String unitPassport = this.platform.resolverUrl() + "/passport/01/09506001000014/21/" + serial;
		Pattern shown = Pattern.compile("\"manufacturing_date\"\\s*:\\s*\"2026-03\"");
		Instant deadline = Instant.now().plus(CACHE_WAIT);
		HttpResponse<String> passport = restrictedPassport(unitPassport, null);
		while (!shown.matcher(passport.body()).find() && Instant.now().isBefore(deadline)) {
			Platform.sleep(Duration.ofMillis(500));
			passport = restrictedPassport(unitPassport, null);
		}
		assertThat(passport.statusCode()).as(passport.body()).isEqualTo(200);
		assertThat(passport.body()).as("the unit's passport at the resolver").containsPattern(shown);
	}

	@Test
	void aPredecessorDeclaredInTheConsoleLinksBothPassportsAtTheResolver() throws Exception {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		// The resolver publishes a product's passport once some of it is minted.
		Mints.minted(page, "ACME-TEE-001", "active", 1);
		Mints.minted(page, "ACME-HOD-002", "active", 1);
		long tee = productId("ACME-TEE-001");
		long hoodie = productId("ACME-HOD-002");
		page.navigate(this.platform.consoleUrl() + "/products/" + hoodie + "/passport");
		page.locator("#relation").selectOption("repurposed_from");
		page.locator("#predecessor-form button:has-text('Declare predecessor')").click();
		PlaywrightAssertions.assertThat(page.locator("#error-predecessor")).containsText("Name the predecessor");
		PlaywrightAssertions.assertThat(page.locator("#relation")).hasValue("repurposed_from");
		assertThat(jdbc().sql("select count(*) from passport_lineage where successor_product_id = ?")
			.param(hoodie)
			.query(Long.class)
			.single()).as("nothing declared").isZero();

		page.locator("#predecessorProductId").selectOption(Long.toString(tee));
		page.locator("#predecessor-form button:has-text('Declare predecessor')").click();
		PlaywrightAssertions.assertThat(page.locator(".alert.notice")).containsText("Predecessor declared");
		Locator predecessor = page.locator("#lineage-links li[data-direction=predecessor]");
		PlaywrightAssertions.assertThat(predecessor).containsText("Repurposed from");
		page.locator("#lineage").scrollIntoViewIfNeeded();
		Browser.screenshot(page, "passport-lineage", false);
		predecessor.locator("a[data-field=product]").click();
		PlaywrightAssertions.assertThat(page.locator("h1")).containsText("Organic Cotton T-Shirt");
		PlaywrightAssertions.assertThat(page.locator("#lineage-links li[data-direction=successor]"))
			.containsText("Repurposed as");

		Pattern fromTee = Pattern.compile("\"predecessors\"\\s*:\\s*\\[\\s*\\{\\s*\"relation\"\\s*:\\s*"
				+ "\"repurposed_from\"\\s*,\\s*\"uri\"\\s*:\\s*\"[^\"]*/01/" + TEE_GTIN + "\"");
		Pattern asHoodie = Pattern.compile("\"successors\"\\s*:\\s*\\[\\s*\\{\\s*\"relation\"\\s*:\\s*"
				+ "\"repurposed_from\"\\s*,\\s*\"uri\"\\s*:\\s*\"[^\"]*/01/" + HOODIE_GTIN + "\"");
		assertThat(awaitPassport(this.platform.resolverUrl() + "/passport/01/" + HOODIE_GTIN, fromTee))
			.as("the hoodie's passport names the tee it comes from")
			.containsPattern(fromTee);
		assertThat(awaitPassport(this.platform.resolverUrl() + "/passport/01/" + TEE_GTIN, asHoodie))
			.as("the tee's passport names the hoodie that comes from it")
			.containsPattern(asHoodie);
	}

	/**
	 * The passport JSON at the resolver, once it matches or after {@link #CACHE_WAIT}:
	 * another test may have read the same product's passport just before, and the
	 * resolver keeps lineage and batch data for its cache TTL (60 s by default).
	 */
	private static String awaitPassport(String url, Pattern expected) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(CACHE_WAIT);
		HttpResponse<String> passport = restrictedPassport(url, null);
		while (!expected.matcher(passport.body()).find() && Instant.now().isBefore(deadline)) {
			Platform.sleep(Duration.ofMillis(500));
			passport = restrictedPassport(url, null);
		}
		assertThat(passport.statusCode()).as(passport.body()).isEqualTo(200);
		return passport.body();
	}

	private long batchPassportVersions(long batchId) {
		return jdbc().sql("select count(*) from passport_versions where subject_kind = 'batch' and subject_id = ?")
			.param(batchId)
			.query(Long.class)
			.single();
	}

	private long productId(String sku) {
		return jdbc().sql("select id from products where sku = ?").param(sku).query(Long.class).single();
	}

	@Test
	void aScheduleIsCreatedAfterItsCronErrorIsShownAtTheFieldAndRunsOnceWhenAsked() {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		page.navigate(this.platform.consoleUrl() + "/schedules");
		long acme = jdbc().sql("select id from brands where code = 'acme-apparel'").query(Long.class).single();
		String name = "Nightly ACME export";
		page.locator("#name").fill(name);
		page.locator("#kind").selectOption("export_minted");
		page.locator("#brandId").selectOption(Long.toString(acme));
		page.locator("#cron").fill("0 0 25 * * ?");
		page.locator("#timeZone").fill("Europe/Paris");
		page.locator("#new-schedule button[type=submit]").click();

		PlaywrightAssertions.assertThat(page.locator("#error-cron")).containsText("is not a valid cron expression");
		PlaywrightAssertions.assertThat(page.locator("#cron")).hasValue("0 0 25 * * ?");
		assertThat(schedulesNamed(name)).isZero();

		page.locator("#cron").fill("0 0 3 * * ?");
		page.locator("#new-schedule button[type=submit]").click();
		PlaywrightAssertions.assertThat(page.locator(".alert.notice")).containsText("created");
		assertThat(schedulesNamed(name)).isEqualTo(1);
		Locator row = page.locator("#schedules tr", new Page.LocatorOptions().setHasText(name));
		PlaywrightAssertions.assertThat(row.locator(".next-runs div")).hasCount(5);
		PlaywrightAssertions.assertThat(row.locator(".last-run")).containsText("never ran");

		row.locator("button:has-text('Run now')").click();
		PlaywrightAssertions.assertThat(page.locator(".alert.notice")).containsText("will run in a moment");
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (!row.locator(".last-run").innerText().contains("succeeded") && System.nanoTime() < deadline) {
			page.waitForTimeout(500);
			page.reload();
		}
		PlaywrightAssertions.assertThat(row.locator(".last-run .badge")).hasText("succeeded");
		PlaywrightAssertions.assertThat(row.locator(".last-run")).containsText("exports queued");
		Browser.screenshot(page, "schedules");

		row.locator("button:has-text('Delete')").click();
		PlaywrightAssertions.assertThat(page.locator(".alert.notice")).containsText("deleted");
		assertThat(schedulesNamed(name)).isZero();
	}

	private long schedulesNamed(String name) {
		return jdbc().sql("select count(*) from schedules where name = ?").param(name).query(Long.class).single();
	}

	@Test
	void theJobTimelineFollowsARunningMintToItsEndAndNamesTheProcessOfEachStep() {
		Page page = browser.newPage();
		Browser.login(page, "admin");
		long batchId = Mints.submit(page, "ACME-TEE-001", "active", 1_000_000);
		long executionId = awaitExecution(batchId);

		page.navigate(this.platform.consoleUrl() + "/jobs");
		page.locator("a[href='/jobs/" + executionId + "']").click();
		String shownFirst = page.locator("#execution-status").innerText();
		// While it runs the timeline refreshes itself: no reload from here on.
		PlaywrightAssertions.assertThat(page.locator("#execution-status"))
			.hasText("COMPLETED", new LocatorAssertions.HasTextOptions().setTimeout(120_000));
		Mints.awaitMinted(batchId);

		Locator rows = page.locator(".timeline-row");
		PlaywrightAssertions.assertThat(page.locator(".timeline-row[data-step='mintCompleteStep']")).hasCount(1);
		assertThat(rows.count()).as("start, partition manager, partitions, complete (first shown: " + shownFirst + ")")
			.isGreaterThanOrEqualTo(4);
		assertThat(page.locator(".timeline-row[data-step^='mintTokensStep:partition']").count()).isPositive();
		for (String process : page.locator(".timeline-row .process").allInnerTexts()) {
			assertThat(process).startsWith("mint-jobs@");
		}
		assertThat(page.locator(".timeline-row[data-status='COMPLETED']").count()).isEqualTo(rows.count());
		Browser.screenshot(page, "job-timeline");
	}

	/** The id of the mint job execution of a batch, once mint-jobs has launched it. */
	private long awaitExecution(long batchId) {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < deadline) {
			List<Long> ids = jdbc().sql("""
					select e.job_execution_id from batch_job_execution e
					join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
					where p.parameter_name = 'batchId' and p.parameter_value = ?""")
				.param(Long.toString(batchId))
				.query(Long.class)
				.list();
			if (!ids.isEmpty()) {
				return ids.getFirst();
			}
			Platform.sleep(java.time.Duration.ofMillis(50));
		}
		throw new AssertionError("Batch " + batchId + " has no job execution after 60 s");
	}

	/**
	 * No button or link that changes anything: no "New mint", no export, no revocation,
	 * no form that posts but the log-out.
	 */
	private static void assertNoActions(Page page) {
		assertThat(page.locator("a:has-text('New mint')").count()).isZero();
		assertThat(page.locator("button:has-text('Export / Download')").count()).isZero();
		assertThat(page.locator("button:has-text('Revoke')").count()).isZero();
		assertThat(page.locator("form[method=post]:not([action='/logout'])").count()).isZero();
	}

	/** Read the QR code that the page shows, from the pixels the browser drew. */
	private static String decodeQrCode(Locator code) throws Exception {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(code.screenshot()));
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
		Result result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
		return result.getText();
	}

	/**
	 * A consumer's phone scanning the URL: the resolver's answer, redirects not followed.
	 */
	private static HttpResponse<String> scan(String url) throws IOException, InterruptedException {
		return scan(url, PHONE, null);
	}

	/**
	 * A scan by the given user agent, from the country a CDN in front of the resolver
	 * would report ({@code null}: none).
	 */
	private static HttpResponse<String> scan(String url, String userAgent, String country)
			throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent);
			if (country != null) {
				request.header("CF-IPCountry", country);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private long batchCount(String brandCode) {
		return jdbc()
			.sql("select count(*) from mint_batches b join brands br on br.id = b.brand_id where br.code = :code")
			.param("code", brandCode)
			.query(Long.class)
			.single();
	}

	private JdbcClient jdbc() {
		return this.platform.jdbc();
	}

}
