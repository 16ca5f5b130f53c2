package io.dppmint.console.keys;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;

/**
 * The brand a keys request names, as far as the caller may reach it: another brand's is
 * answered exactly like one that does not exist (404), so ids reveal nothing.
 */
final class CallerBrands {

	private CallerBrands() {
	}

	static Brand require(JdbcBrandRepository brands, Caller caller, long brandId) {
		if (caller.brandId() != null && caller.brandId() != brandId) {
			throw unknown(brandId);
		}
		return brands.findById(brandId).orElseThrow(() -> unknown(brandId));
	}

	private static ApiException unknown(long brandId) {
		return ApiException.notFound("There is no brand " + brandId);
	}

}
