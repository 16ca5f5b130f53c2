package io.dppmint.export.download;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.DownloadUrlSigner;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.export.ExportPacks;
import io.dppmint.export.job.ExportLease;
import io.dppmint.jobs.runner.LeasedJobRunner;
import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pack downloads of a real export over real HTTP through signed URLs: a valid URL serves
 * exactly the stored bytes, the manifest too, and an expired one gets its 410 problem and
 * no pack content. Every other refusal is covered, faster, by the web slice
 * {@link PackDownloadControllerIntegrationTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dpp.export.launcher.enabled=false", "dpp.export.storage-root=target/packs" })
class PackDownloadIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ExportIntake intake;

	@Autowired
	LeasedJobRunner<ExportLease> runner;

	@Autowired
	JdbcExportRepository exports;

	@Autowired
	PackStorage storage;

	@Autowired
	DownloadUrlSigner signer;

	private final DataSource dataSource = TestPostgres.get().dataSource();

	final HttpClient http = HttpClient.newHttpClient();

	Export export;

	List<ExportPack> packs;

	@BeforeEach
	void anExport() {
		Fixtures fixtures = Fixtures.on(this.dataSource);
		Product product = fixtures.aProduct().create();
		MintBatch batch = fixtures.aMintedBatch(product).quantity(10_500).create();
		long exportId = this.intake.request(batch.id(), product.brandId(), "test").export().id();
		this.export = runToEnd(exportId);
		assertThat(this.export.status()).isEqualTo(ExportStatus.COMPLETED);
		this.packs = this.exports.packs(exportId);
	}

	@Test
	void servesAPackThroughAFreshSignedUrlByteForByte() throws Exception {
		ExportPack pack = this.packs.get(1);

		HttpResponse<byte[]> response = get(this.signer.sign(this.export.id(), 2, this.export.brandId()));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(ExportPacks.bytes(this.storage, pack.storageKey()));
		assertThat(ExportPacks.sha256(response.body())).isEqualTo(pack.sha256());
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + pack.sha256() + "\"");
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).contains("export-" + this.export.id() + "-pack-00002.csv"));
		assertThat(response.headers().allValues("Content-Disposition").toString()).doesNotContain("exports/");
	}

	@Test
	void servesTheManifestThroughItsOwnSignedUrl() throws Exception {
		HttpResponse<byte[]> response = get(
				this.signer.sign(this.export.id(), DownloadUrlSigner.MANIFEST, this.export.brandId()));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ExportPacks.sha256(response.body())).isEqualTo(this.export.manifestSha256());
		assertThat(ExportPacks.records(response.body())).extracting((row) -> row.get("sha256"))
			.containsExactly(this.packs.get(0).sha256(), this.packs.get(1).sha256());
	}

	@Test
	void refusesAnExpiredUrlWith410() throws Exception {
		DownloadUrlSigner sixMinutesAgo = new DownloadUrlSigner(
				Base64.getDecoder().decode(TestSecrets.DOWNLOAD_SIGNING_KEY),
				Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC), Duration.ofMinutes(5));

		HttpResponse<byte[]> response = get(sixMinutesAgo.sign(this.export.id(), 1, this.export.brandId()));

		assertRefused(response, 410, "expired");
	}

	private void assertRefused(HttpResponse<byte[]> response, int status, String code) {
		String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(response.statusCode()).as(body).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(body).contains("\"code\":\"" + code + "\"")
			.doesNotContain("resolver_url")
			.doesNotContain("https://id.example.com");
	}

	private HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private Export runToEnd(long exportId) {
		assertThat(this.runner.run(exportId)).as("ran under its lease").isTrue();
		return this.exports.find(exportId).orElseThrow();
	}

}
