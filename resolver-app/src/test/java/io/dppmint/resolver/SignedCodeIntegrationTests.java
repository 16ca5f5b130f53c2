package io.dppmint.resolver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.digsig.Jwks;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.resolver.ResolverFixtures.Minted;
import io.dppmint.resolver.verify.VerifyCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed codes (GS1 AI 8030) at the resolver over real HTTP and PostgreSQL: the JWK set
 * of published keys (RFC 7517), linked from the resolver description, and the passport's
 * verdict on a scanned signature; the scan's redirect passes {@code ?8030=} on untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dpp.resolver.jwks-ttl=0s")
@Import(ResolverTestConfiguration.class)
class SignedCodeIntegrationTests {

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
	void publishesPendingActiveAndRetiredKeysButNotRevokedOnesAsAJwkSet() throws Exception {
		Product product = this.fixtures.aGs1Product();
		BrandKeys keys = this.fixtures.brandKeys();
		long first = keys.signingKeyFor(product.brandId());
		keys.rotate(product.brandId(), Duration.ZERO);
		long second = keys.signingKeyFor(product.brandId());
		BrandKeys.BrandKey third = keys.rotate(product.brandId(), Duration.ofHours(24));

		HttpResponse<String> response = this.http.get("/.well-known/jwks.json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jwk-set+json");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
		assertThat(keys.find(first).orElseThrow().state()).isEqualTo("retired");
		assertThat(keys.find(second).orElseThrow().state()).isEqualTo("active");
		assertThat(third.state()).isEqualTo("pending");
		JsonNode set = json.readTree(response.body());
		assertThat(set.get("keys").isArray()).isTrue();
		for (JsonNode key : set.get("keys")) {
			// RFC 7517 §4 and RFC 7518 §6.2.1: an EC public key, nothing private (no
			// "d").
			assertThat(key.propertyNames()).containsExactlyInAnyOrder("kty", "crv", "x", "y", "kid", "alg", "use");
			assertThat(key.get("kty").asString()).isEqualTo("EC");
			assertThat(key.get("crv").asString()).isEqualTo("P-256");
			assertThat(key.get("alg").asString()).isEqualTo("ES256");
			assertThat(key.get("use").asString()).isEqualTo("sig");
		}
		assertThat(publishedPublicKeys(response.body(), keys, product)).containsExactly(1, 2, 3);

		keys.revoke(product.brandId(), 1);

		assertThat(publishedPublicKeys(this.http.get("/.well-known/jwks.json").body(), keys, product))
			.as("revoked keys are withdrawn")
			.containsExactly(2, 3);
	}

	@Test
	void linksTheJwkSetFromTheResolverDescription() throws Exception {
		JsonNode description = json.readTree(this.http.get("/.well-known/gs1resolver").body());

		assertThat(description.get("jwks_uri").asString()).isEqualTo("http://127.0.0.1:8081/.well-known/jwks.json");
	}

	@Test
	void passesTheSignatureOnAndShowsThePassportsVerdict() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSigned(product, 3);
		String path = this.fixtures.gs1Path(product, minted.token(0));
		String signature = this.fixtures.signature(minted.token(0));
		String otherUnits = this.fixtures.signature(minted.token(1));

		HttpResponse<String> scan = this.http.get(path + "?8030=" + signature);
		JsonNode valid = json
			.readTree(this.http.get("/passport" + path + "?8030=" + signature, "Accept", "application/json").body());
		JsonNode copied = json
			.readTree(this.http.get("/passport" + path + "?8030=" + otherUnits, "Accept", "application/json").body());
		JsonNode malformed = json
			.readTree(this.http.get("/passport" + path + "?8030=abc", "Accept", "application/json").body());
		JsonNode unsigned = json.readTree(this.http.get("/passport" + path, "Accept", "application/json").body());
		String page = this.http.get("/passport" + path + "?8030=" + otherUnits, "Accept", "text/html").body();

		assertThat(scan.statusCode()).isEqualTo(307);
		assertThat(scan.headers().firstValue("Location")).hasValue("/passport" + path + "?8030=" + signature);
		assertThat(valid.get("signature").asString()).isEqualTo("valid");
		assertThat(copied.get("signature").asString()).as("another unit's signature").isEqualTo("invalid");
		assertThat(malformed.get("signature").asString()).isEqualTo("invalid");
		assertThat(unsigned.has("signature")).isFalse();
		assertThat(page).contains("Signature (GS1 AI 8030): invalid");
	}

	@Test
	void aCodeSignedWithARevokedKeyIsNoLongerValid() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSigned(product, 1);
		String path = this.fixtures.gs1Path(product, minted.token(0));
		String signature = this.fixtures.signature(minted.token(0));
		String before = this.http.get("/passport" + path + "?8030=" + signature, "Accept", "application/json").body();

		this.fixtures.brandKeys().revoke(product.brandId(), 1);

		String after = this.http.get("/passport" + path + "?8030=" + signature, "Accept", "application/json").body();
		assertThat(json.readTree(before).get("signature").asString()).isEqualTo("valid");
		assertThat(json.readTree(after).get("signature").asString()).as("this test runs with jwks-ttl=0s")
			.isEqualTo("invalid");
	}

	@Test
	void reportsASignatureOnAnUnsignedUnitAsInvalid() throws Exception {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 1, ActivationMode.ACTIVE);
		Product signedProduct = this.fixtures.aGs1Product();
		Minted signed = this.fixtures.mintSigned(signedProduct, 1);
		String path = this.fixtures.gs1Path(product, minted.token(0));

		JsonNode passport = json.readTree(this.http
			.get("/passport" + path + "?8030=" + this.fixtures.signature(signed.token(0)), "Accept", "application/json")
			.body());

		assertThat(passport.get("signature").asString()).isEqualTo("invalid");
	}

	@Test
	void verifyCommandChecksAScannedUrlWithTheResolversJwkSetOverHttp() {
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSigned(product, 2);
		String url = "https://id.example.com" + this.fixtures.gs1Path(product, minted.token(1)) + "?8030="
				+ this.fixtures.signature(minted.token(1));
		String forged = "https://id.example.com" + this.fixtures.gs1Path(product, minted.token(0)) + "?8030="
				+ this.fixtures.signature(minted.token(1));
		String jwks = "http://127.0.0.1:" + this.port + "/.well-known/jwks.json";
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int valid = VerifyCommand.run(new String[] { url, "--jwks", jwks }, new PrintStream(out, true), System.err);
		int invalid = VerifyCommand.run(new String[] { forged, "--jwks=" + jwks }, new PrintStream(out, true),
				System.err);

		assertThat(valid).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(VerifyCommand.VALID);
		assertThat(invalid).isEqualTo(VerifyCommand.INVALID);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Signature valid (kid ", "Signature INVALID");
	}

	/** The numbers of the brand's keys whose public keys a JWK set document holds. */
	private static List<Integer> publishedPublicKeys(String document, BrandKeys keys, Product product) {
		List<String> published = Jwks.parse(document)
			.keys()
			.stream()
			.map((jwk) -> Base64.getEncoder().encodeToString(jwk.publicKey().getEncoded()))
			.toList();
		return keys.keys(product.brandId())
			.stream()
			.filter((key) -> published.contains(Base64.getEncoder().encodeToString(key.publicKey())))
			.map(BrandKeys.BrandKey::keyNumber)
			.sorted()
			.toList();
	}

}
