package io.dppmint.core.minting;

import java.util.List;

/**
 * A request to mint tokens for a product, as the API, the console wizard and the command
 * line submit it. Validation happens in {@link MintIntake}, which reports every problem
 * at once.
 *
 * @param brandId the brand the request is made for (the caller's tenant)
 * @param productId the product (SKU) to mint
 * @param productionRunId an ERP production run whose planned quantity bounds minting, or
 * {@code null}
 * @param identityMode serial (a token per unit) or lot (unit tokens inside lots)
 * @param activationMode active at mint, or activate on first scan
 * @param quantity units, 1 to 1,000,000
 * @param lots in lot mode, the lots and their quantities (summing to {@code quantity});
 * empty in serial mode
 * @param idempotencyKey a client key that makes retries safe, or {@code null}
 */
public record MintRequest(long brandId, long productId, Long productionRunId, IdentityMode identityMode,
		ActivationMode activationMode, int quantity, List<LotRequest> lots, String idempotencyKey) {

	/** Most units one request may mint. */
	public static final int MAX_QUANTITY = 1_000_000;

	public MintRequest {
		lots = (lots != null) ? List.copyOf(lots) : List.of();
	}

	/**
	 * One requested lot.
	 *
	 * @param lotNumber GS1 AI (10) value
	 * @param quantity units in the lot
	 */
	public record LotRequest(String lotNumber, int quantity) {

	}

}
