package io.dppmint.core.catalog;

import java.util.List;
import java.util.Objects;

import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.PassportSchema;

/**
 * A stored brand and its DPP schema configuration: the passport fields every product must
 * populate before it is ready to mint, and whether its products carry GTINs (a GS1-ready
 * brand, resolved through GS1 Digital Link URIs) or not.
 *
 * @param id the database id
 * @param code the unique brand code used in URLs and on the command line
 * ({@code acme-apparel})
 * @param name the display name
 * @param passportSchema the brand's current passport schema: its fields, which of them a
 * product must populate before minting, and who may see each
 * @param gtinRequired whether the brand is GS1-ready: its products need a GTIN issued
 * under {@code gs1CompanyPrefix}
 * @param gs1CompanyPrefix the GS1 company prefix (4 to 12 digits), never {@code null}
 * when {@code gtinRequired}
 * @param resolverBaseUrl the base of the brand's resolver URLs, without trailing slash
 * @param operatorGln the brand's unique operator identifier (a GS1 GLN, ESPR Annex III
 * (g)), or {@code null} when not given
 */
public record Brand(long id, String code, String name, PassportSchema passportSchema, boolean gtinRequired,
		String gs1CompanyPrefix, String resolverBaseUrl, String operatorGln) {

	public Brand {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(passportSchema, "passportSchema");
		Objects.requireNonNull(resolverBaseUrl, "resolverBaseUrl");
		if (gtinRequired && gs1CompanyPrefix == null) {
			throw new IllegalArgumentException("GS1-ready brand " + code + " has no GS1 company prefix");
		}
	}

	/**
	 * The model-level passport fields a product must populate before it is ready to mint,
	 * in the schema's order.
	 * @return the field keys
	 */
	public List<String> requiredFields() {
		return this.passportSchema.required(DataLevel.MODEL);
	}

}
