package io.dppmint.export.job;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.token.ResolverUrls;
import io.dppmint.core.token.TokenStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The layout of a pack file, in one place: RFC 4180 CSV (comma, {@code CRLF}, fields
 * quoted only when needed), UTF-8 without a byte-order mark, one header row, then one row
 * per unit in token order. Columns:
 * <ol>
 * <li>{@code pack}: pack number, from 1</li>
 * <li>{@code row}: row number within the pack, from 1</li>
 * <li>{@code public_id}: the token's public id (non-GS1 brands; empty for GS1)</li>
 * <li>{@code gtin}: the product's GTIN, 14 digits (GS1 brands; empty otherwise)</li>
 * <li>{@code lot}: the lot number (lot mode; empty otherwise), written
 * {@linkplain #inert(String) inert}: one that a spreadsheet would run as a formula, or
 * that starts with an apostrophe, gets a leading apostrophe ({@code '-L7}); a reader that
 * wants the lot number drops one leading apostrophe. The resolver URL carries the lot
 * unchanged.</li>
 * <li>{@code serial}: the GS1 serial, AI 21 (GS1 brands; empty otherwise)</li>
 * <li>{@code resolver_url}: what the QR code or NFC tag carries, as
 * {@link ResolverUrls#url(String, DigitalSignature8030)} writes it (the console shows the
 * same)</li>
 * <li>{@code status}: {@code minted}, {@code active} or {@code revoked} when the pack was
 * written</li>
 * <li>{@code activation_mode}: {@code active} or {@code first_scan}</li>
 * <li>{@code created_at}: when the token was minted, ISO-8601 UTC</li>
 * <li>{@code gs1_digital_signature}: a signed batch's GS1 AI 8030 value (87 base64url
 * characters, profile DPP-ES256-v1; docs/signatures.md), which the resolver URL also
 * carries as {@code ?8030=}; empty for unsigned batches</li>
 * <li>{@code operator_gln}: the brand's operator identifier, a GLN (ESPR Annex III (g));
 * empty when the brand has none</li>
 * <li>{@code facility_gln}: the GLN of the facility of the batch's production run (Annex
 * III (i)); empty without one</li>
 * <li>{@code commodity_code}: the product's CN or TARIC code (Annex III (d)); empty
 * without one</li>
 * </ol>
 * Rows are written by {@link Rows}: every cell that does not change from row to row is
 * printed by Commons CSV once (quoting and escaping included), and each row is those
 * bytes with the row number, identifier, status and time in between. Identifiers are
 * Crockford base32 and need no quoting, so a row is byte for byte what
 * {@code CSVPrinter.printRecord} would print, a million times faster than printing it.
 */
public final class PackCsv {

	/** The header row. */
	public static final List<String> HEADER = List.of("pack", "row", "public_id", "gtin", "lot", "serial",
			"resolver_url", "status", "activation_mode", "created_at", "gs1_digital_signature", "operator_gln",
			"facility_gln", "commodity_code");

	/** The CSV dialect of packs and manifests (Commons CSV's RFC 4180). */
	public static final CSVFormat FORMAT = CSVFormat.RFC4180;

	private static final String SAMPLE_IDENTIFIER = "0".repeat(IdentifierScheme.LENGTH);

	/**
	 * Length of an AI 8030 value: none of its characters needs quoting in CSV or URLs.
	 */
	static final int SIGNATURE_LENGTH = DigitalSignature8030.LENGTH;

	private static final DigitalSignature8030 SAMPLE_SIGNATURE = DigitalSignature8030.of(1,
			new byte[DigitalSignature8030.SIGNATURE_BYTES]);

	private static final byte[] HEADER_LINE = bytes(FORMAT.format(HEADER.toArray()) + FORMAT.getRecordSeparator());

	private static final byte[] RECORD_SEPARATOR = bytes(FORMAT.getRecordSeparator());

	private static final byte[] DELIMITER = bytes(FORMAT.getDelimiterString());

	private PackCsv() {
	}

	static CSVPrinter printer(Writer out, List<String> header) throws IOException {
		return new CSVPrinter(out, FORMAT.builder().setHeader(header.toArray(String[]::new)).get());
	}

	/**
	 * {@code value} as a cell a spreadsheet shows as text instead of running it as a
	 * formula (OWASP "CSV injection"): a value starting with {@code =}, {@code +},
	 * {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe, which
	 * spreadsheets hide. So does a value starting with an apostrophe (allowed in GS1 lot
	 * numbers), so that dropping one leading apostrophe always gives the value back.
	 * @param value the cell's text
	 * @return the text to write
	 */
	public static String inert(String value) {
		if (value.isEmpty()) {
			return value;
		}
		return switch (value.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r', '\'' -> "'" + value;
			default -> value;
		};
	}

	/**
	 * A value as Commons CSV prints it in any field but a record's first (the first field
	 * has quoting rules of its own).
	 */
	private static String cell(String value) {
		String record = FORMAT.format("-", value);
		return record.substring(2);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The rows of one export's packs: a template per lot (and one for tokens without a
	 * lot), a tail per token status. Immutable, shared by the threads writing packs.
	 */
	static final class Rows {

		private final Map<Long, Template> templates = new HashMap<>();

		private final byte[][] statusTails = new byte[TokenStatus.values().length][];

		private final boolean signed;

		/** The batch's identifier cells, the same on every row, after the signature. */
		private final byte[] identifierCells;

		/**
		 * @param gs1 whether identifiers are GS1 serials (else public ids)
		 * @param gtin the GTIN cell's value (empty for non-GS1 brands)
		 * @param activationMode the batch's activation mode as written
		 * @param lotNumbers lot numbers by lot id, with {@code 0} for no lot (empty)
		 * @param urls resolver URLs by lot id, with {@code 0} for no lot
		 * @param signed whether rows carry a signature (a signed batch)
		 * @param identifiers the operator, facility and commodity identifiers of the
		 * batch
		 */
		Rows(boolean gs1, String gtin, String activationMode, Map<Long, String> lotNumbers,
				Map<Long, ResolverUrls> urls, boolean signed, Identifiers identifiers) {
			this.signed = signed;
			String d = FORMAT.getDelimiterString();
			this.identifierCells = bytes(d + cell(identifiers.operatorGln()) + d + cell(identifiers.facilityGln()) + d
					+ cell(identifiers.commodityCode()));
			for (Map.Entry<Long, String> lot : lotNumbers.entrySet()) {
				this.templates.put(lot.getKey(),
						new Template(gs1, gtin, lot.getValue(), urls.get(lot.getKey()), signed));
			}
			for (TokenStatus status : TokenStatus.values()) {
				this.statusTails[status.code()] = bytes(
						"," + cell(status.label()) + "," + cell(activationMode) + FORMAT.getDelimiterString());
			}
		}

		/**
		 * Start a pack.
		 * @param packNumber its number
		 * @return a writer of its rows, header first
		 */
		Pack pack(int packNumber) {
			return new Pack(bytes(FORMAT.format(Integer.toString(packNumber)) + FORMAT.getDelimiterString()));
		}

		/** The rows of one pack, gathered in memory (a pack is a few megabytes). */
		final class Pack {

			private final byte[] packCell;

			private byte[] buffer = new byte[1 << 20];

			private int length;

			private long lastMicros = Long.MIN_VALUE;

			private byte[] createdAt;

			private Pack(byte[] packCell) {
				this.packCell = packCell;
				put(HEADER_LINE, 0, HEADER_LINE.length);
			}

			/**
			 * Append a row.
			 * @param row the row number, from 1
			 * @param identifiers identifiers as ASCII, {@link IdentifierScheme#LENGTH}
			 * bytes each
			 * @param offset where this row's identifier starts in {@code identifiers}
			 * @param lotId the token's lot, {@code 0} for none
			 * @param status the token's status code
			 * @param micros when it was created, in microseconds since the epoch
			 */
			void row(int row, byte[] identifiers, int offset, long lotId, int status, long micros) {
				row(row, identifiers, offset, lotId, status, micros, null, 0);
			}

			/**
			 * Append a row of a signed batch, or of an unsigned one when
			 * {@code signatures} is {@code null}.
			 * @param row the row number, from 1
			 * @param identifiers identifiers as ASCII, {@link IdentifierScheme#LENGTH}
			 * bytes each
			 * @param offset where this row's identifier starts in {@code identifiers}
			 * @param lotId the token's lot, {@code 0} for none
			 * @param status the token's status code
			 * @param micros when it was created, in microseconds since the epoch
			 * @param signatures AI 8030 values as ASCII, {@link #SIGNATURE_LENGTH} bytes
			 * each, or {@code null}
			 * @param signatureOffset where this row's value starts in {@code signatures}
			 */
			void row(int row, byte[] identifiers, int offset, long lotId, int status, long micros, byte[] signatures,
					int signatureOffset) {
				if (Rows.this.signed != (signatures != null)) {
					throw new IllegalArgumentException(Rows.this.signed ? "A signed row needs its signature"
							: "An unsigned batch's row has no signature");
				}
				Template template = Rows.this.templates.get(lotId);
				if (template == null) {
					throw new IllegalStateException("A token of lot " + lotId + ", which is not the batch's");
				}
				if (micros != this.lastMicros) {
					// Tokens minted together share their time: format it once per run.
					this.lastMicros = micros;
					this.createdAt = bytes(cell(Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString()));
				}
				put(this.packCell, 0, this.packCell.length);
				putInt(row);
				put(template.beforeIdentifier, 0, template.beforeIdentifier.length);
				put(identifiers, offset, IdentifierScheme.LENGTH);
				put(template.beforeUrlIdentifier, 0, template.beforeUrlIdentifier.length);
				put(identifiers, offset, IdentifierScheme.LENGTH);
				if (signatures != null) {
					put(template.beforeUrlSignature, 0, template.beforeUrlSignature.length);
					put(signatures, signatureOffset, SIGNATURE_LENGTH);
				}
				put(template.afterUrlIdentifier, 0, template.afterUrlIdentifier.length);
				byte[] tail = Rows.this.statusTails[status];
				put(tail, 0, tail.length);
				put(this.createdAt, 0, this.createdAt.length);
				put(DELIMITER, 0, DELIMITER.length);
				if (signatures != null) {
					put(signatures, signatureOffset, SIGNATURE_LENGTH);
				}
				put(Rows.this.identifierCells, 0, Rows.this.identifierCells.length);
				put(RECORD_SEPARATOR, 0, RECORD_SEPARATOR.length);
			}

			/** Write the pack's bytes so far. */
			void writeTo(OutputStream out) {
				try {
					out.write(this.buffer, 0, this.length);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}

			private void put(byte[] bytes, int offset, int count) {
				ensure(count);
				System.arraycopy(bytes, offset, this.buffer, this.length, count);
				this.length += count;
			}

			private void putInt(int value) {
				ensure(10);
				int start = this.length;
				do {
					this.buffer[this.length++] = (byte) ('0' + value % 10);
					value /= 10;
				}
				while (value != 0);
				for (int i = start, j = this.length - 1; i < j; i++, j--) {
					byte swap = this.buffer[i];
					this.buffer[i] = this.buffer[j];
					this.buffer[j] = swap;
				}
			}

			private void ensure(int extra) {
				if (this.length + extra > this.buffer.length) {
					this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + extra));
				}
			}

		}

	}

	/**
	 * The identifiers a batch's rows carry in their last columns: digits only, or empty.
	 *
	 * @param operatorGln the brand's GLN
	 * @param facilityGln the production facility's GLN
	 * @param commodityCode the product's CN or TARIC code
	 */
	record Identifiers(String operatorGln, String facilityGln, String commodityCode) {

		/** None of them. */
		static final Identifiers NONE = new Identifiers("", "", "");

		Identifiers {
			operatorGln = (operatorGln != null) ? operatorGln : "";
			facilityGln = (facilityGln != null) ? facilityGln : "";
			commodityCode = (commodityCode != null) ? commodityCode : "";
		}

	}

	/**
	 * The constant bytes of a row of one lot, around its identifier (written twice: as
	 * public id or serial, and at the end of its resolver URL) and, for a signed batch,
	 * the URL's {@code ?8030=} signature.
	 */
	private static final class Template {

		private final byte[] beforeIdentifier;

		private final byte[] beforeUrlIdentifier;

		private final byte[] beforeUrlSignature;

		private final byte[] afterUrlIdentifier;

		Template(boolean gs1, String gtin, String lotNumber, ResolverUrls urls, boolean signed) {
			String d = FORMAT.getDelimiterString();
			// pack,row,public_id,gtin,lot,serial,resolver_url,...: the identifier is the
			// public id (non-GS1) or the serial (GS1).
			String between = cell(gtin) + d + cell(inert(lotNumber)) + d;
			this.beforeIdentifier = bytes(gs1 ? d + d + between : d);
			// The URL is ResolverUrls' own, written for a sample unit. Commons CSV
			// decides
			// whether its cell needs quoting; the identifier (Crockford base32) and the
			// signature (base64url) never change that, so the cell is split around them.
			String url = cell(urls.url(SAMPLE_IDENTIFIER, signed ? SAMPLE_SIGNATURE : null));
			int at = url.lastIndexOf(SAMPLE_IDENTIFIER);
			int after = at + SAMPLE_IDENTIFIER.length();
			int signatureAt = signed ? url.lastIndexOf(SAMPLE_SIGNATURE.encoded()) : after;
			if (at < 0 || signatureAt < after) {
				throw new IllegalStateException("A resolver URL's cell lost its identifier or signature: " + url);
			}
			this.beforeUrlIdentifier = bytes((gs1 ? d : d + between + d) + url.substring(0, at));
			this.beforeUrlSignature = bytes(url.substring(after, signatureAt));
			this.afterUrlIdentifier = bytes(url.substring(signed ? signatureAt + SIGNATURE_LENGTH : after));
		}

	}

}
