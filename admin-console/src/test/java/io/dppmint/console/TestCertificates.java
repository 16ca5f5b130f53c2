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

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed tag-programmer certificates for tests (subject {@code CN=Tag programmer},
 * RSA with keyEncipherment), in PEM and as the certificate API's JSON body.
 */
final class TestCertificates {

	private TestCertificates() {
	}

	/**
	 * A certificate valid from two days ago for {@code validFor} from now (negative:
	 * expired).
	 */
	static X509Certificate certificate(int bits, Duration validFor) throws Exception {
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

	static String pem(X509Certificate certificate) throws Exception {
		return "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate.getEncoded())
				+ "\n-----END CERTIFICATE-----\n";
	}

	/** The body of {@code PUT /api/v1/brands/{id}/tag-programmer-certificate}. */
	static String json(String pem) {
		return "{\"pem\": \"" + pem.replace("\n", "\\n") + "\"}";
	}

	/** SHA-256 of the DER encoding, lower-case hex, as the API shows it. */
	static String fingerprint(X509Certificate certificate) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
	}

}
