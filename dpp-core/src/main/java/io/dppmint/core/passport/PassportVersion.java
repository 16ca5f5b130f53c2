package io.dppmint.core.passport;

import java.time.Instant;
import java.util.List;

/**
 * One immutable version of a product's passport data.
 *
 * @param productId the product
 * @param version its number, from 1
 * @param schemaVersion the brand schema version it was validated against
 * @param data the data
 * @param changes what changed since the previous version, by field
 * @param sha256 the SHA-256 of the data's canonical JSON
 * @param previousSha256 the previous version's, or {@code null} for version 1
 * @param actor who wrote it (a console user, an API key, {@code catalogue} for data
 * imported with the product)
 * @param createdAt when
 */
public record PassportVersion(long productId, int version, int schemaVersion, PassportValues data,
		List<PassportValues.Change> changes, byte[] sha256, byte[] previousSha256, String actor, Instant createdAt) {

	public PassportVersion {
		changes = List.copyOf(changes);
	}

	/** The strong entity tag a client sends back in {@code If-Match}: {@code "v3"}. */
	public String etag() {
		return "\"v" + this.version + "\"";
	}

}
