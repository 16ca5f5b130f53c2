package io.dppmint.core.token;

import java.time.Instant;

/**
 * A minted token a first scan asks to activate, with what its audit event records.
 *
 * @param tokenId the token number
 * @param batchId its batch
 * @param brandId its brand, whose active-token counter moves
 * @param identifier its serial or public id, for the audit event
 * @param scannedAt when it was scanned: its {@code activated_at}, even when the
 * activation commits later (it waited for the primary)
 */
public record TokenToActivate(long tokenId, long batchId, long brandId, String identifier, Instant scannedAt) {

}
