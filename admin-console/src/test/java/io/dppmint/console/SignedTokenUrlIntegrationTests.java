package io.dppmint.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.console.Http.Response;
import io.dppmint.console.web.QrSvg;
import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.digsig.Jwks;
import io.dppmint.core.digsig.SignatureVerifier;
import io.dppmint.core.digsig.SignatureVerifier.Verification.Outcome;
import io.dppmint.core.digsig.SignedCode;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every place the console shows or encodes a unit's URL (the API, the token list, the
 * preview panel that the Tokens tab and the batch page open, its QR code and the QR code
 * download) carries, for a signed batch, exactly the URL its print pack carries: the
 * Digital Link with the unit's GS1 AI 8030 signature. That URL is
 * {@link ResolverUrls#url(String, DigitalSignature8030)} of the stored signature, which
 * is what the export writes in each pack row ({@code PackCsvTests}); QR codes are read
 * back with ZXing, and every URL verifies with the brand's published key. On the real
 * test PostgreSQL, the console connecting as its own role.
 */
class SignedTokenUrlIntegrationTests extends ApiTestSupport {

	private static final Pattern TOKEN_ROW = Pattern
		.compile("data-token=\"([^\"]+)\"[\\s\\S]*?<td class=\"url mono\"[^>]*>([^<]*)</td>");

	private final Fixtures fixtures = Fixtures.on(TestPostgres.get().dataSource());

	@Autowired
	IdentifierScheme identifiers;

	@Test
	void aSignedBatchsTokensShowAndEncodeTheUrlItsPacksPrint() {
		Tenant tenant = gs1Tenant();
		MintBatch batch = this.fixtures.sign(this.fixtures.aMintedBatch(tenant.ready())
			.lots(new LotRequest("LOT/7", 2), new LotRequest("L2", 1))
			.create(), this.identifiers);
		Map<String, String> packUrls = packUrls(tenant, batch);
		Jwks published = this.fixtures.brandKeys().jwks();
		assertThat(packUrls).hasSize(3).allSatisfy((serial, url) -> {
			assertThat(url).contains("/21/" + serial + "?8030=");
			assertThat(SignatureVerifier.verify(SignedCode.parse(url), published).outcome()).as(url)
				.isEqualTo(Outcome.VALID);
		});
		assertThat(packUrls.get(this.identifiers.encode(batch.firstTokenId())))
			.startsWith("https://id.example.com/01/" + tenant.ready().gtin().value() + "/10/LOT%2F7/21/");

		Http owner = login(tenant.owner(), tenant.password());
		assertThat(listedUrls(owner.fragment("/mint/tabs/tokens?batchId=" + batch.id()).body()))
			.containsExactlyEntriesOf(packUrls);
		Map<String, String> apiUrls = new LinkedHashMap<>();
		api(tenant).get("/api/v1/tokens?batchId=" + batch.id())
			.json()
			.path("items")
			.forEach((token) -> apiUrls.put(token.path("identifier").asString(), token.path("resolverUrl").asString()));
		assertThat(apiUrls).containsExactlyEntriesOf(packUrls);
		packUrls.forEach((serial, url) -> {
			assertThat(api(tenant).get("/api/v1/tokens/" + serial).json().path("resolverUrl").asString())
				.isEqualTo(url);
			Response panel = owner.fragment("/mint/tokens/" + serial);
			assertThat(HtmlUtils.htmlUnescape(resolverUrlField(panel.body()))).isEqualTo(url);
			assertThat(QrSvg.decode(qrBox(panel.body()))).isEqualTo(url);
			Response download = owner.get("/mint/tokens/" + serial + "/qr.svg");
			assertThat(download.header("Content-Type")).startsWith("image/svg+xml");
			assertThat(QrSvg.decode(download.body())).isEqualTo(url);
		});
	}

	@Test
	void anUnsignedBatchsTokensKeepTheirPlainDigitalLink() {
		Tenant tenant = gs1Tenant();
		MintBatch batch = this.fixtures.aMintedBatch(tenant.ready()).quantity(2).create();
		String serial = this.identifiers.encode(batch.firstTokenId() + 1);
		String plain = "https://id.example.com/01/" + tenant.ready().gtin().value() + "/21/" + serial;

		Http owner = login(tenant.owner(), tenant.password());
		assertThat(listedUrls(owner.fragment("/mint/tabs/tokens?batchId=" + batch.id()).body())).containsEntry(serial,
				plain);
		JsonNode token = api(tenant).get("/api/v1/tokens/" + serial).json();
		assertThat(token.path("resolverUrl").asString()).isEqualTo(plain);
		assertThat(QrSvg.decode(owner.get("/mint/tokens/" + serial + "/qr.svg").body())).isEqualTo(plain);
		assertThat(SignatureVerifier.verify(SignedCode.parse(plain), this.fixtures.brandKeys().jwks()).outcome())
			.isEqualTo(Outcome.UNSIGNED);
	}

	/**
	 * What the print pack has in {@code resolver_url} for each unit, by serial: the URL
	 * the export builds from the unit's lot and stored signature.
	 */
	private Map<String, String> packUrls(Tenant tenant, MintBatch batch) {
		int keyNumber = this.jdbc
			.sql("""
					select k.key_number from mint_batches b join brand_keys k on k.id = b.signing_key_id where b.id = :id""")
			.param("id", batch.id())
			.query(Integer.class)
			.single();
		Map<String, String> urls = new LinkedHashMap<>();
		for (Lot lot : this.fixtures.batches().lots(batch.id())) {
			ResolverUrls lotUrls = ResolverUrls.forTokens(tenant.brand().resolverBaseUrl(), true, tenant.ready().gtin(),
					lot.lotNumber());
			for (long token = lot.firstTokenId(); token < lot.firstTokenId() + lot.quantity(); token++) {
				byte[] signature = this.jdbc.sql("select signature from token_signatures where token_id = :id")
					.param("id", token)
					.query(byte[].class)
					.single();
				String serial = this.identifiers.encode(token);
				urls.put(serial, lotUrls.url(serial, DigitalSignature8030.of(keyNumber, signature)));
			}
		}
		return urls;
	}

	/** The Tokens tab's rows: identifier and the URL shown, in order. */
	private static Map<String, String> listedUrls(String html) {
		Map<String, String> urls = new LinkedHashMap<>();
		Matcher row = TOKEN_ROW.matcher(html);
		while (row.find()) {
			urls.put(row.group(1), HtmlUtils.htmlUnescape(row.group(2)));
		}
		return urls;
	}

	private static String resolverUrlField(String html) {
		Matcher field = Pattern.compile("data-field=\"resolver-url\"><a href=\"([^\"]*)\"[^>]*>([^<]*)</a>")
			.matcher(html);
		assertThat(field.find()).as("the panel shows the resolver URL").isTrue();
		assertThat(field.group(1)).as("the link and its text").isEqualTo(field.group(2));
		return field.group(2);
	}

	private static String qrBox(String html) {
		int start = html.indexOf("data-qr");
		assertThat(start).as("the panel shows a QR code").isNotNegative();
		return html.substring(start, html.indexOf("</svg>", start));
	}

}
