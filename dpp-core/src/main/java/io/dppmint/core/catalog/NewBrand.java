package io.dppmint.core.catalog;

import java.util.List;

/**
 * A brand to create, validated on construction: a {@code NewBrand} that exists is valid,
 * and every refused value raises a {@link CatalogValidationException} naming its field.
 * Text is stripped of surrounding white space and a trailing slash of the resolver base
 * URL is dropped.
 *
 * @param code 1 to 63 lowercase letters, digits and hyphens, starting with a letter or
 * digit
 * @param name display name, 1 to 200 characters
 * @param requiredFields passport fields every product must populate: distinct, non-blank
 * names ({@code null} for none)
 * @param gtinRequired whether the brand is GS1-ready
 * @param gs1CompanyPrefix 4 to 12 digits; required when {@code gtinRequired}, optional
 * (blank means none) otherwise
 * @param resolverBaseUrl an {@code https://} (or, for development, {@code http://}) URL
 * with a host and optional path, no query or fragment
 */
public record NewBrand(String code, String name, List<String> requiredFields, boolean gtinRequired,
		String gs1CompanyPrefix, String resolverBaseUrl) {

	public NewBrand {
		code = CatalogChecks.brandCode(code);
		name = CatalogChecks.text("name", name, CatalogChecks.MAX_NAME_LENGTH);
		requiredFields = CatalogChecks.fieldNames("requiredFields", requiredFields);
		gs1CompanyPrefix = CatalogChecks.companyPrefix(gs1CompanyPrefix, gtinRequired);
		resolverBaseUrl = CatalogChecks.resolverBaseUrl(resolverBaseUrl);
	}

}
