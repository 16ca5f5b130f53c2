package io.dppmint.export.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.core.token.TokenStatus;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast row writer against Commons CSV itself: every pack it builds is byte for byte
 * what {@code CSVPrinter.printRecord} prints for the same cells, for GS1 and non-GS1
 * brands, lots that need quoting, and lots a spreadsheet would run as formulas (written
 * with a leading apostrophe, OWASP's CSV injection advice), and signed batches (the AI
 * 8030 value in the resolver URL's query and in the trailing column, the URL exactly as
 * {@link ResolverUrls} writes it for the console).
 */
class PackCsvTests {

	private static final Gtin GTIN = Gtin.parse("09506000134352");

	private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private final Random random = new Random(42);

	@Test
	void writesNonGs1RowsExactlyAsCommonsCsvPrintsThem() throws IOException {
		Map<Long, String> lots = lots("", "PLAIN-LOT", "LOT,WITH,COMMAS", "@cmd");
		assertMatchesCommonsCsv(false, "", "active", lots, urls(lots, false, "https://id.example.com"));
	}

	@Test
	void writesGs1RowsExactlyAsCommonsCsvPrintsThem() throws IOException {
		Map<Long, String> lots = lots("", "LOT7", "A\"QUOTE", "x,y", "=SUM(A1)", "+1", "-L7");
		assertMatchesCommonsCsv(true, GTIN.value(), "first_scan", lots,
				urls(lots, true, "https://id.example.com/base,with,comma"));
	}

	@Test
	void writesSignedRowsExactlyAsCommonsCsvPrintsThem() throws IOException {
		Map<Long, String> lots = lots("", "LOT7", "x,y", "=SUM(A1)");
		assertMatchesCommonsCsv(true, GTIN.value(), "active", lots,
				urls(lots, true, "https://id.example.com/base,with,comma"), true);
		assertMatchesCommonsCsv(true, GTIN.value(), "active", lots, urls(lots, true, "https://id.example.com"), true);
	}

	@Test
	void writesEachSignedUnitsUrlAsResolverUrlsWritesItForTheConsole() throws IOException {
		Map<Long, String> lots = lots("", "LOT/7", "x,y");
		Map<Long, ResolverUrls> urls = urls(lots, true, "https://id.example.com/base,with,comma");
		PackCsv.Rows.Pack pack = new PackCsv.Rows(true, GTIN.value(), "active", lots, urls, true,
				PackCsv.Identifiers.NONE)
			.pack(1);
		List<String> expected = new ArrayList<>();
		for (int row = 1; row <= 30; row++) {
			String identifier = String.format("X3K9QF2M7T%03d", row);
			byte[] raw = new byte[DigitalSignature8030.SIGNATURE_BYTES];
			this.random.nextBytes(raw);
			DigitalSignature8030 signature = DigitalSignature8030.of(1 + this.random.nextInt(255), raw);
			long lotId = row % lots.size();
			pack.row(row, identifier.getBytes(StandardCharsets.US_ASCII), 0, lotId, TokenStatus.ACTIVE.code(), 0,
					signature.encoded().getBytes(StandardCharsets.US_ASCII), 0);
			expected.add(urls.get(lotId).url(identifier, signature));
		}
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		pack.writeTo(written);

		List<CSVRecord> records = PackCsv.FORMAT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new java.io.StringReader(written.toString(StandardCharsets.UTF_8)))
			.getRecords();
		assertThat(records.stream().map((record) -> record.get("resolver_url")).toList())
			.containsExactlyElementsOf(expected);
		assertThat(expected.get(0))
			.startsWith("https://id.example.com/base,with,comma/01/09506000134352/10/LOT%2F7/21/")
			.contains("?8030=");
	}

	@Test
	void neutralisesLotsASpreadsheetWouldRunAsFormulas() {
		assertThat(PackCsv.inert("=SUM(A1:A9)")).isEqualTo("'=SUM(A1:A9)");
		assertThat(PackCsv.inert("+33")).isEqualTo("'+33");
		assertThat(PackCsv.inert("-L7")).isEqualTo("'-L7");
		assertThat(PackCsv.inert("@SUM(1)")).isEqualTo("'@SUM(1)");
		assertThat(PackCsv.inert("'quoted")).isEqualTo("''quoted");
		assertThat(PackCsv.inert("L-7=")).isEqualTo("L-7=");
		assertThat(PackCsv.inert("")).isEmpty();
	}

	private void assertMatchesCommonsCsv(boolean gs1, String gtin, String activationMode, Map<Long, String> lots,
			Map<Long, ResolverUrls> urls) throws IOException {
		assertMatchesCommonsCsv(gs1, gtin, activationMode, lots, urls, false);
	}

	private void assertMatchesCommonsCsv(boolean gs1, String gtin, String activationMode, Map<Long, String> lots,
			Map<Long, ResolverUrls> urls, boolean signed) throws IOException {
		// GLNs and a commodity code as every batch of a typed brand carries them.
		PackCsv.Identifiers batchIdentifiers = gs1
				? new PackCsv.Identifiers("9506000000015", "8001234000059", "61091000") : PackCsv.Identifiers.NONE;
		PackCsv.Rows rows = new PackCsv.Rows(gs1, gtin, activationMode, lots, urls, signed, batchIdentifiers);
		int count = 2_000;
		byte[] identifiers = new byte[count * IdentifierScheme.LENGTH];
		for (int i = 0; i < identifiers.length; i++) {
			identifiers[i] = (byte) "0123456789ABCDEFGHJKMNPQRSTVWXYZ".charAt(this.random.nextInt(32));
		}
		byte[] signatures = new byte[count * PackCsv.SIGNATURE_LENGTH];
		for (int i = 0; i < signatures.length; i++) {
			signatures[i] = (byte) BASE64URL.charAt(this.random.nextInt(64));
		}
		List<Long> lotIds = new ArrayList<>(lots.keySet());
		PackCsv.Rows.Pack pack = rows.pack(17);
		StringWriter expected = new StringWriter();
		CSVPrinter reference = PackCsv.printer(expected, PackCsv.HEADER);
		long micros = Instant.parse("2026-12-03T10:15:30.123456Z").toEpochMilli() * 1000 + 456;
		for (int row = 1; row <= count; row++) {
			long lotId = lotIds.get(this.random.nextInt(lotIds.size()));
			TokenStatus status = TokenStatus.values()[this.random.nextInt(3)];
			if (row % 500 == 0) {
				micros += 1_000_001;
			}
			int offset = (row - 1) * IdentifierScheme.LENGTH;
			String identifier = new String(identifiers, offset, IdentifierScheme.LENGTH, StandardCharsets.US_ASCII);
			String signature = signed ? new String(signatures, (row - 1) * PackCsv.SIGNATURE_LENGTH,
					PackCsv.SIGNATURE_LENGTH, StandardCharsets.US_ASCII) : "";
			pack.row(row, identifiers, offset, lotId, status.code(), micros, signed ? signatures : null,
					(row - 1) * PackCsv.SIGNATURE_LENGTH);
			reference.printRecord("17", Integer.toString(row), gs1 ? "" : identifier, gtin,
					PackCsv.inert(lots.get(lotId)), gs1 ? identifier : "",
					urls.get(lotId).url(identifier) + (signed ? "?8030=" + signature : ""), status.label(),
					activationMode, Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString(), signature,
					batchIdentifiers.operatorGln(), batchIdentifiers.facilityGln(), batchIdentifiers.commodityCode());
		}
		reference.flush();
		ByteArrayOutputStream actual = new ByteArrayOutputStream();
		pack.writeTo(actual);

		assertThat(actual.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
		List<CSVRecord> parsed = PackCsv.FORMAT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new java.io.StringReader(actual.toString(StandardCharsets.UTF_8)))
			.getRecords();
		assertThat(parsed).hasSize(count);
		assertThat(parsed).allSatisfy((record) -> assertThat(record.get("resolver_url"))
			.endsWith(signed ? "?8030=" + record.get("gs1_digital_signature")
					: gs1 ? record.get("serial") : record.get("public_id")));
	}

	private static Map<Long, String> lots(String... numbers) {
		Map<Long, String> lots = new LinkedHashMap<>();
		for (int i = 0; i < numbers.length; i++) {
			lots.put((long) i, numbers[i]);
		}
		return lots;
	}

	private static Map<Long, ResolverUrls> urls(Map<Long, String> lots, boolean gs1, String base) {
		Map<Long, ResolverUrls> urls = new LinkedHashMap<>();
		lots.forEach((id, lot) -> urls.put(id,
				ResolverUrls.forTokens(base, gs1, gs1 ? GTIN : null, lot.isEmpty() ? null : lot)));
		return urls;
	}

}
