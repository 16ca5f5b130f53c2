package io.dppmint.core.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportVersion;
import io.dppmint.core.token.ResolverUrls;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry submission of a minted batch, in the provisional format {@value #FORMAT}
 * (docs/registry.md), and the one writer of its file: a ZIP whose first entry,
 * {@value #IDENTIFIERS_ENTRY}, holds one JSON line per unique product identifier (a
 * unit's resolver URI exactly as {@link ResolverUrls} writes it for the packs and the
 * console; one line per lot for a lot-mode batch), and whose second,
 * {@value #SUBMISSION_ENTRY}, holds the operator, product, facility and passport
 * identifiers with the identifiers' count and the SHA-256 of their NDJSON (before
 * compression).
 * <p>
 * Identifiers are computed from the batch's token range as they are written, a slice at a
 * time, and never held: a million units take the memory of one slice. The file is the
 * same bytes every time for the same batch and passport version, so the SHA-256 of
 * {@code submission.json} ({@link Payload#sha256()}) identifies what was uploaded.
 */
public class RegistrySubmission {

	/** The format name and version, provisional until the implementing act is final. */
	public static final String FORMAT = "dppmint.registry-submission/0.1";

	/** The identifiers entry of the file. */
	public static final String IDENTIFIERS_ENTRY = "identifiers.ndjson.gz";

	/** The submission entry of the file. */
	public static final String SUBMISSION_ENTRY = "submission.json";

	private static final int SLICE = 10_000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final JdbcMintBatchRepository batches;

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final JdbcProductionRunRepository productionRuns;

	private final JdbcPassports passports;

	private final IdentifierScheme identifiers;

	public RegistrySubmission(JdbcClient jdbc, JdbcMintBatchRepository batches, JdbcBrandRepository brands,
			JdbcProductRepository products, JdbcProductionRunRepository productionRuns, JdbcPassports passports,
			IdentifierScheme identifiers) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.brands = brands;
		this.products = products;
		this.productionRuns = productionRuns;
		this.passports = passports;
		this.identifiers = identifiers;
	}

	/**
	 * The submission of a minted batch, its identifiers counted and hashed as the file
	 * would hold them.
	 * @param batchId the batch
	 * @return its {@code submission.json}
	 * @throws RegistryException if there is no such batch or it is not minted
	 */
	public Payload payload(long batchId) {
		Source source = source(batchId);
		try {
			DigestOutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), newDigest());
			long count = writeIdentifiers(source, digest);
			return payload(source, count, digest.getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Write a minted batch's registry file: {@value #IDENTIFIERS_ENTRY} first (hashed as
	 * it is written), then {@value #SUBMISSION_ENTRY}. The batch is checked before the
	 * first byte is written.
	 * @param batchId the batch
	 * @param out where to write the ZIP (not closed)
	 * @return the submission written
	 * @throws RegistryException if there is no such batch or it is not minted
	 * @throws IOException if {@code out} fails
	 */
	public Payload write(long batchId, OutputStream out) throws IOException {
		Source source = source(batchId);
		// finish(), never close(): the caller's stream stays open.
		ZipOutputStream zip = new ZipOutputStream(out);
		zip.putNextEntry(new ZipEntry(IDENTIFIERS_ENTRY));
		GZIPOutputStream gzip = new GZIPOutputStream(zip, 1 << 16);
		DigestOutputStream digest = new DigestOutputStream(gzip, newDigest());
		long count = writeIdentifiers(source, digest);
		gzip.finish();
		zip.closeEntry();
		Payload payload = payload(source, count, digest.getMessageDigest().digest());
		zip.putNextEntry(new ZipEntry(SUBMISSION_ENTRY));
		zip.write(payload.json());
		zip.closeEntry();
		zip.finish();
		zip.flush();
		return payload;
	}

	private Source source(long batchId) {
		MintBatch batch = this.batches.find(batchId)
			.orElseThrow(() -> RegistryException.conflict("NO_SUCH_BATCH", "There is no batch " + batchId));
		if (batch.status() != MintBatchStatus.MINTED) {
			throw JdbcRegistryRegistrations.notMinted(batchId, batch.status().value());
		}
		Brand brand = this.brands.findById(batch.brandId()).orElseThrow();
		Product product = this.products.findById(batch.productId()).orElseThrow();
		ProductionRun run = (batch.productionRunId() != null)
				? this.productionRuns.findById(batch.productionRunId()).orElse(null) : null;
		List<Lot> lots = (batch.identityMode() == IdentityMode.LOT) ? this.batches.lots(batch.id()) : List.of();
		return new Source(batch, brand, product, run, lots);
	}

	/** One NDJSON line per identifier, in token (or lot) order; the count written. */
	private long writeIdentifiers(Source source, OutputStream out) throws IOException {
		Brand brand = source.brand();
		Product product = source.product();
		boolean digitalLinks = ResolverUrls.usesDigitalLinks(brand.gtinRequired(), product.gtin());
		if (source.batch().identityMode() == IdentityMode.LOT) {
			for (Lot lot : source.lots()) {
				Map<String, Object> line = new LinkedHashMap<>();
				if (digitalLinks) {
					line.put("uri", new DigitalLink(product.gtin(), null, lot.lotNumber(), null)
						.toUri(brand.resolverBaseUrl()));
				}
				line.put("lot", lot.lotNumber());
				line.put("quantity", lot.quantity());
				out.write(json.writeValueAsBytes(line));
				out.write('\n');
			}
			return source.lots().size();
		}
		String prefix = ResolverUrls.forTokens(brand.resolverBaseUrl(), brand.gtinRequired(), product.gtin(), null)
			.prefix();
		String quoted = json.writeValueAsString(prefix);
		byte[] head = ("{\"uri\":" + quoted.substring(0, quoted.length() - 1)).getBytes(StandardCharsets.UTF_8);
		byte[] tail = "\"}\n".getBytes(StandardCharsets.US_ASCII);
		int lineLength = head.length + IdentifierScheme.LENGTH + tail.length;
		MintBatch batch = source.batch();
		byte[] encoded = new byte[SLICE * IdentifierScheme.LENGTH];
		byte[] lines = new byte[SLICE * lineLength];
		for (int done = 0; done < batch.quantity(); done += SLICE) {
			int n = Math.min(SLICE, batch.quantity() - done);
			this.identifiers.encodeRange(batch.firstTokenId() + done, n, encoded, 0);
			int at = 0;
			for (int i = 0; i < n; i++) {
				System.arraycopy(head, 0, lines, at, head.length);
				at += head.length;
				System.arraycopy(encoded, i * IdentifierScheme.LENGTH, lines, at, IdentifierScheme.LENGTH);
				at += IdentifierScheme.LENGTH;
				System.arraycopy(tail, 0, lines, at, tail.length);
				at += tail.length;
			}
			out.write(lines, 0, at);
		}
		return batch.quantity();
	}

	private Payload payload(Source source, long count, byte[] identifiersSha256) {
		MintBatch batch = source.batch();
		Brand brand = source.brand();
		Product product = source.product();
		boolean digitalLinks = ResolverUrls.usesDigitalLinks(brand.gtinRequired(), product.gtin());
		Map<String, Object> operator = new LinkedHashMap<>();
		operator.put("name", brand.name());
		operator.put("gln", brand.operatorGln());
		operator.put("eori",
				this.jdbc.sql("select eori from brands where id = :id")
					.param("id", brand.id())
					.query(String.class)
					.optional()
					.orElse(null));
		Map<String, Object> productNode = new LinkedHashMap<>();
		productNode.put("gtin", (product.gtin() != null) ? product.gtin().value() : null);
		productNode.put("modelIdentifier", product.sku());
		productNode.put("commodityCode", commodityCode(product.commodityCode()));
		productNode.put("passportUri",
				digitalLinks ? new DigitalLink(product.gtin(), null, null, null).toUri(brand.resolverBaseUrl()) : null);
		Map<String, Object> passport = new LinkedHashMap<>();
		passport.put("level", (batch.identityMode() == IdentityMode.LOT) ? "batch" : "item");
		passport.put("version", product.passportVersion());
		passport.put("versionHash",
				(product.passportVersion() > 0) ? this.passports.version(product.id(), product.passportVersion())
					.map(PassportVersion::sha256)
					.map(HexFormat.of()::formatHex)
					.orElse(null) : null);
		JdbcPassports.Current batchData = this.passports.current(JdbcPassports.Subject.BATCH, batch.id());
		passport.put("batchVersion", batchData.version());
		passport.put("batchVersionHash",
				(batchData.version() > 0) ? HexFormat.of().formatHex(batchData.data().sha256()) : null);
		Map<String, Object> batchNode = new LinkedHashMap<>();
		batchNode.put("id", batch.id());
		batchNode.put("mode", batch.identityMode().value());
		batchNode.put("quantity", batch.quantity());
		batchNode.put("mintedAt", (batch.finishedAt() != null) ? batch.finishedAt().toString() : null);
		Map<String, Object> identifiersNode = new LinkedHashMap<>();
		identifiersNode.put("file", IDENTIFIERS_ENTRY);
		identifiersNode.put("kind", (batch.identityMode() == IdentityMode.LOT) ? "lot" : "unit");
		identifiersNode.put("count", count);
		identifiersNode.put("sha256", HexFormat.of().formatHex(identifiersSha256));
		Map<String, Object> submission = new LinkedHashMap<>();
		submission.put("format", FORMAT);
		submission.put("operator", operator);
		submission.put("product", productNode);
		submission.put("facilityGln", (source.run() != null && source.run().facilityGln() != null)
				? source.run().facilityGln().value() : null);
		submission.put("passport", passport);
		submission.put("batch", batchNode);
		submission.put("identifiers", identifiersNode);
		byte[] bytes = json.writeValueAsBytes(submission);
		return new Payload(bytes, sha256(bytes), count);
	}

	private static Map<String, Object> commodityCode(String code) {
		if (code == null) {
			return null;
		}
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("scheme", (code.length() == 10) ? "TARIC" : "CN");
		node.put("value", code);
		return node;
	}

	private static byte[] sha256(byte[] bytes) {
		return newDigest().digest(bytes);
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A batch's {@code submission.json}.
	 *
	 * @param json its bytes, exactly as the file holds them (UTF-8 JSON)
	 * @param sha256 their SHA-256
	 * @param identifierCount how many identifier lines the file holds
	 */
	public record Payload(byte[] json, byte[] sha256, long identifierCount) {

		/** The SHA-256 as 64 lowercase hexadecimal digits. */
		public String sha256Hex() {
			return HexFormat.of().formatHex(this.sha256);
		}

	}

	private record Source(MintBatch batch, Brand brand, Product product, ProductionRun run, List<Lot> lots) {
	}

}
