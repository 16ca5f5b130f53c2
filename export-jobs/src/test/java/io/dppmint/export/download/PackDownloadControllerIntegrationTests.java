package io.dppmint.export.download;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.DownloadUrlSigner;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.LocalDirectoryPackStorage;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The download controller as a web slice (no job, no launcher: a second instead of a
 * whole app), on the test PostgreSQL: an export and its pack are recorded through the
 * repository as the job records them, and every kind of refused URL gets its 4xx problem
 * and no content. {@link PackDownloadIntegrationTests} serves real packs of a real export
 * over real HTTP.
 */
@WebMvcTest(PackDownloadController.class)
class PackDownloadControllerIntegrationTests {

	private static final Path STORAGE_ROOT = Path.of("target", "slice-packs").toAbsolutePath();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	DownloadUrlSigner signer;

	@Autowired
	PackStorage storage;

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private Export export;

	@BeforeEach
	void aRecordedPack() throws IOException {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(3).create();
		long exportId = this.fixtures.exportIntake().request(batch.id(), product.brandId(), "test").export().id();
		String owner = "slice-test/" + exportId;
		this.fixtures.exports().acquireLease(exportId, owner, Duration.ofMinutes(1)).orElseThrow();
		String key = Export.packStorageKey(exportId, 1);
		byte[] bytes = "pack,row\r\n1,1\r\n".getBytes(StandardCharsets.UTF_8);
		PackStorage.Upload upload = this.storage.create(key);
		upload.stream().write(bytes);
		this.fixtures.transactions()
			.executeWithoutResult((status) -> recordPack(
					new ExportPack(exportId, 1, batch.firstTokenId(), 3, bytes.length, "0".repeat(64), key, null),
					owner, upload));
		this.export = this.fixtures.exports().find(exportId).orElseThrow();
	}

	@Test
	void servesARecordedPackThroughAFreshSignedUrl() {
		MvcTestResult result = this.mvc.get()
			.uri(this.signer.sign(this.export.id(), 1, this.export.brandId()))
			.exchange();

		assertThat(result).hasStatusOk().bodyText().isEqualTo("pack,row\r\n1,1\r\n");
		assertThat(result).headers().hasValue("ETag", "\"" + "0".repeat(64) + "\"");
	}

	@Test
	void refusesAnExpiredUrlWith410() {
		DownloadUrlSigner sixMinutesAgo = new DownloadUrlSigner(
				Base64.getDecoder().decode(TestSecrets.DOWNLOAD_SIGNING_KEY),
				Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC), Duration.ofMinutes(5));

		assertRefused(sixMinutesAgo.sign(this.export.id(), 1, this.export.brandId()), HttpStatus.GONE, "expired");
	}

	@Test
	void refusesATamperedUrlWith403() {
		String url = this.signer.sign(this.export.id(), 1, this.export.brandId());
		String signature = url.substring(url.indexOf("signature=") + 10);
		char last = signature.charAt(signature.length() - 1);

		assertRefused(url.replace("/packs/1?", "/packs/2?"), HttpStatus.FORBIDDEN, "bad_signature");
		assertRefused(url.replaceFirst("expires=(\\d+)", "expires=9$1"), HttpStatus.FORBIDDEN, "bad_signature");
		assertRefused(url.substring(0, url.length() - 1) + ((last == 'A') ? 'B' : 'A'), HttpStatus.FORBIDDEN,
				"bad_signature");
	}

	@Test
	void refusesAUrlSignedByAnotherKeyWith403() {
		DownloadUrlSigner foreign = new DownloadUrlSigner(new byte[32], Clock.systemUTC(), Duration.ofMinutes(5));

		assertRefused(foreign.sign(this.export.id(), 1, this.export.brandId()), HttpStatus.FORBIDDEN, "bad_signature");
	}

	@Test
	void refusesAUrlIssuedForAnotherBrandWith403() {
		assertRefused(this.signer.sign(this.export.id(), 1, this.export.brandId() + 1), HttpStatus.FORBIDDEN,
				"foreign_brand");
	}

	@Test
	void refusesAMalformedUrlWith400() {
		assertRefused("/exports/" + this.export.id() + "/packs/1", HttpStatus.BAD_REQUEST, "malformed");
		assertRefused("/exports/" + this.export.id() + "/packs/1?brand=x&expires=1&signature=y", HttpStatus.BAD_REQUEST,
				"malformed");
	}

	@Test
	void answersAnUnknownExportLikeABadSignatureSoExistenceDoesNotLeak() {
		String url = this.signer.sign(this.export.id(), 1, this.export.brandId());

		assertRefused(url.replace("/exports/" + this.export.id() + "/", "/exports/987654321/"), HttpStatus.FORBIDDEN,
				"bad_signature");
	}

	private void recordPack(ExportPack pack, String owner, PackStorage.Upload upload) {
		try {
			this.fixtures.exports()
				.recordPacks(List.of(pack), owner, Duration.ofMinutes(1),
						() -> this.storage.commitAll(List.of(upload)));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void assertRefused(String url, HttpStatus status, String code) {
		MvcTestResult result = this.mvc.get().uri(url).exchange();
		assertThat(result).hasStatus(status).hasContentType("application/problem+json");
		assertThat(result).bodyText().contains("\"code\":\"" + code + "\"").doesNotContain("pack,row");
	}

	/** The controller's collaborators: the real ones, on the test database. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Collaborators {

		@Bean
		JdbcExportRepository exportRepository() {
			return Fixtures.onTestPostgres().exports();
		}

		@Bean
		PackStorage packStorage() {
			return new LocalDirectoryPackStorage(STORAGE_ROOT);
		}

		@Bean
		DownloadUrlSigner downloadUrlSigner() {
			return new DownloadUrlSigner(Base64.getDecoder().decode(TestSecrets.DOWNLOAD_SIGNING_KEY),
					Clock.systemUTC(), Duration.ofMinutes(5));
		}

	}

}
