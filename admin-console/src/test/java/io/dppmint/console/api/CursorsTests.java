package io.dppmint.console.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorsTests {

	@Test
	void roundTripsKeys() {
		assertThat(Cursors.key(Cursors.of(0))).isZero();
		assertThat(Cursors.key(Cursors.of(123_456_789_012L))).isEqualTo(123_456_789_012L);
		assertThat(Cursors.key(Cursors.of(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
		assertThat(Cursors.key(null)).isNull();
		assertThat(Cursors.key("")).isNull();
	}

	@Test
	void rejectsCursorsItDidNotIssueWith400() {
		for (String forged : new String[] { "12", "k", "k-5", "kzzzzzzzzzzzzzz", "x12" }) {
			assertThatExceptionOfType(ApiException.class).isThrownBy(() -> Cursors.key(forged))
				.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(400));
		}
	}

}
