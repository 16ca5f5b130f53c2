package io.dppmint.console;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import static io.dppmint.console.TestCertificates.certificate;
import static io.dppmint.console.TestCertificates.fingerprint;
import static io.dppmint.console.TestCertificates.json;
import static io.dppmint.console.TestCertificates.pem;
import static org.assertj.core.api.Assertions.assertThat;

class TagProgrammerCertificateApiIntegrationTests extends ApiTestSupport {

	@Test
	void storesAValidCertificateAndAnNfcBatchCanThenBeExported() throws Exception {
		Tenant tenant = tenant();
		MintBatch batch = Fixtures.on(TestPostgres.get().dataSource())
			.aMintedBatch(tenant.ready())
			.quantity(3)
			.carrier(Carrier.NFC)
			.create();
		Response refused = api(tenant).post("/api/v1/exports", Map.of("batchId", batch.id()));
		X509Certificate certificate = certificate(2048, Duration.ofDays(30));
		String path = "/api/v1/brands/" + tenant.brandId() + "/tag-programmer-certificate";

		Response uploaded = api(tenant).send("PUT", path, json(pem(certificate)), Map.of());
		Response shown = api(tenant).get(path);
		Response accepted = api(tenant).post("/api/v1/exports", Map.of("batchId", batch.id()));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.errorCodes()).containsExactly("NO_PROGRAMMER_CERTIFICATE");
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
		String fingerprint = fingerprint(certificate);
		assertThat(uploaded.json().path("sha256Fingerprint").asString()).isEqualTo(fingerprint);
		assertThat(uploaded.json().path("subject").asString()).isEqualTo("CN=Tag programmer");
		assertThat(shown.json().path("sha256Fingerprint").asString()).isEqualTo(fingerprint);
		assertThat(
				count("""
						select count(*) from audit_events where brand_id = ? and action = 'tag_programmer_certificate_uploaded'""",
						tenant.brandId()))
			.isOne();
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
	}

	@Test
	void rejectsWhatCannotReceiveKeyPacksAndAnotherBrandsCertificateAndStoresNothing() throws Exception {
		Tenant tenant = tenant();
		Tenant other = tenant();
		String path = "/api/v1/brands/" + tenant.brandId() + "/tag-programmer-certificate";

		Response garbage = api(tenant).send("PUT", path, json("not a certificate"), Map.of());
		Response weak = api(tenant).send("PUT", path, json(pem(certificate(1024, Duration.ofDays(30)))), Map.of());
		Response expired = api(tenant).send("PUT", path, json(pem(certificate(2048, Duration.ofDays(-1)))), Map.of());
		Response foreign = api(other).send("PUT", path, json(pem(certificate(2048, Duration.ofDays(30)))), Map.of());
		Response viewer = login(tenant.viewer(), tenant.password()).send("PUT", path,
				json(pem(certificate(2048, Duration.ofDays(30)))), Map.of());

		assertThat(garbage.status()).isEqualTo(422);
		assertThat(garbage.errorCodes()).containsExactly("INVALID_CERTIFICATE");
		assertThat(weak.status()).isEqualTo(422);
		assertThat(weak.body()).contains("2048");
		assertThat(expired.status()).isEqualTo(422);
		assertThat(expired.body()).contains("expired");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(viewer.status()).isEqualTo(403);
		assertThat(api(tenant).get(path).status()).isEqualTo(404);
		assertThat(count("select count(*) from brands where id = ? and tag_programmer_certificate is not null",
				tenant.brandId()))
			.isZero();
	}

}
