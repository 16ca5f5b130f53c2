package io.dppmint.resolver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.nfc.JdbcBrandNfcKeys;
import io.dppmint.core.nfc.Ntag424Keys;
import io.dppmint.core.nfc.SunUrlTemplate;
import io.dppmint.core.secrets.KeyWrapping;
import io.dppmint.testsupport.SimulatedNtag424;
import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.testsupport.DatabasePermissions.assertEachFailsWithAPermissionError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resolver connected as its own database role ({@code dpp_resolver}), as deployed: a
 * first scan over HTTP activates the token and records the scan, while anything outside
 * its work (API keys, console sessions, revoking, the audit chain, the schema) fails with
 * a permission error, whatever a compromised resolver would try.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dpp.test.app-role=true")
class DatabaseRoleIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentifierScheme identifiers;

	private final Fixtures owner = Fixtures.onTestPostgres();

	@Test
	void connectsAsItsOwnRoleAndActivatesAndRecordsAFirstScan() throws Exception {
		Product product = this.owner.aProduct().create();
		MintBatch batch = this.owner.aMintedBatch(product).firstScan().quantity(1).create();
		String identifier = this.identifiers.encode(batch.firstTokenId());

		HttpResponse<String> scan = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/t/" + identifier))
				.header("User-Agent", ResolverFixtures.PHONE)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(this.jdbc.sql("select current_user").query(String.class).single()).isEqualTo("dpp_resolver");
		assertThat(scan.statusCode()).isEqualTo(307);
		assertThat(this.owner.jdbc()
			.sql("select status from tokens where id = :id")
			.param("id", batch.firstTokenId())
			.query(Integer.class)
			.single()).isOne();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		long scans;
		do {
			scans = this.owner.jdbc()
				.sql("select count(*) from scan_events where token_id = :id")
				.param("id", batch.firstTokenId())
				.query(Long.class)
				.single();
		}
		while (scans == 0 && System.nanoTime() < deadline);
		assertThat(scans).isOne();
	}

	@Test
	void publishesSigningKeysAndChecksSignaturesWithoutReadingWrappedKeys() throws Exception {
		ResolverFixtures fixtures = new ResolverFixtures(TestPostgres.get().dataSource(), this.identifiers, null);
		Product product = fixtures.aGs1Product();
		ResolverFixtures.Minted minted = fixtures.mintSigned(product, 1);
		String path = fixtures.gs1Path(product, minted.token(0));
		HttpClient client = HttpClient.newHttpClient();

		HttpResponse<String> jwks = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/.well-known/jwks.json")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> passport = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/passport" + path + "?8030="
						+ fixtures.signature(minted.token(0))))
					.header("Accept", "application/json")
					.build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(jwks.statusCode()).isEqualTo(200);
		assertThat(passport.body()).contains("\"signature\":\"valid\"");
		assertEachFailsWithAPermissionError(this.jdbc, "select wrapped_key from brand_keys",
				"insert into token_signatures values (-1, '\\x00')", "update brand_keys set state = 'active'");
	}

	@Test
	void judgesAnNfcTapAndActivatesOnItAsItsOwnRole() throws Exception {
		Product product = this.owner.aProduct().create();
		MintBatch batch = this.owner.aMintedBatch(product).firstScan().carrier(Carrier.NFC).quantity(1).create();
		long token = batch.firstTokenId();
		Ntag424Keys keys = new JdbcBrandNfcKeys(this.owner.jdbc(),
				KeyWrapping.underNfcKek(() -> Base64.getDecoder().decode(TestSecrets.NFC_KEK)))
			.currentOrCreate(product.brandId())
			.tagKeys(token);
		SunUrlTemplate template = SunUrlTemplate
			.forResolverUrl("https://id.example.com/t/" + this.identifiers.encode(token));
		String tapped = new SimulatedNtag424(HexFormat.of().parseHex("04DE5F1EACC040"), keys.key(0), keys.key(1),
				keys.key(2), keys.key(3), keys.key(4))
			.program(template.ndefFile(), template.piccDataOffset(), template.sdmMacInputOffset(),
					template.sdmMacOffset())
			.tap()
			.substring("https://id.example.com".length());

		HttpResponse<String> tap = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + tapped))
				.header("User-Agent", ResolverFixtures.PHONE)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(tap.statusCode()).isEqualTo(307);
		assertThat(tap.headers().firstValue("Location").orElseThrow()).contains("?nfc=genuine.1.");
		assertThat(this.owner.jdbc()
			.sql("select status from tokens where id = :id")
			.param("id", token)
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void failsWithAPermissionErrorOutsideItsWork() {
		assertEachFailsWithAPermissionError(this.jdbc, "select * from api_keys", "select * from spring_session",
				"select * from console_users",
				"insert into api_keys (brand_id, name, key_prefix, key_hash) values (1, 'x', 'y', 'z')",
				"update tokens set batch_id = batch_id where id = -1",
				"update audit_events set hash = null where id = -1",
				"insert into brand_nfc_keys (brand_id, key_number, wrapped_key) values (1, 9, '\\x00')",
				"update brand_nfc_keys set wrapped_key = wrapped_key where brand_id = -1",
				"delete from nfc_tag_counters where token_id = -1", "alter table audit_events disable trigger user",
				"create table intruder (x int)");
	}

}
