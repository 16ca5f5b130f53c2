package io.dppmint.resolver.activation;

/**
 * A minted token a scan asks to activate.
 *
 * @param tokenId the token number
 * @param batchId its batch
 * @param brandId its brand, whose active-token counter moves
 * @param identifier its serial or public id, for the audit event
 */
public record TokenToActivate(long tokenId, long batchId, long brandId, String identifier) {

}
