package io.dppmint.core.minting;

import java.util.List;

import io.dppmint.core.passport.PassportValues;

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
 * @param signed whether each unit's GS1 element string is signed with the brand's key and
 * carried as GS1 AI 8030 (GS1-ready brands, products with a GTIN only)
 * @param carrier printed QR codes or NFC tags; {@code null} means {@link Carrier#QR}
 * @param passport batch-level passport data given with the request (written as the
 * batch's first passport version), empty for none
 */
public record MintRequest(long brandId, long productId, Long productionRunId, IdentityMode identityMode,
		ActivationMode activationMode, int quantity, List<LotRequest> lots, String idempotencyKey, boolean signed,
		Carrier carrier, PassportValues passport) {

	/** Most units one request may mint. */
	public static final int MAX_QUANTITY = 1_000_000;

	public MintRequest {
		lots = (lots != null) ? List.copyOf(lots) : List.of();
		carrier = (carrier != null) ? carrier : Carrier.QR;
		passport = (passport != null) ? passport : PassportValues.empty();
	}

	/**
	 * A request without batch passport data.
	 * @param brandId the brand the request is made for
	 * @param productId the product (SKU) to mint
	 * @param productionRunId an ERP production run, or {@code null}
	 * @param identityMode serial or lot
	 * @param activationMode active at mint, or activate on first scan
	 * @param quantity units
	 * @param lots the lots in lot mode
	 * @param idempotencyKey a client key, or {@code null}
	 * @param signed whether its units are signed
	 * @param carrier printed QR codes or NFC tags
	 */
	public MintRequest(long brandId, long productId, Long productionRunId, IdentityMode identityMode,
			ActivationMode activationMode, int quantity, List<LotRequest> lots, String idempotencyKey, boolean signed,
			Carrier carrier) {
		this(brandId, productId, productionRunId, identityMode, activationMode, quantity, lots, idempotencyKey, signed,
				carrier, PassportValues.empty());
	}

	/**
	 * An unsigned request for printed QR codes.
	 * @param brandId the brand the request is made for
	 * @param productId the product (SKU) to mint
	 * @param productionRunId an ERP production run, or {@code null}
	 * @param identityMode serial or lot
	 * @param activationMode active at mint, or activate on first scan
	 * @param quantity units
	 * @param lots the lots in lot mode
	 * @param idempotencyKey a client key, or {@code null}
	 */
	public MintRequest(long brandId, long productId, Long productionRunId, IdentityMode identityMode,
			ActivationMode activationMode, int quantity, List<LotRequest> lots, String idempotencyKey) {
		this(brandId, productId, productionRunId, identityMode, activationMode, quantity, lots, idempotencyKey, false,
				Carrier.QR);
	}

	/**
	 * This request, signed or not.
	 * @param signed whether its units are signed
	 * @return the request
	 */
	public MintRequest withSigned(boolean signed) {
		return new MintRequest(this.brandId, this.productId, this.productionRunId, this.identityMode,
				this.activationMode, this.quantity, this.lots, this.idempotencyKey, signed, this.carrier,
				this.passport);
	}

	/**
	 * This request on another carrier.
	 * @param carrier printed QR codes or NFC tags
	 * @return the request
	 */
	public MintRequest withCarrier(Carrier carrier) {
		return new MintRequest(this.brandId, this.productId, this.productionRunId, this.identityMode,
				this.activationMode, this.quantity, this.lots, this.idempotencyKey, this.signed, carrier,
				this.passport);
	}

	/**
	 * This request with batch-level passport data, written as the batch's first passport
	 * version when the batch is queued.
	 * @param passport the data, checked against the brand's schema at batch level
	 * @return the request
	 */
	public MintRequest withPassport(PassportValues passport) {
		return new MintRequest(this.brandId, this.productId, this.productionRunId, this.identityMode,
				this.activationMode, this.quantity, this.lots, this.idempotencyKey, this.signed, this.carrier,
				passport);
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
