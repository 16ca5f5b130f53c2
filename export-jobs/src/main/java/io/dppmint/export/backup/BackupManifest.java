package io.dppmint.export.backup;

import java.time.Instant;
import java.util.List;

/**
 * The {@code manifest.json} of a backup archive (docs/backup.md): what the archive holds
 * and how to check it. It is the archive's last entry, written once every other entry's
 * checksum is known, followed only by {@value #CHECKSUM_ENTRY_NAME}, its own checksum, so
 * that every byte of the archive's content is covered even without the archive's
 * {@code .sha256} file beside it.
 *
 * @param format {@value #FORMAT}; a restore refuses any other
 * @param installationId the source installation's id (its {@code installation} row)
 * @param schemaVersion the source's Flyway schema version; a restore needs the same or a
 * newer one
 * @param brand the brand's code
 * @param createdAt when the backup's snapshot was taken
 * @param identifierKeyFingerprint the source's identifier-key fingerprint
 * ({@code IdentifierScheme#keyFingerprint()}); a restore needs the same key
 * @param withGrants whether the access grants are in the archive
 * @param tokens the brand's tokens (the sum of the token ranges)
 * @param entries every other entry with its line count and checksum
 */
record BackupManifest(String format, String installationId, String schemaVersion, String brand, Instant createdAt,
		String identifierKeyFingerprint, boolean withGrants, long tokens, List<Entry> entries) {

	static final String FORMAT = "dppmint.backup/1";

	static final String ENTRY_NAME = "manifest.json";

	/** The manifest's own checksum, in {@code sha256sum} format: the last entry. */
	static final String CHECKSUM_ENTRY_NAME = "manifest.sha256";

	/**
	 * One NDJSON entry of the archive.
	 *
	 * @param name the entry's name ({@code products.ndjson})
	 * @param rows its lines, one row each
	 * @param bytes its size
	 * @param sha256 the SHA-256 of its bytes, lowercase hex
	 */
	record Entry(String name, long rows, long bytes, String sha256) {
	}

}
