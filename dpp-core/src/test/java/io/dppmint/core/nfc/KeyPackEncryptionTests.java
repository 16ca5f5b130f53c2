package io.dppmint.core.nfc;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Packs encrypted with {@link KeyPackEncryption} to freshly generated certificates, and
 * decrypted by this machine's {@code openssl cms}, as the tag programmer would.
 */
class KeyPackEncryptionTests {

	@TempDir
	Path directory;

	@Test
	void openSslDecryptsAPackEncryptedToAnRsaCertificate() throws Exception {
		KeyPair keys = keyPair("RSA");
		X509Certificate certificate = certificate(keys, "SHA256withRSA", KeyUsage.keyEncipherment, Duration.ZERO);
		byte[] csv = keyPackCsv(10_000);
		byte[] pack = encrypt(certificate, csv);
		CMSAuthEnvelopedDataParser parsed = new CMSAuthEnvelopedDataParser(pack);
		assertThat(parsed.getEncAlgOID()).isEqualTo(CMSAlgorithm.AES256_GCM.getId());
		RecipientInformation recipient = parsed.getRecipientInfos().getRecipients().iterator().next();
		assertThat(recipient).isInstanceOf(KeyTransRecipientInformation.class);
		assertThat(recipient.getKeyEncryptionAlgOID()).isEqualTo(PKCSObjectIdentifiers.id_RSAES_OAEP.getId());
		assertThat(openSslDecrypt(pack, certificate, keys)).isEqualTo(csv);
	}

	@Test
	void openSslDecryptsAPackEncryptedToAnEcCertificate() throws Exception {
		KeyPair keys = keyPair("EC");
		X509Certificate certificate = certificate(keys, "SHA256withECDSA", KeyUsage.keyAgreement, Duration.ZERO);
		byte[] csv = keyPackCsv(100);
		byte[] pack = encrypt(certificate, csv);
		RecipientInformation recipient = new CMSAuthEnvelopedDataParser(pack).getRecipientInfos()
			.getRecipients()
			.iterator()
			.next();
		assertThat(recipient).isInstanceOf(KeyAgreeRecipientInformation.class);
		assertThat(openSslDecrypt(pack, certificate, keys)).isEqualTo(csv);
	}

	@Test
	void openSslRefusesATamperedPack() throws Exception {
		KeyPair keys = keyPair("RSA");
		X509Certificate certificate = certificate(keys, "SHA256withRSA", KeyUsage.keyEncipherment, Duration.ZERO);
		byte[] pack = encrypt(certificate, keyPackCsv(1_000));
		pack[pack.length / 2] ^= 0x01;
		Path out = this.directory.resolve("tampered.csv");
		Process openssl = runOpenSsl(pack, certificate, keys, out);
		assertThat(openssl.exitValue()).as("openssl cms exit code").isNotZero();
	}

	@Test
	void closingThePlaintextStreamEndsTheMessageButLeavesTheSinkOpen() throws Exception {
		KeyPair keys = keyPair("EC");
		X509Certificate certificate = certificate(keys, "SHA256withECDSA", KeyUsage.keyAgreement, Duration.ZERO);
		boolean[] sinkClosed = { false };
		OutputStream sink = new FilterOutputStream(new ByteArrayOutputStream()) {
			@Override
			public void close() {
				sinkClosed[0] = true;
			}
		};
		try (OutputStream plaintext = KeyPackEncryption.encryptTo(certificate, sink)) {
			plaintext.write('x');
		}
		assertThat(sinkClosed[0]).isFalse();
	}

	@Test
	void refusesCertificatesThatCannotReceiveKeys() throws Exception {
		KeyPair rsa = keyPair("RSA");
		assertThatIllegalArgumentException().isThrownBy(() -> KeyPackEncryption.encryptTo(
				certificate(rsa, "SHA256withRSA", KeyUsage.keyEncipherment, Duration.ofDays(400)),
				OutputStream.nullOutputStream()))
			.withMessageContaining("expired");
		assertThatIllegalArgumentException().isThrownBy(() -> KeyPackEncryption.encryptTo(
				certificate(rsa, "SHA256withRSA", KeyUsage.digitalSignature, Duration.ZERO),
				OutputStream.nullOutputStream()))
			.withMessageContaining("keyEncipherment");
		KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
		small.initialize(1024);
		KeyPair weak = small.generateKeyPair();
		assertThatIllegalArgumentException().isThrownBy(() -> KeyPackEncryption.encryptTo(
				certificate(weak, "SHA256withRSA", KeyUsage.keyEncipherment, Duration.ZERO),
				OutputStream.nullOutputStream()))
			.withMessageContaining("2048");
		KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		assertThatIllegalArgumentException().isThrownBy(
				() -> KeyPackEncryption.encryptTo(certificate(ed, "Ed25519", KeyUsage.digitalSignature, Duration.ZERO),
						OutputStream.nullOutputStream()))
			.withMessageContaining("RSA or EC");
	}

	@Test
	void parsesAPemCertificateAndRefusesAnythingElse() throws Exception {
		X509Certificate certificate = certificate(keyPair("EC"), "SHA256withECDSA", KeyUsage.keyAgreement,
				Duration.ZERO);
		assertThat(KeyPackEncryption.parseCertificate(pem("CERTIFICATE", certificate.getEncoded())))
			.isEqualTo(certificate);
		assertThatIllegalArgumentException().isThrownBy(() -> KeyPackEncryption.parseCertificate(null));
		assertThatIllegalArgumentException().isThrownBy(() -> KeyPackEncryption.parseCertificate("not a certificate"));
	}

	private static byte[] encrypt(X509Certificate certificate, byte[] csv) throws IOException {
		ByteArrayOutputStream pack = new ByteArrayOutputStream();
		try (OutputStream plaintext = KeyPackEncryption.encryptTo(certificate, pack)) {
			for (int offset = 0; offset < csv.length; offset += 1000) {
				plaintext.write(csv, offset, Math.min(1000, csv.length - offset));
			}
		}
		return pack.toByteArray();
	}

	private byte[] openSslDecrypt(byte[] pack, X509Certificate certificate, KeyPair keys) throws Exception {
		Path out = this.directory.resolve("decrypted.csv");
		Process openssl = runOpenSsl(pack, certificate, keys, out);
		assertThat(openssl.exitValue())
			.as("openssl cms -decrypt: %s", new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.isZero();
		return Files.readAllBytes(out);
	}

	private Process runOpenSsl(byte[] pack, X509Certificate certificate, KeyPair keys, Path out) throws Exception {
		Path in = Files.write(this.directory.resolve("pack" + KeyPackEncryption.FILE_EXTENSION), pack);
		Path certificatePem = Files.writeString(this.directory.resolve("prog.pem"),
				pem("CERTIFICATE", certificate.getEncoded()));
		Path keyPem = Files.writeString(this.directory.resolve("prog.key"),
				pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
		Process openssl = new ProcessBuilder("openssl", "cms", "-decrypt", "-inform", "DER", "-in", in.toString(),
				"-recip", certificatePem.toString(), "-inkey", keyPem.toString(), "-out", out.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
		return openssl;
	}

	private static byte[] keyPackCsv(int rows) {
		StringBuilder csv = new StringBuilder(
				"pack,row,token_ref,url_template,picc_data_offset,sdmmac_input_offset,sdmmac_offset,key_version,k0,k1,k2,k3,k4\n");
		byte[] master = HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F");
		for (int row = 1; row <= rows; row++) {
			SunUrlTemplate template = SunUrlTemplate.forResolverUrl("https://id.example.com/t/T" + row);
			Ntag424Keys keys = Ntag424Keys.forToken(master, row);
			csv.append("1,")
				.append(row)
				.append(",T")
				.append(row)
				.append(',')
				.append(template.url())
				.append(',')
				.append(template.piccDataOffset())
				.append(',')
				.append(template.sdmMacInputOffset())
				.append(',')
				.append(template.sdmMacOffset())
				.append(",1");
			for (int keyNo = 0; keyNo < Ntag424Keys.KEY_COUNT; keyNo++) {
				csv.append(',').append(HexFormat.of().withUpperCase().formatHex(keys.key(keyNo)));
			}
			csv.append('\n');
		}
		return csv.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static KeyPair keyPair(String algorithm) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
		if (algorithm.equals("EC")) {
			generator.initialize(new ECGenParameterSpec("secp256r1"));
		}
		else {
			generator.initialize(2048);
		}
		return generator.generateKeyPair();
	}

	private static X509Certificate certificate(KeyPair keys, String signature, int keyUsage, Duration age)
			throws Exception {
		Instant now = Instant.now().minus(age);
		X500Name name = new X500Name("CN=Tag programmer, O=DPP Mint tests");
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
				BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
				Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
