package io.dppmint.core.registry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.ErpProductionRun;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.gs1.Gln;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registry file of a minted batch on PostgreSQL (ESPR Art. 13(1): the registry holds
 * the unique product identifiers and the commodity code): every unit's identifier exactly
 * once, as the print packs and the console write its resolver URI; a count and SHA-256
 * that verify; one line per lot in lot mode; the operator, facility, commodity and
 * passport-version identifiers; and nothing at all for a batch that is not minted.
 */
class RegistryFileIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final IdentifierScheme identifiers = new IdentifierScheme(
			Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));

	private final JdbcPassports passports = this.fixtures.passports();

	private final RegistrySubmission submission = new RegistrySubmission(this.fixtures.jdbc(), this.fixtures.batches(),
			this.fixtures.brands(), this.fixtures.products(), this.fixtures.productionRuns(), this.passports,
			this.identifiers);

	@Test
	void holdsEveryUnitOfASerialBatchExactlyOnceWithACountAndHashThatVerify() throws IOException {
		Brand brand = this.fixtures.aGs1Brand().create();
		this.fixtures.brands().updateOperatorGln(brand.id(), "9506000000015");
		Product product = this.fixtures.aProductOf(brand).create();
		this.fixtures.products().updateCommodityCode(product.id(), "6109.10.00");
		ProductionRun run = this.fixtures.productionRuns()
			.sync(new ErpProductionRun(brand.id(), product.id(), Fixtures.uniqueCode("RUN"), 20_000,
					Gln.parse("9436465792104")));
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(20_000).productionRunId(run.id()).create();

		RegistryFile file = write(batch.id());

		assertThat(file.entries()).containsExactly(RegistrySubmission.IDENTIFIERS_ENTRY,
				RegistrySubmission.SUBMISSION_ENTRY);
		Set<String> expected = new HashSet<>();
		ResolverUrls urls = ResolverUrls.forTokens(brand.resolverBaseUrl(), true, product.gtin(), null);
		for (long id = batch.firstTokenId(); id < batch.firstTokenId() + batch.quantity(); id++) {
			expected.add(urls.url(this.identifiers.encode(id)));
		}
		List<String> uris = file.lines().stream().map((line) -> line.get("uri").stringValue()).toList();
		assertThat(uris).hasSize(20_000).doesNotHaveDuplicates();
		assertThat(new HashSet<>(uris)).isEqualTo(expected);
		assertThat(uris.getFirst()).startsWith("https://id.example.com/01/" + product.gtin().value() + "/21/");

		JsonNode submission = file.submission();
		assertThat(submission.get("format").stringValue()).isEqualTo("dppmint.registry-submission/0.1");
		assertThat(submission.get("identifiers").get("count").longValue()).isEqualTo(20_000);
		assertThat(submission.get("identifiers").get("sha256").stringValue()).isEqualTo(sha256(file.ndjson()));
		assertThat(submission.get("operator").get("name").stringValue()).isEqualTo(brand.name());
		assertThat(submission.get("operator").get("gln").stringValue()).isEqualTo("9506000000015");
		assertThat(submission.get("product").get("gtin").stringValue()).isEqualTo(product.gtin().value());
		assertThat(submission.get("product").get("modelIdentifier").stringValue()).isEqualTo(product.sku());
		assertThat(submission.get("product").get("commodityCode").toString())
			.isEqualTo("{\"scheme\":\"CN\",\"value\":\"61091000\"}");
		assertThat(submission.get("product").get("passportUri").stringValue())
			.isEqualTo("https://id.example.com/01/" + product.gtin().value());
		assertThat(submission.get("facilityGln").stringValue()).isEqualTo("9436465792104");
		assertThat(submission.get("passport").get("level").stringValue()).isEqualTo("item");
		assertThat(submission.get("passport").get("versionHash").stringValue())
			.isEqualTo(HexFormat.of().formatHex(this.passports.version(product.id(), 1).orElseThrow().sha256()));
		assertThat(submission.get("batch").get("id").longValue()).isEqualTo(batch.id());
		assertThat(submission.get("batch").get("mode").stringValue()).isEqualTo("serial");
		assertThat(submission.get("batch").get("quantity").intValue()).isEqualTo(20_000);

		RegistrySubmission.Payload payload = this.submission.payload(batch.id());
		assertThat(payload.json()).isEqualTo(file.submissionBytes());
		assertThat(payload.sha256Hex()).isEqualTo(sha256(file.submissionBytes()));
		assertThat(write(batch.id()).submissionBytes()).as("the same batch gives the same file")
			.isEqualTo(file.submissionBytes());
	}

	@Test
	void namesTaricCodesAndPublicIdUrisOfANonGs1Brand() throws IOException {
		Brand brand = this.fixtures.aBrand().create();
		Product product = this.fixtures.aProductOf(brand).create();
		this.fixtures.products().updateCommodityCode(product.id(), "6109100010");
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(50).create();

		RegistryFile file = write(batch.id());

		List<String> uris = file.lines().stream().map((line) -> line.get("uri").stringValue()).toList();
		assertThat(uris).hasSize(50)
			.allMatch((uri) -> uri.startsWith("https://id.example.com/t/"))
			.contains("https://id.example.com/t/" + this.identifiers.encode(batch.firstTokenId()));
		JsonNode submission = file.submission();
		assertThat(submission.get("product").get("commodityCode").get("scheme").stringValue()).isEqualTo("TARIC");
		assertThat(submission.get("product").get("gtin").isNull()).isTrue();
		assertThat(submission.get("operator").get("gln").isNull()).isTrue();
		assertThat(submission.get("facilityGln").isNull()).isTrue();
	}

	@Test
	void holdsOneLinePerLotForALotModeBatch() throws IOException {
		Brand brand = this.fixtures.aGs1Brand().create();
		Product product = this.fixtures.aProductOf(brand).create();
		MintBatch batch = this.fixtures.aMintedBatch(product)
			.lots(new LotRequest("L-1", 300), new LotRequest("L/2", 200))
			.create();

		RegistryFile file = write(batch.id());

		String base = "https://id.example.com/01/" + product.gtin().value() + "/10/";
		assertThat(file.lines()).extracting((line) -> line.get("uri").stringValue())
			.containsExactlyInAnyOrder(base + "L-1", base + "L%2F2");
		assertThat(file.lines()).extracting((line) -> line.get("quantity").intValue())
			.containsExactlyInAnyOrder(300, 200);
		JsonNode submission = file.submission();
		assertThat(submission.get("identifiers").get("count").longValue()).isEqualTo(2);
		assertThat(submission.get("identifiers").get("kind").stringValue()).isEqualTo("lot");
		assertThat(submission.get("identifiers").get("sha256").stringValue()).isEqualTo(sha256(file.ndjson()));
		assertThat(submission.get("passport").get("level").stringValue()).isEqualTo("batch");
		assertThat(submission.get("batch").get("quantity").intValue()).isEqualTo(500);
	}

	@Test
	void refusesABatchThatIsNotMintedBeforeWritingAByte() {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch queued = this.fixtures.aQueuedBatch(Fixtures.aMintRequest(product).build());
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		assertThatExceptionOfType(RegistryException.class).isThrownBy(() -> this.submission.write(queued.id(), out))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("BATCH_NOT_MINTED"))
			.withMessageContaining("is queued");
		assertThat(out.size()).isZero();
		assertThatExceptionOfType(RegistryException.class).isThrownBy(() -> this.submission.payload(-1))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("NO_SUCH_BATCH"));
	}

	private RegistryFile write(long batchId) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.submission.write(batchId, out);
		return RegistryFile.read(out.toByteArray());
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A registry file read back: its entries in order, the NDJSON and the submission. */
	record RegistryFile(List<String> entries, byte[] ndjson, byte[] submissionBytes) {

		static RegistryFile read(byte[] zip) throws IOException {
			Map<String, byte[]> contents = new LinkedHashMap<>();
			try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
				for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
					contents.put(entry.getName(), in.readAllBytes());
				}
			}
			byte[] gz = contents.get(RegistrySubmission.IDENTIFIERS_ENTRY);
			byte[] ndjson;
			try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
				ndjson = in.readAllBytes();
			}
			return new RegistryFile(new ArrayList<>(contents.keySet()), ndjson,
					contents.get(RegistrySubmission.SUBMISSION_ENTRY));
		}

		List<JsonNode> lines() {
			return new String(this.ndjson, StandardCharsets.UTF_8).lines().map(json::readTree).toList();
		}

		JsonNode submission() {
			return json.readTree(this.submissionBytes);
		}

	}

}
