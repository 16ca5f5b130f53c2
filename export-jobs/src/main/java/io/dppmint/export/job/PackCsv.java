package io.dppmint.export.job;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

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
 * <li>{@code lot}: the lot number (lot mode; empty otherwise)</li>
 * <li>{@code serial}: the GS1 serial, AI 21 (GS1 brands; empty otherwise)</li>
 * <li>{@code resolver_url}: what the QR code or NFC tag carries</li>
 * <li>{@code status}: {@code minted}, {@code active} or {@code revoked} when the pack was
 * written</li>
 * <li>{@code activation_mode}: {@code active} or {@code first_scan}</li>
 * <li>{@code created_at}: when the token was minted, ISO-8601 UTC</li>
 * </ol>
 */
public final class PackCsv {

	/** The header row. */
	public static final List<String> HEADER = List.of("pack", "row", "public_id", "gtin", "lot", "serial",
			"resolver_url", "status", "activation_mode", "created_at");

	/** The CSV dialect of packs and manifests (Commons CSV's RFC 4180). */
	public static final CSVFormat FORMAT = CSVFormat.RFC4180;

	private PackCsv() {
	}

	static CSVPrinter printer(Writer out, List<String> header) throws IOException {
		return new CSVPrinter(out, FORMAT.builder().setHeader(header.toArray(String[]::new)).get());
	}

}
