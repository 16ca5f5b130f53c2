package io.dppmint.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.dppmint.core.export.PackStorage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads stored packs back for assertions: their bytes, checksums and parsed rows. */
public final class ExportPacks {

	private ExportPacks() {
	}

	public static byte[] bytes(PackStorage storage, String key) throws IOException {
		try (InputStream in = storage.open(key)) {
			return in.readAllBytes();
		}
	}

	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The records of a CSV file with a header row, parsed as RFC 4180. */
	public static List<CSVRecord> records(byte[] bytes) throws IOException {
		try (Reader reader = new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.RFC4180.builder()
					.setHeader()
					.setSkipHeaderRecord(true)
					.get()
					.parse(reader)) {
			return parser.getRecords();
		}
	}

	/** The header row of a CSV file. */
	public static List<String> header(byte[] bytes) throws IOException {
		try (Reader reader = new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(reader)) {
			return parser.getHeaderNames();
		}
	}

}
