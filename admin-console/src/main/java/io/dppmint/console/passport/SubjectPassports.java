package io.dppmint.console.passport;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.identifier.InvalidIdentifierException;
import io.dppmint.core.identifier.UnknownIdentifierException;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.JdbcPassports.Subject;
import io.dppmint.core.passport.PassportVersion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Batches and units as the API and the console reach their passport data: only a minted
 * batch of the caller's brands, or a unit of one (another brand's is answered like one
 * that does not exist), and every change through one path, checked for a role that may
 * write and written (validated, versioned, audited) by {@link JdbcPassports}.
 */
@Component
class SubjectPassports {

	private final JdbcPassports passports;

	private final JdbcMintBatchRepository batches;

	private final IdentifierScheme identifiers;

	private final JdbcClient jdbc;

	SubjectPassports(JdbcPassports passports, JdbcMintBatchRepository batches, IdentifierScheme identifiers,
			JdbcClient jdbc) {
		this.passports = passports;
		this.batches = batches;
		this.identifiers = identifiers;
		this.jdbc = jdbc;
	}

	/**
	 * A minted batch of the caller's brands: only minted batches have passports.
	 * @throws ApiException 404 for another brand's, a missing or an unminted one
	 */
	MintBatch batch(Caller caller, long batchId) {
		return this.batches.find(caller.scope(), batchId)
			.filter((batch) -> batch.status() == MintBatchStatus.MINTED)
			.orElseThrow(() -> ApiException.notFound("There is no minted batch " + batchId));
	}

	/**
	 * A unit of the caller's brands.
	 * @param identifier its identifier, as the console and the API show it
	 * @throws ApiException 404 for another brand's or a missing one, 400 for an
	 * identifier that cannot be one
	 */
	Unit unit(Caller caller, String identifier) {
		long number;
		try {
			number = this.identifiers.decode(identifier);
		}
		catch (UnknownIdentifierException ex) {
			throw ApiException.notFound("There is no token " + identifier);
		}
		catch (InvalidIdentifierException ex) {
			throw ApiException.invalid("identifier", "INVALID_IDENTIFIER", ex.getMessage());
		}
		return this.jdbc.sql("""
				select t.id, t.batch_id, b.brand_id, b.product_id from tokens t join mint_batches b on b.id = t.batch_id
				where t.id = :id and (:allBrands or b.brand_id = :brandId)""")
			.param("id", number)
			.param("allBrands", caller.scope().allBrands())
			.param("brandId", caller.scope().brandId())
			.query((row, n) -> new Unit(row.getLong("id"), row.getLong("batch_id"), row.getLong("brand_id"),
					row.getLong("product_id"), identifier))
			.optional()
			.orElseThrow(() -> ApiException.notFound("There is no token " + identifier));
	}

	/**
	 * Write a batch's or unit's data as its next version ({@link JdbcPassports#submit}).
	 * @param id a batch or token id the caller reached through {@link #batch} or
	 * {@link #unit}
	 * @param expectedVersion the version the caller read, or {@code null} for any
	 */
	PassportVersion submit(Caller caller, Subject subject, long id, JdbcPassports.Change change,
			Integer expectedVersion) {
		if (!caller.canWrite()) {
			throw ApiException.forbidden("Your role may not change passports");
		}
		return this.passports.submit(subject, id, change, expectedVersion, caller.actor());
	}

	/**
	 * A unit whose passport data is reached.
	 *
	 * @param id its token id
	 * @param batchId its batch
	 * @param brandId its brand
	 * @param productId its product
	 * @param identifier its identifier
	 */
	record Unit(long id, long batchId, long brandId, long productId, String identifier) {
	}

}
