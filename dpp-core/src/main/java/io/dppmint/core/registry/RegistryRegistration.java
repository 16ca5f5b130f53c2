package io.dppmint.core.registry;

import java.time.Instant;

/**
 * A minted batch's registration state.
 *
 * @param batchId the batch
 * @param brandId its brand
 * @param state where it stands
 * @param registrationIdentifier what the registry returned, when {@code registered}
 * @param rejectionReason why the registry refused it, when {@code rejected}
 * @param submissionSha256 the SHA-256 of the {@code submission.json} last recorded as
 * submitted, or {@code null}
 * @param recordedBy who recorded the state
 * @param updatedAt when the state was recorded ({@code null} when not submitted)
 */
public record RegistryRegistration(long batchId, long brandId, RegistryState state, String registrationIdentifier,
		String rejectionReason, byte[] submissionSha256, String recordedBy, Instant updatedAt) {

	/**
	 * The state of a batch with nothing recorded.
	 * @param batchId the batch
	 * @param brandId its brand
	 * @return a {@link RegistryState#NOT_SUBMITTED} registration
	 */
	public static RegistryRegistration notSubmitted(long batchId, long brandId) {
		return new RegistryRegistration(batchId, brandId, RegistryState.NOT_SUBMITTED, null, null, null, null, null);
	}

}
