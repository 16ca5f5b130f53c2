package io.dppmint.console;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.testsupport.TestPostgres;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

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
		String fingerprint = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
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

	private static String json(String pem) {
		return "{\"pem\": \"" + pem.replace("\n", "\\n") + "\"}";
	}

	private static X509Certificate certificate(int bits, Duration validFor) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(bits);
		KeyPair keys = generator.generateKeyPair();
		X500Name name = new X500Name("CN=Tag programmer");
		Instant now = Instant.now();
		Instant notAfter = now.plus(validFor);
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
				Date.from(now.minus(Duration.ofDays(2))), Date.from(notAfter), name, keys.getPublic());
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
	}

	private static String pem(X509Certificate certificate) throws Exception {
		return "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate.getEncoded())
				+ "\n-----END CERTIFICATE-----\n";
	}

}
