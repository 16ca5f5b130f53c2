package io.dppmint.resolver.telemetry;

import java.time.Instant;

/**
 * One scan, as telemetry keeps it: only GDPR-safe facts. The client address is already
 * truncated ({@link NetworkPrefix}); there is no full address, cookie or identifier of
 * the person.
 *
 * @param scannedAt when the scan arrived
 * @param tokenId the token scanned, or {@code null} for a lot or product URL
 * @param batchId its batch, or {@code null}
 * @param brandId the brand, or {@code null}
 * @param identifier what was scanned: the resolver path (GTIN, lot, serial or public id)
 * @param networkPrefix the client's /24 (IPv4) or /48 (IPv6) network, or {@code null}
 * @param country coarse location from the trusted edge header, or {@code null}
 * @param region coarse location from the trusted edge header, or {@code null}
 * @param userAgent the user agent, shortened
 * @param firstScan whether this scan activated the token
 * @param productId the product, or {@code null}
 */
public record ScanEvent(Instant scannedAt, Long tokenId, Long batchId, Long brandId, String identifier,
		String networkPrefix, String country, String region, String userAgent, boolean firstScan,
		Long productId) implements Scan {

}
