package io.dppmint.console.security;

import io.dppmint.console.api.ApiException;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;

/**
 * The brand a request names, as far as the caller may reach it: another brand's is
 * answered exactly like one that does not exist (404), so ids reveal nothing. Brand users
 * reach their own brand, operators and global viewers every brand.
 */
public final class CallerBrands {

	private CallerBrands() {
	}

	/**
	 * The brand, if the caller may reach it.
	 * @param brands the brands
	 * @param caller who asks
	 * @param brandId the brand named
	 * @return the brand
	 * @throws ApiException 404 for another brand's or a missing one
	 */
	public static Brand require(JdbcBrandRepository brands, Caller caller, long brandId) {
		if (caller.brandId() != null && caller.brandId() != brandId) {
			throw unknown(brandId);
		}
		return brands.findById(brandId).orElseThrow(() -> unknown(brandId));
	}

	private static ApiException unknown(long brandId) {
		return ApiException.notFound("There is no brand " + brandId);
	}

}
