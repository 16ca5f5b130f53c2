package io.dppmint.console.security;

import io.dppmint.core.tenancy.BrandScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallerTests {

	@Test
	void scopesBrandRolesToTheirBrandAndOperatorsToEveryBrand() {
		assertThat(new Caller("o", Role.OPERATOR, null).scope()).isEqualTo(BrandScope.everyBrand());
		assertThat(new Caller("b", Role.BRAND_OWNER, 7L).scope()).isEqualTo(BrandScope.of(7));
		assertThat(new Caller("k", Role.API_CLIENT, 7L).scope().includes(8)).isFalse();
		assertThat(new Caller("v", Role.VIEWER, null).scope().allBrands()).isTrue();
	}

	@Test
	void refusesBrandRolesWithoutABrandAndOperatorsWithOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Caller("b", Role.BRAND_OWNER, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Caller("k", Role.API_CLIENT, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Caller("o", Role.OPERATOR, 1L));
	}

	@Test
	void letsOnlyNonViewersWrite() {
		assertThat(new Caller("v", Role.VIEWER, 3L).canWrite()).isFalse();
		assertThat(new Caller("c", Role.COMPLIANCE_APPROVER, 3L).canWrite()).isTrue();
	}

}
