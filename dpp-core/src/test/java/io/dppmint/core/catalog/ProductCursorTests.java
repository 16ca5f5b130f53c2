package io.dppmint.core.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProductCursorTests {

	@Test
	void survivesTheRoundTripThroughItsToken() {
		ProductCursor cursor = new ProductCursor("Ünïcode: name, with 'quotes' / slashes", 42);

		assertThat(ProductCursor.fromToken(cursor.token())).isEqualTo(cursor);
		assertThat(cursor.token()).matches("[A-Za-z0-9_-]+");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not base64!", "bm8tY29sb24", "eDpuYW1l" })
	void rejectsATokenItDidNotMake(String token) {
		assertThatExceptionOfType(CatalogValidationException.class).isThrownBy(() -> ProductCursor.fromToken(token))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("cursor"));
	}

	@Test
	void rejectsATokenWhoseNameHoldsAControlCharacter() {
		String token = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("7:Tee\u0000".getBytes(java.nio.charset.StandardCharsets.UTF_8));

		assertThatExceptionOfType(CatalogValidationException.class).isThrownBy(() -> ProductCursor.fromToken(token))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("INVALID_CURSOR"));
	}

}
