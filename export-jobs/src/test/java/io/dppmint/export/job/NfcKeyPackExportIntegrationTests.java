package io.dppmint.export.job;

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
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.DownloadUrlSigner;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.ExportRejectedException;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.nfc.JdbcBrandNfcKeys;
import io.dppmint.core.nfc.JdbcTagProgrammerCertificates;
import io.dppmint.core.nfc.Ntag424Keys;
import io.dppmint.core.nfc.SunMessage;
import io.dppmint.core.nfc.SunUrlTemplate;
import io.dppmint.core.nfc.SunVerification;
import io.dppmint.core.secrets.KeyWrapping;
import io.dppmint.export.ExportPacks;
import io.dppmint.jobs.runner.LeasedJobRunner;
import io.dppmint.testsupport.SimulatedNtag424;
import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;
import org.apache.commons.csv.CSVRecord;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The export of an NFC batch: besides each print pack, an encrypted key pack that the tag
 * programmer decrypts with {@code openssl cms}, whose keys are the token's diversified
 * keys and whose template and offsets program a tag the resolver accepts; refused without
 * a tag-programmer certificate; no key in plaintext on disk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dpp.export.launcher.enabled=false", "dpp.export.storage-root=target/packs" })
class NfcKeyPackExportIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	DownloadUrlSigner signer;

	private static final Path STORAGE_ROOT = Path.of("target/packs");

	@Autowired
	ExportIntake intake;

	@Autowired
	LeasedJobRunner<ExportLease> runner;

	@Autowired
	JdbcExportRepository exports;

	@Autowired
	PackStorage storage;

	@Autowired
	IdentifierScheme identifiers;

	@TempDir
	Path directory;

	private final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	Fixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = Fixtures.on(TestPostgres.get().dataSource());
	}

	@Test
	void refusesAnNfcBatchWhoseBrandHasNoTagProgrammerCertificate() {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(3).carrier(Carrier.NFC).create();

		assertThatExceptionOfType(ExportRejectedException.class)
			.isThrownBy(() -> this.intake.request(batch.id(), batch.brandId(), "test"))
			.satisfies(
					(ex) -> assertThat(ex.reason()).isEqualTo(ExportRejectedException.Reason.NO_PROGRAMMER_CERTIFICATE))
			.withMessageContaining("tag-programmer certificate");
		assertThat(this.jdbc.sql("select count(*) from exports where batch_id = ?")
			.param(batch.id())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from brand_nfc_keys where brand_id = ?")
			.param(batch.brandId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void writesAnEncryptedKeyPackPerPackThatOpenSslDecryptsToTheTokensKeys() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(10_001).carrier(Carrier.NFC).create();
		KeyPair programmer = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		X509Certificate certificate = certificate(programmer);
		new JdbcTagProgrammerCertificates(this.jdbc).store(batch.brandId(),
				pem("CERTIFICATE", certificate.getEncoded()));

		ExportIntakeResult result = export(batch);

		BrandNfcKey master = new JdbcBrandNfcKeys(this.jdbc,
				KeyWrapping.underNfcKek(() -> Base64.getDecoder().decode(TestSecrets.NFC_KEK)))
			.current(batch.brandId())
			.orElseThrow();
		List<ExportPack> packs = this.exports.packs(result.export().id());
		List<JdbcExportRepository.KeyPack> keyPacks = this.exports.keyPacks(result.export().id());
		assertThat(keyPacks).extracting(JdbcExportRepository.KeyPack::packNumber).containsExactly(1, 2);
		String manifest = new String(ExportPacks.bytes(this.storage, result.export().manifestStorageKey()),
				StandardCharsets.UTF_8);
		long token = batch.firstTokenId();
		for (ExportPack pack : packs) {
			byte[] encrypted = ExportPacks.bytes(this.storage,
					Export.keyPackStorageKey(pack.exportId(), pack.packNumber()));
			JdbcExportRepository.KeyPack keyPack = keyPacks.get(pack.packNumber() - 1);
			assertThat(keyPack.byteSize()).isEqualTo(encrypted.length);
			assertThat(keyPack.sha256()).isEqualTo(ExportPacks.sha256(encrypted));
			assertThat(manifest).contains(ExportFiles.keyPackFileName(pack.exportId(), pack.packNumber()) + ","
					+ pack.firstTokenId() + "," + pack.rowCount() + "," + encrypted.length + "," + keyPack.sha256());
			byte[] plaintext = openSslDecrypt(encrypted, certificate, programmer);
			assertThat(ExportPacks.header(plaintext)).containsExactlyElementsOf(NfcKeyPack.HEADER);
			List<CSVRecord> rows = ExportPacks.records(plaintext);
			List<CSVRecord> printed = ExportPacks.records(ExportPacks.bytes(this.storage, pack.storageKey()));
			assertThat(rows).hasSize(pack.rowCount());
			for (int i = 0; i < rows.size(); i++, token++) {
				CSVRecord row = rows.get(i);
				assertThat(row.get("pack")).isEqualTo(Integer.toString(pack.packNumber()));
				assertThat(row.get("row")).isEqualTo(Integer.toString(i + 1));
				assertThat(this.identifiers.decode(row.get("token_ref"))).isEqualTo(token);
				SunUrlTemplate template = SunUrlTemplate.forResolverUrl(printed.get(i).get("resolver_url"));
				assertThat(row.get("url_template")).isEqualTo(template.url());
				assertThat(row.get("picc_data_offset")).isEqualTo(Integer.toString(template.piccDataOffset()));
				assertThat(row.get("sdmmac_input_offset")).isEqualTo(Integer.toString(template.sdmMacInputOffset()));
				assertThat(row.get("sdmmac_offset")).isEqualTo(Integer.toString(template.sdmMacOffset()));
				assertThat(row.get("key_version")).isEqualTo("1");
				Ntag424Keys keys = Ntag424Keys.forToken(master.masterKey(), token);
				for (int keyNo = 0; keyNo < Ntag424Keys.KEY_COUNT; keyNo++) {
					assertThat(HexFormat.of().parseHex(row.get("k" + keyNo))).as("k%d of token %d", keyNo, token)
						.isEqualTo(keys.key(keyNo));
				}
			}
			CSVRecord first = rows.getFirst();
			assertThat(tapOf(first)).as("a tag programmed from the pack").isEqualTo(SunVerification.Valid.class);
		}
		assertThat(token).isEqualTo(batch.firstTokenId() + 10_001);
		long exportId = result.export().id();
		HttpResponse<byte[]> download = get(this.signer.signKeyPack(exportId, 2, batch.brandId()));
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(ExportPacks.sha256(download.body())).isEqualTo(keyPacks.get(1).sha256());
		assertThat(download.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/pkcs7-mime"));
		assertThat(download.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).contains(ExportFiles.keyPackFileName(exportId, 2)));
		String packUrl = this.signer.sign(exportId, 2, batch.brandId());
		assertThat(get(packUrl.replace("/packs/", "/nfc-keys/")).statusCode()).as("a print pack's URL").isEqualTo(403);
		String someKey = HexFormat.of()
			.withUpperCase()
			.formatHex(Ntag424Keys.forToken(master.masterKey(), batch.firstTokenId()).key(2));
		try (Stream<Path> files = Files.walk(STORAGE_ROOT)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s", file)
					.doesNotContainIgnoringCase(someKey);
			}
		}
	}

	/**
	 * Program a tag from a key pack row, tap it, and verify the tap as the resolver does.
	 */
	private static Class<?> tapOf(CSVRecord row) {
		byte[][] keys = new byte[Ntag424Keys.KEY_COUNT][];
		for (int keyNo = 0; keyNo < keys.length; keyNo++) {
			keys[keyNo] = HexFormat.of().parseHex(row.get("k" + keyNo));
		}
		SunUrlTemplate template = SunUrlTemplate
			.forResolverUrl(row.get("url_template").substring(0, row.get("url_template").indexOf("?picc_data=")));
		String tapped = new SimulatedNtag424(HexFormat.of().parseHex("04DE5F1EACC040"), keys)
			.program(template.ndefFile(), Integer.parseInt(row.get("picc_data_offset")),
					Integer.parseInt(row.get("sdmmac_input_offset")), Integer.parseInt(row.get("sdmmac_offset")))
			.tap();
		String piccData = tapped.substring(tapped.indexOf("picc_data=") + 10, tapped.indexOf("&cmac="));
		String cmac = tapped.substring(tapped.indexOf("&cmac=") + 6);
		return SunMessage.verify(piccData, cmac, keys[1], keys[2]).getClass();
	}

	private HttpResponse<byte[]> get(String signedPath) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + signedPath)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
	}

	private ExportIntakeResult export(MintBatch batch) {
		long exportId = this.intake.request(batch.id(), batch.brandId(), "test").export().id();
		assertThat(this.runner.run(exportId)).isTrue();
		Export export = this.exports.find(exportId).orElseThrow();
		assertThat(export.status()).as(String.valueOf(export.error())).isEqualTo(ExportStatus.COMPLETED);
		return new ExportIntakeResult(export);
	}

	private byte[] openSslDecrypt(byte[] pack, X509Certificate certificate, KeyPair keys) throws Exception {
		Path in = Files.write(this.directory.resolve("pack.csv.p7m"), pack);
		Path certificatePem = Files.writeString(this.directory.resolve("prog.pem"),
				pem("CERTIFICATE", certificate.getEncoded()));
		Path keyPem = Files.writeString(this.directory.resolve("prog.key"),
				pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
		Path out = this.directory.resolve("decrypted.csv");
		Process openssl = new ProcessBuilder("openssl", "cms", "-decrypt", "-inform", "DER", "-in", in.toString(),
				"-recip", certificatePem.toString(), "-inkey", keyPem.toString(), "-out", out.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
		assertThat(openssl.exitValue()).as("openssl cms -decrypt: %s", output).isZero();
		byte[] plaintext = Files.readAllBytes(out);
		Files.delete(out);
		return plaintext;
	}

	private static X509Certificate certificate(KeyPair keys) throws Exception {
		X500Name name = new X500Name("CN=Tag programmer");
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), name,
				keys.getPublic());
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private record ExportIntakeResult(Export export) {

	}

}
