package io.dppmint.core.tenancy;

/**
 * Which brands a caller may see and change: every brand (operators, platform viewers) or
 * exactly one (brand owners, compliance approvers, a brand's API keys). Brand-scoped
 * queries take a scope and put it into their SQL ({@code (:allBrands or brand_id =
 * :brandId)}), so tenant isolation holds in the queries themselves, not only in the
 * controllers that call them.
 *
 * @param allBrands whether every brand is in scope
 * @param brandId the one brand in scope when {@code allBrands} is false, else 0
 */
public record BrandScope(boolean allBrands, long brandId) {

	public BrandScope {
		if (allBrands ? brandId != 0 : brandId <= 0) {
			throw new IllegalArgumentException("A scope is every brand or one brand id, not " + brandId);
		}
	}

	/** The scope of every brand. */
	public static BrandScope everyBrand() {
		return new BrandScope(true, 0);
	}

	/** The scope of one brand. */
	public static BrandScope of(long brandId) {
		return new BrandScope(false, brandId);
	}

	/** Whether {@code candidate} is in scope. */
	public boolean includes(long candidate) {
		return this.allBrands || this.brandId == candidate;
	}

}
