package io.dppmint.export.job;

/**
 * The file names users see: in {@code Content-Disposition} of a download and in the
 * manifest. Storage keys stay private to storage.
 */
public final class ExportFiles {

	/** The manifest's header row. */
	public static final String[] MANIFEST_HEADER = { "pack", "file", "first_token_id", "rows", "bytes", "sha256" };

	private ExportFiles() {
	}

	public static String packFileName(long exportId, int packNumber) {
		return "export-%d-pack-%05d.csv".formatted(exportId, packNumber);
	}

	/** The encrypted NFC key pack beside pack {@code packNumber}. */
	public static String keyPackFileName(long exportId, int packNumber) {
		return "export-%d-nfc-keys-%05d.csv.p7m".formatted(exportId, packNumber);
	}

	public static String manifestFileName(long exportId) {
		return "export-%d-manifest.csv".formatted(exportId);
	}

}
