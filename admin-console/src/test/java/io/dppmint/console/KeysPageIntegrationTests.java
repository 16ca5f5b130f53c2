package io.dppmint.console;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

import static io.dppmint.console.TestCertificates.certificate;
import static io.dppmint.console.TestCertificates.fingerprint;
import static io.dppmint.console.TestCertificates.pem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Keys page over HTTP: rotation and a certificate upload (a file, and refused text)
 * through its forms, what it then shows, and a viewer who sees the same keys and
 * certificate without any action and is refused every change.
 */
class KeysPageIntegrationTests extends ApiTestSupport {

	private static final String KID_PREFIX = Fixtures.COMPANY_PREFIX + ":";

	@Test
	void theKeysPageShowsKeysAndCertificateToViewersWithoutItsActions() throws Exception {
		Tenant tenant = gs1Tenant();
		signedBatch(tenant);
		String page = "/brands/" + tenant.brandId() + "/keys";
		Http owner = login(tenant.owner(), tenant.password());

		Response rotation = owner.form(page + "/rotate", Map.of());
		Response afterRotation = owner.page(page);
		X509Certificate certificate = certificate(2048, Duration.ofDays(30));
		Response upload = owner.multipart("/brands/" + tenant.brandId() + "/tag-programmer-certificate",
				Map.of("pem", ""), "file", "programmer.pem", pem(certificate).getBytes(StandardCharsets.US_ASCII));
		Response afterUpload = owner.page(page);
		Response garbage = owner.multipart("/brands/" + tenant.brandId() + "/tag-programmer-certificate",
				Map.of("pem", "not a certificate"), "file", null, null);
		Response afterGarbage = owner.page(page);
		Http viewer = login(tenant.viewer(), tenant.password());
		Response viewerPage = viewer.page(page);

		assertThat(rotation.status()).isEqualTo(302);
		assertThat(afterRotation.body())
			.contains(KID_PREFIX + "2 is published now", "https://id.example.com/.well-known/jwks.json", "Revoke…",
					"A rotation is pending")
			.doesNotContain("Rotate signing key");
		assertThat(count("select count(*) from brand_keys where brand_id = ?", tenant.brandId())).isEqualTo(2);
		assertThat(upload.status()).isEqualTo(302);
		assertThat(afterUpload.body()).contains("Tag-programmer certificate CN=Tag programmer stored",
				fingerprint(certificate), "Replace certificate");
		assertThat(garbage.status()).isEqualTo(302);
		assertThat(afterGarbage.body()).contains("Not an X.509 certificate in PEM", fingerprint(certificate));
		assertThat(viewerPage.status()).isEqualTo(200);
		assertThat(viewerPage.body()).contains(KID_PREFIX + "1", KID_PREFIX + "2", fingerprint(certificate))
			.doesNotContain("Revoke…", "Rotate signing key", "certificate-form", "A rotation is pending");
		assertThat(viewer.fragment(page + "/rotate").status()).isEqualTo(403);
		assertThat(viewer.form(page + "/1/revoke", Map.of()).status()).isEqualTo(403);
		assertThat(viewer
			.multipart("/brands/" + tenant.brandId() + "/tag-programmer-certificate",
					Map.of("pem", pem(certificate(2048, Duration.ofDays(30)))), "file", null, null)
			.status()).isEqualTo(403);
		assertThat(api(tenant).get("/api/v1/brands/" + tenant.brandId() + "/signing-keys")
			.json()
			.valueStream()
			.map((key) -> key.path("state").asString())).containsExactly("pending", "active");
		assertThat(count(
				"select count(*) from audit_events where brand_id = ? and action = 'tag_programmer_certificate_uploaded'",
				tenant.brandId()))
			.isOne();
	}

}
