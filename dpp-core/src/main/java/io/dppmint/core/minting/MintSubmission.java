package io.dppmint.core.minting;

/**
 * The result of submitting a mint request.
 *
 * @param batch the queued batch (or the existing one, for a retried idempotent request)
 * @param created whether this submission created it
 */
public record MintSubmission(MintBatch batch, boolean created) {

}
