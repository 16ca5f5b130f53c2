package io.dppmint.console.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.registry.JdbcRegistryRegistrations;
import io.dppmint.core.registry.RegistryException;
import io.dppmint.core.registry.RegistryRegistration;
import io.dppmint.core.registry.RegistrySubmission;

import org.springframework.stereotype.Component;

/**
 * The registry feature as the API and the batch page use it: a batch of the caller's
 * brands (another brand's is answered as missing), its registration state, its submission
 * and file, and the changes, with the core's refusals turned into API errors (400 for a
 * value, 409 for the batch's state).
 */
@Component
class BatchRegistry {

	private final JdbcMintBatchRepository batches;

	private final JdbcRegistryRegistrations registrations;

	private final RegistrySubmission submission;

	BatchRegistry(JdbcMintBatchRepository batches, JdbcRegistryRegistrations registrations,
			RegistrySubmission submission) {
		this.batches = batches;
		this.registrations = registrations;
		this.submission = submission;
	}

	MintBatch batch(Caller caller, long batchId) {
		return this.batches.find(caller.scope(), batchId)
			.orElseThrow(() -> ApiException.notFound("There is no batch " + batchId));
	}

	RegistryRegistration registration(MintBatch batch) {
		return this.registrations.find(batch.id(), batch.brandId());
	}

	RegistrySubmission.Payload payload(MintBatch batch) {
		return refusing(() -> this.submission.payload(batch.id()));
	}

	/**
	 * Check that the batch has a registry file (it is minted) before a response is
	 * committed.
	 */
	void requireFile(MintBatch batch) {
		if (batch.status() != MintBatchStatus.MINTED) {
			throw ApiException.conflict("BATCH_NOT_MINTED", "Batch " + batch.id() + " is " + batch.status().value()
					+ ": only a minted batch is registered (its units must all exist)");
		}
	}

	void writeFile(MintBatch batch, OutputStream out) throws IOException {
		try {
			this.submission.write(batch.id(), out);
		}
		catch (RegistryException ex) {
			throw refusal(ex);
		}
	}

	RegistryRegistration submit(Caller caller, MintBatch batch) {
		return refusing(() -> this.registrations.submit(batch.id(), payload(batch).sha256(), caller.actor()));
	}

	RegistryRegistration register(Caller caller, MintBatch batch, String registrationIdentifier) {
		return refusing(() -> this.registrations.register(batch.id(), registrationIdentifier, caller.actor()));
	}

	RegistryRegistration reject(Caller caller, MintBatch batch, String reason) {
		return refusing(() -> this.registrations.reject(batch.id(), reason, caller.actor()));
	}

	private static <T> T refusing(Supplier<T> action) {
		try {
			return action.get();
		}
		catch (RegistryException ex) {
			throw refusal(ex);
		}
	}

	private static ApiException refusal(RegistryException ex) {
		return ex.invalid() ? ApiException.invalid(ex.field(), ex.code(), ex.getMessage())
				: ApiException.conflict(ex.code(), ex.getMessage());
	}

}
